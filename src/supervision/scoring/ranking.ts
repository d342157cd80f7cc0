/**
 * The townships' scores and ranks of a month (and a run of months for the trend), from the stored values, the
 * year's targets and scoring scheme. Everyone with supervision.read sees the whole county's ranking (published).
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { checkMonth, shiftMonth, type Month } from '../month.ts';
import { parsePeriod, periodYear, type Period } from '../period.ts';
import { indicatorByCode } from '../indicators/registry.ts';
import { periodValues, storedValues } from '../indicators/table.ts';
import { getScheme, listTargets, targetFor, type Target } from './targets.ts';
import { itemPoints, rankScores, totalScore, type ItemScore, type ScoringItem } from './scoring.ts';

export interface RankingRow {
  areaId: number;
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  items: ItemScore[];
}

export interface Ranking {
  /** The period's key: the month, or 2026-H1, 2026, … */
  month: string;
  period: Period;
  /** Months of the period with stored values. */
  computedMonths: Month[];
  scheme: ScoringItem[];
  rows: RankingRow[];
}

type Stored = Pick<Awaited<ReturnType<typeof storedValues>>[number], 'area_level' | 'area_id' | 'area_code' | 'area_name' | 'indicator' | 'value'>;

/** Pure: the ranking of one month's (or period's) township values under a scheme and targets. */
export function rankTownships(values: readonly Stored[], scheme: readonly ScoringItem[], targets: readonly Target[]): Array<Omit<RankingRow, 'rank'> & { rank: number | null }> {
  const towns = new Map<number, { areaId: number; code: string; name: string; values: Map<string, number | null> }>();
  for (const v of values) {
    if (v.area_level !== 'township') continue;
    const t = towns.get(v.area_id) ?? { areaId: v.area_id, code: v.area_code, name: v.area_name, values: new Map() };
    t.values.set(v.indicator, v.value);
    towns.set(v.area_id, t);
  }
  const rows = [...towns.values()].map((t) => {
    const items = scheme.flatMap((item): ItemScore[] => {
      const def = indicatorByCode(item.indicator);
      if (!def) return [];
      const value = t.values.get(item.indicator) ?? null;
      const target = targetFor(targets, item.indicator, t.areaId);
      return [{ indicator: item.indicator, value, target, points: item.points, earned: itemPoints(item, def.direction, value, target) }];
    });
    return { areaId: t.areaId, code: t.code, name: t.name, score: totalScore(items), items };
  });
  return rankScores(rows.sort((a, b) => a.code.localeCompare(b.code)));
}

/**
 * The ranking of a month, or of a half-year (半年总结) or year (全年考核) from the months' values combined as each
 * indicator says (aggregate.ts), scored the same way under the scheme and targets of the period's (last) year.
 */
export async function periodRanking(db: Db, actor: Actor, period: Period): Promise<Ranking> {
  requirePermission(actor, 'supervision.read');
  const year = periodYear(period);
  const [{ values, months }, scheme, targets] = await Promise.all([periodValues(db, period), getScheme(db, actor, year), listTargets(db, actor, year)]);
  return { month: period.key, period, computedMonths: months, scheme, rows: rankTownships(values, scheme, targets) };
}

export const monthRanking = (db: Db, actor: Actor, month: Month) => periodRanking(db, actor, parsePeriod(month, 'month'));

export interface RankingTrend {
  months: Month[];
  townships: Array<{ areaId: number; name: string; scores: Array<number | null>; ranks: Array<number | null> }>;
}

/** Scores and ranks of every township over the `count` months up to `month`, each month under its year's rules. */
export async function rankingTrend(db: Db, actor: Actor, month: Month, count = 12): Promise<RankingTrend> {
  requirePermission(actor, 'supervision.read');
  checkMonth(month);
  const months = Array.from({ length: count }, (_, i) => shiftMonth(month, i - count + 1));
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const [values, rules] = await Promise.all([
    storedValues(db, months),
    Promise.all(years.map(async (y) => [y, { scheme: await getScheme(db, actor, y), targets: await listTargets(db, actor, y) }] as const)).then((p) => new Map(p)),
  ]);
  const townships = new Map<number, RankingTrend['townships'][number]>();
  months.forEach((m, i) => {
    const r = rules.get(Number(m.slice(0, 4)))!;
    for (const row of rankTownships(values.filter((v) => v.month === m), r.scheme, r.targets)) {
      const t = townships.get(row.areaId) ?? { areaId: row.areaId, name: row.name, scores: months.map(() => null), ranks: months.map(() => null) };
      t.scores[i] = row.score;
      t.ranks[i] = row.rank;
      townships.set(row.areaId, t);
    }
  });
  return { months, townships: [...townships.values()] };
}
