/**
 * Amounts in capitals as printed on Chinese receipts, 「肆佰元整」 (人民币大写), beside the figures (fenText): the form
 * finance offices require so a figure cannot be altered.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/** A group of up to 4 digits (0 < n < 10000) in capitals, without leading 零. */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + SMALL_UNITS[i]!;
  }
  return out;
}

/** 40000 → 「肆佰元整」, 123405 → 「壹仟贰佰叁拾肆元零伍分」, 0 → 「零元整」. Non-negative integer fen. */
export function yuanInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`金额应为非负整数分，收到 ${fen}`);
  const groups: number[] = []; // 4-digit groups of the whole yuan, lowest first
  for (let yuan = Math.floor(fen / 100); yuan > 0; yuan = Math.floor(yuan / 10000)) groups.push(yuan % 10000);
  let whole = '';
  let gap = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const part = groups[g]!;
    if (part === 0) {
      gap = true;
      continue;
    }
    // A gap inside the number is read once as 零: 10 0500 → 壹拾万零伍佰, 1 0000 0001 → 壹亿零壹.
    if (whole !== '' && (gap || part < 1000)) whole += '零';
    whole += group(part) + GROUP_UNITS[g]!;
    gap = false;
  }
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (jiao === 0 && cents === 0) return `${whole || '零'}元整`;
  let out = whole ? `${whole}元` : '';
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (whole) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}
