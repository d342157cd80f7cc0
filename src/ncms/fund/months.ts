const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar month as a half-open date range [start, end): dates compare as text. */
export function monthRange(year: number, month: number): { start: string; end: string } {
  const start = `${year}-${pad(month)}-01`;
  const end = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { start, end };
}
