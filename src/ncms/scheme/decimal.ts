/**
 * Exact decimal → integer conversion for scheme and claim figures. Money (元) becomes integer fen (分), ratios become
 * integer parts per million, both straight from the decimal digits: never `x * 100` on a float, so 1.005 is refused
 * rather than silently becoming 100 or 101 fen.
 */

/** Why a value is not an acceptable decimal; callers turn it into a Chinese message naming their field. */
export type DecimalFault = 'not_number' | 'too_many_decimals' | 'too_large';

/** Integer fen (分). */
export type Fen = number;
/** A ratio in [0,1] as integer parts per million (百万分之一): 0.75 → 750 000. */
export type Ppm = number;

export const PPM = 1_000_000;

/**
 * Largest scaled magnitude accepted (10^15 fen = 10^13 yuan): far above any county figure, and low enough that
 * fen / 100 as a double still prints exactly to the fen.
 */
const MAX_SCALED = 1e15;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Scales a decimal (JSON number or string) to an integer with `places` decimals, or names the fault.
 * Numbers go through their shortest round-trip text (`String(0.1)` is "0.1"), which is the decimal the author wrote.
 * Trailing zeros do not count as decimals ("12.500" is 12.5).
 */
export function scaleDecimal(value: unknown, places: number): number | DecimalFault {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'not_number';
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return 'not_number';
  }
  const m = DECIMAL.exec(text);
  if (!m) return 'not_number';
  const [, sign, whole = '', fraction = '', exponent = '0'] = m;
  // Shift the decimal point by the exponent on the digit string itself (a huge exponent cannot be a sane figure).
  let digits = whole + fraction;
  if (!/[1-9]/.test(digits)) return 0;
  const shift = Number(exponent);
  if (Math.abs(shift) > 40) return shift > 0 ? 'too_large' : 'too_many_decimals';
  let point = whole.length + shift;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(point).replace(/0+$/, '');
  if (fracPart.length > places) return 'too_many_decimals';
  if (intPart.length > 16) return 'too_large';
  const scaled = Number(intPart + fracPart.padEnd(places, '0'));
  if (!(scaled <= MAX_SCALED)) return 'too_large';
  return sign === '-' && scaled !== 0 ? -scaled : scaled;
}

/** 元 (at most 2 decimals) → integer fen. Negative amounts come back negative: each caller decides whether they are allowed. */
export const yuanToFen = (value: unknown): Fen | DecimalFault => scaleDecimal(value, 2);

/** A ratio with at most 6 decimals → parts per million (range checks are the caller's). */
export const ratioToPpm = (value: unknown): Ppm | DecimalFault => scaleDecimal(value, 6);

/** Integer fen → yuan as a JS number (the double nearest to the 2-decimal value; prints exactly). */
export const fenToYuan = (fen: Fen): number => fen / 100;

/** round(fen × ratio) to the fen, half up, exact on integers (BigInt only when the product leaves the safe range). */
export function applyRatio(fen: Fen, ppm: Ppm): Fen {
  const scaled = fen * ppm + PPM / 2;
  if (scaled <= Number.MAX_SAFE_INTEGER) return (scaled - (scaled % PPM)) / PPM;
  return Number((BigInt(fen) * BigInt(ppm) + BigInt(PPM / 2)) / BigInt(PPM));
}
