// Money on the NCMS pages: the API counts integer fen (分); clerks read yuan with two decimals.

const GROUPED = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 123456 → "1,234.56"; exact on the integer, never through a float division. */
export function fenAmount(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${GROUPED.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "1,234.56 元". */
export const fenText = (fen: number): string => `${fenAmount(fen)} 元`;
