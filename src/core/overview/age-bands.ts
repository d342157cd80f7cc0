// Age bands (年龄组) of the population pyramid on the home page.

export const AGE_BANDS = [
  { from: 0, label: '0-6岁' },
  { from: 7, label: '7-14岁' },
  { from: 15, label: '15-34岁' },
  { from: 35, label: '35-64岁' },
  { from: 65, label: '65岁及以上' },
] as const;

/** The date `years` years before `date` ('YYYY-MM-DD'); 29 February falls back to the 28th in common years. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * For each band after the first, the latest birth date that is old enough for it on `today`:
 * someone is at least `from` years old when born on or before that day. Comparing birth dates with
 * these lets the database band 500 000 people without computing anyone's age.
 */
export function bandCutoffs(today: string): { band: number; bornOnOrBefore: string }[] {
  return AGE_BANDS.map((band, i) => ({ band: i, bornOnOrBefore: yearsBefore(today, band.from) }))
    .slice(1)
    .reverse();
}
