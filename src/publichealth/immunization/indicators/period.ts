import { invalid } from '../../../core/errors.ts';

/** A reporting period (统计期): a year, a quarter or a month, both ends included. */
export interface Period {
  /** As asked: '2026', '2026-Q1', '2026-03'. */
  id: string;
  /** 2026年, 2026年第1季度, 2026年3月 */
  name: string;
  from: string;
  to: string;
}

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** '2026' | '2026-Q1' | '2026-03' → its first and last day; anything else is refused naming the field `period`. */
export function parsePeriod(text: string): Period {
  const m = PERIOD.exec(text.trim());
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < 1990 || year > 2100) {
    throw invalid('period', `统计期「${text}」格式不正确：应为年度（如 2026）、季度（如 2026-Q1）或月份（如 2026-03）`, 'invalid_period');
  }
  if (m[2]) {
    const q = Number(m[2]);
    return { id: `${year}-Q${q}`, name: `${year}年第${q}季度`, from: iso(year, q * 3 - 2, 1), to: iso(year, q * 3, lastDayOfMonth(year, q * 3)) };
  }
  if (m[3]) {
    const month = Number(m[3]);
    return { id: `${year}-${m[3]}`, name: `${year}年${month}月`, from: iso(year, month, 1), to: iso(year, month, lastDayOfMonth(year, month)) };
  }
  return { id: String(year), name: `${year}年`, from: iso(year, 1, 1), to: iso(year, 12, 31) };
}
