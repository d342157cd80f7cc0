/**
 * Calendar arithmetic for the schedule: dates as day numbers (days since 1970-01-01) so comparisons are integer
 * compares, and ages/intervals as ISO 8601 durations ("P2M", "P4Y", "P28D").
 * Months are calendar months with the day clamped to the month's end (born 2024-01-31 → 1 month on 2024-02-29),
 * which is how a clerk counts 月龄 on the calendar.
 */
export type Day = number;

export interface Duration {
  months: number;
  days: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;

export function parseDuration(text: string): Duration | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P') return undefined;
  return { months: Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0), days: Number(m[3] ?? 0) };
}

/** Chinese age wording for messages: whole years as 岁, otherwise 月龄 or 天. */
export function formatDuration(d: Duration): string {
  const parts: string[] = [];
  if (d.months > 0) parts.push(d.months % 12 === 0 && d.months >= 12 ? `${d.months / 12}岁` : `${d.months}月龄`);
  if (d.days > 0 || parts.length === 0) parts.push(`${d.days}天`);
  return parts.join('');
}

// Days from civil date and back (H. Hinnant's algorithms): integer only, no Date objects in the hot path.
export function dayFromParts(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function partsFromDay(day: Day): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → day number; undefined when it is not a real calendar date. */
export function parseDay(date: string): Day | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return dayFromParts(y, mo, d);
}

export function formatDay(day: Day): string {
  const [y, m, d] = partsFromDay(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1]!;
}

export function addDuration(day: Day, d: Duration): Day {
  if (d.months === 0) return day + d.days;
  const [y, m, dd] = partsFromDay(day);
  const total = y * 12 + (m - 1) + d.months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayFromParts(ny, nm, Math.min(dd, daysInMonth(ny, nm))) + d.days;
}
