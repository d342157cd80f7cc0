import { invalid } from '../../core/errors.ts';
import { monthRange } from '../fund/months.ts';

/** A month as the pages and the alerts name it: "2026-03". */
export type MonthText = string;

const pad = (n: number) => String(n).padStart(2, '0');

export function parseMonth(month: string, field = 'month'): { year: number; month: number } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid(field, `月份应写作 YYYY-MM（如 2026-03），收到「${month}」`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** The month `delta` months after (negative: before) a month. */
export function shiftMonth(month: MonthText, delta: number): MonthText {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The month's dates as a half-open range [start, end). */
export function monthDates(month: MonthText): { start: string; end: string } {
  const { year, month: m } = parseMonth(month);
  return monthRange(year, m);
}

/** The month a date falls in. */
export const monthOf = (date: string): MonthText => date.slice(0, 7);

/** Whole days from one date to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
