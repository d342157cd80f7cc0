import { invalid } from '../core/errors.ts';

/** A month as the pages name it: "2026-03". */
export type Month = string;

const pad = (n: number) => String(n).padStart(2, '0');

export function checkMonth(month: string, field = 'month'): { year: number; month: number } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid(field, `月份应写作 YYYY-MM（如 2026-03），收到「${month}」`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** The month `delta` months after (negative: before) a month. */
export function shiftMonth(month: Month, delta: number): Month {
  const { year, month: m } = checkMonth(month);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** First and last day of the month, both included. */
export function monthDays(month: Month): { from: string; to: string } {
  const { year, month: m } = checkMonth(month);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

export const monthName = (month: Month) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** The months from `first` to `last`, both included. */
export function monthsBetween(first: Month, last: Month): Month[] {
  const out: Month[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) out.push(m);
  return out;
}
