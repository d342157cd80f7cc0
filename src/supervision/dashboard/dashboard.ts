/**
 * The bureau's dashboard in one answer: the key indicators of a month (the latest computed when none is asked for)
 * against target and the month before, one indicator's county trend over twelve months, and the townships of the
 * month against the target line. Read from the stored values only, through the township table, so it is scoped
 * like it: every reader with supervision.read sees every township (the comparison is public); villages are one
 * click further, on the table page, within the reader's area.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { checkMonth, monthsBetween, shiftMonth, type Month } from '../month.ts';
import { requireIndicator, indicatorDefinitions } from '../indicators/registry.ts';
import { indicatorTable, storedValues } from '../indicators/table.ts';
import { listTargets, targetFor } from '../scoring/targets.ts';
import { parsePeriod } from '../period.ts';

export const TREND_MONTHS = 12;

export interface DashboardCard {
  indicator: string;
  value: number | null;
  target: number | null;
  meets: boolean | null;
  previous: number | null;
  change: number | null;
}

export interface Dashboard {
  month: Month | null;
  computedAt: string | null;
  indicator: string;
  cards: DashboardCard[];
  trend: Array<{ month: Month; value: number | null; target: number | null }>;
  /** opensVillages: the township's villages lie in the reader's area (its bar opens them). */
  townships: Array<{ areaId: number; name: string; value: number | null; target: number | null; meets: boolean | null; opensVillages: boolean }>;
}

/** value − previous, to 2 decimals; null when either is missing. */
export const monthChange = (value: number | null, previous: number | null) => (value === null || previous === null ? null : Math.round((value - previous) * 100) / 100);

async function latestMonth(db: Db): Promise<Month | null> {
  const row = await db.selectFrom('supervision_indicator_value').select((eb) => eb.fn.max('month').as('month')).executeTakeFirst();
  return row?.month ?? null;
}

export async function dashboard(db: Db, actor: Actor, query: { month?: Month | undefined; indicator?: string | undefined }): Promise<Dashboard> {
  requirePermission(actor, 'supervision.read');
  const defs = indicatorDefinitions();
  const indicator = query.indicator === undefined ? defs[0]!.code : requireIndicator(query.indicator).code;
  if (query.month !== undefined) checkMonth(query.month);
  const month = query.month ?? (await latestMonth(db));
  if (month === null) return { month: null, computedAt: null, indicator, cards: [], trend: [], townships: [] };

  const months = monthsBetween(shiftMonth(month, -(TREND_MONTHS - 1)), month);
  const years = [...new Set(months.map((m) => checkMonth(m).year))];
  const [now, before, history, targetLists] = await Promise.all([
    indicatorTable(db, actor, { period: parsePeriod(month) }),
    indicatorTable(db, actor, { period: parsePeriod(shiftMonth(month, -1)) }),
    storedValues(db, months),
    Promise.all(years.map((y) => listTargets(db, actor, y))),
  ]);
  const targetsOf = new Map(years.map((y, i) => [y, targetLists[i]!]));
  const cards = defs.map((d): DashboardCard => {
    const cell = now.total?.values[d.code];
    const previous = before.total?.values[d.code]?.value ?? null;
    const value = cell?.value ?? null;
    return { indicator: d.code, value, target: cell?.target ?? null, meets: cell?.meets ?? null, previous, change: monthChange(value, previous) };
  });
  const countyValue = new Map(history.filter((r) => r.area_level === 'county' && r.indicator === indicator).map((r) => [r.month, r.value]));
  const trend = months.map((m) => ({ month: m, value: countyValue.get(m) ?? null, target: targetFor(targetsOf.get(checkMonth(m).year)!, indicator, -1) }));
  const townships = now.rows
    .filter((r) => r.values[indicator] !== undefined)
    .map((r) => {
      const c = r.values[indicator]!;
      return { areaId: r.areaId, name: r.name, value: c.value, target: c.target, meets: c.meets, opensVillages: r.opensVillages ?? false };
    });
  return { month, computedAt: now.computedAt, indicator, cards, trend, townships };
}
