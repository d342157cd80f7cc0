import type { Figure } from './types.ts';

/** A rate as a percentage with two decimals; "—" when there is nothing to divide by. */
export const percent = (f: Figure) => (f.rate === null ? '—' : `${(f.rate * 100).toFixed(2)}%`);
