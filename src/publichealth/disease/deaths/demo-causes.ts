import { weighted } from '../../../core/demo/random.ts';
import type { DeathPlace } from '../db/deaths-schema.ts';

/** A cause of death as the demo writes it: the underlying cause and the certificate's lines a (immediate) to b. */
export interface DemoCause {
  underlying: string;
  chain: readonly [a: string, b?: string];
}

// A rural county's mix, roughly after the national cause-of-death surveillance (circulatory, cancers, respiratory,
// injuries leading); weights are shares, not rates.
export const OLDER_CAUSES = weighted<DemoCause>([
  [{ underlying: 'I63.9', chain: ['I63.9'] }, 18],
  [{ underlying: 'I63.9', chain: ['J18.9', 'I63.9'] }, 4],
  [{ underlying: 'I61.9', chain: ['I61.9'] }, 10],
  [{ underlying: 'I21.9', chain: ['I21.9'] }, 9],
  [{ underlying: 'I25.1', chain: ['I50.9', 'I25.1'] }, 6],
  [{ underlying: 'I11.9', chain: ['I50.9', 'I11.9'] }, 4],
  [{ underlying: 'J44.9', chain: ['J96.9', 'J44.9'] }, 12],
  [{ underlying: 'J18.9', chain: ['J18.9'] }, 4],
  [{ underlying: 'C34.9', chain: ['C34.9'] }, 8],
  [{ underlying: 'C22.0', chain: ['C22.0'] }, 4],
  [{ underlying: 'C16.9', chain: ['C16.9'] }, 4],
  [{ underlying: 'C15.9', chain: ['C15.9'] }, 2],
  [{ underlying: 'E11.9', chain: ['N18.9', 'E11.9'] }, 3],
  [{ underlying: 'K74.6', chain: ['K72.9', 'K74.6'] }, 2],
  [{ underlying: 'W19', chain: ['S06.9', 'W19'] }, 3],
  [{ underlying: 'A16.2', chain: ['A16.2'] }, 1],
]);

export const YOUNGER_CAUSES = weighted<DemoCause>([
  [{ underlying: 'V89.2', chain: ['S06.9', 'V89.2'] }, 14],
  [{ underlying: 'W74', chain: ['T75.1', 'W74'] }, 4],
  [{ underlying: 'C22.0', chain: ['C22.0'] }, 8],
  [{ underlying: 'C34.9', chain: ['C34.9'] }, 7],
  [{ underlying: 'I21.9', chain: ['I21.9'] }, 7],
  [{ underlying: 'I61.9', chain: ['I61.9'] }, 6],
  [{ underlying: 'C92.0', chain: ['C92.0'] }, 2],
  [{ underlying: 'K74.6', chain: ['K72.9', 'K74.6'] }, 3],
]);

export const DEATH_PLACES = weighted<DeathPlace>([
  ['home', 56],
  ['hospital', 34],
  ['transit', 5],
  ['care_home', 3],
  ['other', 2],
]);
