import { todayInShanghai } from '../../../lib/format.ts';

/** This calendar year in Beijing: the default enrollment (参合) year. */
export const currentYear = (): number => Number(todayInShanghai().slice(0, 4));
