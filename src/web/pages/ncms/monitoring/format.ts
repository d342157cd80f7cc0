// How the monitoring pages print figures: a missing figure (zero denominator) is 无数据.

export const NO_DATA = '无数据';

/** 0.5625 → "56.25%". */
export const percentText = (ratio: number | null | undefined): string => (ratio === null || ratio === undefined ? NO_DATA : `${(ratio * 100).toFixed(2)}%`);

/** A plain number with its unit, or 无数据. */
export const numberText = (value: number | null | undefined, unit = ''): string => (value === null || value === undefined ? NO_DATA : `${value.toLocaleString('zh-CN')}${unit}`);

/** The previous calendar month of a day (YYYY-MM-DD → YYYY-MM): the last complete month. */
export function lastCompleteMonth(today: string): string {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const WARNING_COLORS: Record<string, string> = { normal: 'green', notice: 'gold', warning: 'orange', severe: 'red' };
