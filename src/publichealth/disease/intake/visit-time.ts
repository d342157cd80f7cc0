// Visit times as senders write them. A time without a zone is Beijing time (the county's clock); a date alone is 0:00.

const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** The instant a visit time names, or null when it is not a time or not a real one (2月30日, 25:00). */
export function parseVisitTime(raw: string): Date | null {
  const value = raw.trim();
  if (WITH_ZONE.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const utc = Date.UTC(year!, month! - 1, day!, hour! - 8, minute!, second!);
  const date = new Date(utc);
  // Round-trip in Beijing time to refuse 2月30日 and 25:00 instead of rolling them over.
  const back = new Date(utc + 8 * 3600_000);
  const real = back.getUTCFullYear() === year && back.getUTCMonth() === month! - 1 && back.getUTCDate() === day && back.getUTCHours() === hour && minute! < 60 && second! < 60;
  return real ? date : null;
}

/** A Date read from an Excel cell holds the wall-clock time as if it were UTC: the same text a clerk sees, in Beijing time. */
export function excelWallClock(value: Date): string {
  return value.toISOString().slice(0, 19).replace('T', ' ');
}
