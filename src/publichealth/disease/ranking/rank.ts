import { findIcd10 } from '../icd10/icd10.ts';
import { chapterOf } from './icd10-chapters.ts';

export type RankBy = 'category' | 'chapter';

export interface RankRow {
  rank: number;
  /** The 3-character category ('I63') or the chapter's numeral ('IX'). */
  code: string;
  name: string;
  count: number;
  /** count ÷ total, four decimals. */
  share: number;
}

export interface Ranking {
  by: RankBy;
  total: number;
  rows: RankRow[];
  /** What the rows leave out (beyond the top N). */
  others: number;
}

/**
 * Counts per ICD-10 category → the top N by category (with its Chinese name) or by chapter, largest first, ties in code
 * order so the same data always ranks the same.
 */
export function rank(counts: ReadonlyArray<{ category: string; n: number }>, by: RankBy, top: number): Ranking {
  const groups = new Map<string, { name: string; count: number }>();
  for (const { category, n } of counts) {
    const chapter = by === 'chapter' ? chapterOf(category) : undefined;
    const code = by === 'chapter' ? (chapter?.id ?? '?') : category;
    const name = by === 'chapter' ? (chapter?.name ?? '无法归类的编码') : findIcd10(category)?.name || '（未收录名称）';
    const entry = groups.get(code) ?? { name, count: 0 };
    entry.count += n;
    groups.set(code, entry);
  }
  const total = counts.reduce((s, c) => s + c.n, 0);
  const sorted = [...groups.entries()].sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b));
  const rows = sorted.slice(0, top).map(([code, g], i) => ({ rank: i + 1, code, name: g.name, count: g.count, share: total ? Math.round((g.count / total) * 10_000) / 10_000 : 0 }));
  return { by, total, rows, others: total - rows.reduce((s, r) => s + r.count, 0) };
}
