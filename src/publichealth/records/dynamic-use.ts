/**
 * 动态使用 (a record "in use"): public-health.md §3 defines the record use rate as "records with a dynamic entry
 * in the year ÷ all records". A dynamic entry is a health service recorded for the resident (a vaccination, a
 * follow-up, a health check, a visit: any timeline event with `service`), dated within the period; keeping the
 * record itself (建档, edits) and register changes (birth, move) are not. For the indicators the period is the
 * one asked for (a calendar year by default); for one record's flag it is the 12 months up to the day asked.
 */
import { addDays } from '../../core/dates.ts';
import type { DateRange, TimelineEvent } from './timeline/types.ts';

/** The 12 months ending on `day`: from the day after the same date a year earlier, through `day`. */
export function lastTwelveMonths(day: string): Required<DateRange> {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // 29 Feb a year back does not exist: count from 1 March (the day after 28 Feb).
  const yearBefore = new Date(Date.UTC(y - 1, m - 1, d));
  const sameDay = yearBefore.getUTCMonth() === m - 1 ? yearBefore.toISOString().slice(0, 10) : `${y - 1}-02-28`;
  return { from: addDays(sameDay, 1), to: day };
}

export const inRange = (date: string, range: DateRange) => (!range.from || date >= range.from) && (!range.to || date <= range.to);

/** The latest service within the range, or null: the record is in dynamic use when there is one. */
export function lastService(events: readonly Pick<TimelineEvent, 'date' | 'service'>[], range: DateRange): string | null {
  let last: string | null = null;
  for (const e of events) if (e.service && inRange(e.date, range) && (!last || e.date > last)) last = e.date;
  return last;
}

export function isDynamicUse(events: readonly Pick<TimelineEvent, 'date' | 'service'>[], range: DateRange): boolean {
  return lastService(events, range) !== null;
}
