/**
 * Masking for the village public notice (村级公示): the board shows who was reimbursed without giving away a full
 * name or ID number. Pure functions, data-driven.
 *
 * Names: the surname and the last character stay, everything between becomes 「*」 (张小三 → 张*三, 欧阳小明 → 欧阳*明);
 * a name with nothing between surname and last character keeps the surname and masks the rest (张三 → 张*,
 * 欧阳明 → 欧阳*). Compound surnames (复姓) are recognised from the list below when the name has at least three
 * characters: 欧阳明 is read as 欧阳 + 明, never as 欧 + 阳明 (the longer surname masks more of the given name).
 * Names with a middle dot (少数民族译名 阿依古丽·买买提) keep their first and last character. A one-character name
 * is printed as 「*」.
 *
 * ID numbers: first 6 (the area code) and last 4 digits stay, the rest is 「*」, for both 18-digit and old 15-digit
 * numbers (430702********1234, 430702*****1234); anything else (passport numbers, typos) is masked completely, since
 * the rule's 6 + 4 would leave a short number nearly whole. Already masked input masks to itself.
 */

/** Compound surnames (复姓) common in the county's registers; extend as data. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯',
  '轩辕', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史', '申屠', '钟离', '闻人', '万俟',
]);

const MASK = '*';

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return MASK;
  if (chars.includes('·') || chars.includes('•')) return `${chars[0]}${MASK}${chars[chars.length - 1]}`;
  const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const surname = chars.slice(0, surnameLength).join('');
  const given = chars.slice(surnameLength);
  if (given.length <= 1) return `${surname}${MASK}`;
  return `${surname}${MASK.repeat(given.length - 1)}${given[given.length - 1]}`;
}

/** ID lengths the rule applies to: the 18-digit number and the old 15-digit one. */
const ID_LENGTHS: ReadonlySet<number> = new Set([15, 18]);

export function maskIdNumber(idNumber: string | null | undefined): string {
  const id = (idNumber ?? '').trim().toUpperCase();
  if (id === '') return '';
  if (!ID_LENGTHS.has(id.length)) return MASK.repeat(Math.max(id.length, 6));
  return `${id.slice(0, 6)}${MASK.repeat(id.length - 10)}${id.slice(-4)}`;
}
