// Calendar dates as 'YYYY-MM-DD' strings. "Today" is the county's day (Asia/Shanghai), not the server's.
import { invalid } from './errors.ts';

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInShanghai(now: Date = new Date()): string {
  return SHANGHAI.format(now);
}

export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** Refuses the first of the given dates (by field name; an absent one is skipped) that is not a real calendar day. */
export function requireRealDates(dates: Record<string, string | undefined>): void {
  for (const [field, date] of Object.entries(dates)) {
    if (date !== undefined && !isRealDate(date)) throw invalid(field, `日期「${date}」无效，应为 YYYY-MM-DD`);
  }
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole years of age on a day ('YYYY-MM-DD' both): the years completed by the birthday's anniversary. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
