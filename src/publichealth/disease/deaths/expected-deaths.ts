import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { invalid } from '../../../core/errors.ts';
import { AreaIndex } from '../ranking/area-index.ts';
import { deathRateOn, expectedDeaths, type ExpectedDeaths } from './death-rates.ts';

export interface TownshipDeaths extends ExpectedDeaths {
  areaId: number;
  code: string;
  name: string;
}

export interface ExpectedDeathsReport {
  from: string;
  to: string;
  perMille: number;
  underReportShare: number;
  source: string;
  definition: string;
  townships: TownshipDeaths[];
  total: ExpectedDeaths;
}

const daysIn = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/**
 * Expected against registered deaths per township of the actor's scope for a period (both ends included), flagging
 * townships whose registered deaths fall below the configured share of the expected ones (死亡漏报).
 */
export async function expectedDeathsByTownship(db: Db, actor: Actor, period: { from: string; to: string; areaId?: number | undefined }): Promise<ExpectedDeathsReport> {
  requirePermission(actor, 'disease.read');
  if (period.from > period.to) throw invalid('from', `开始日期 ${period.from} 晚于结束日期 ${period.to}，请调换`);
  const areas = await AreaIndex.load(db);
  const { ids } = areas.within(actor, period.areaId);
  const config = deathRateOn(period.from);
  // Population: residents registered on the period's first day (born by then, not dead or moved away before it).
  const population = await db
    .selectFrom('person')
    .select(['person.area_id', sql<number>`count(*)::int`.as('n')])
    .where('person.area_id', 'in', ids)
    .where('person.birth_date', '<=', period.from)
    .where((eb) => eb.or([eb('person.status', '=', 'alive'), eb('person.status_date', '>=', period.from)]))
    .groupBy('person.area_id')
    .execute();
  const deaths = await db
    .selectFrom('disease_death')
    .select(['area_id', sql<number>`count(*)::int`.as('n')])
    .where('area_id', 'in', ids)
    .where('death_date', '>=', period.from)
    .where('death_date', '<=', period.to)
    .groupBy('area_id')
    .execute();
  const byTownship = new Map<number, { population: number; registered: number }>();
  const add = (areaId: number | null, key: 'population' | 'registered', n: number) => {
    const township = areaId === null ? undefined : areas.township(areaId);
    if (!township) return;
    const entry = byTownship.get(township.id) ?? { population: 0, registered: 0 };
    entry[key] += n;
    byTownship.set(township.id, entry);
  };
  for (const row of population) add(row.area_id, 'population', row.n);
  for (const row of deaths) add(row.area_id, 'registered', row.n);
  const days = daysIn(period.from, period.to);
  const townships = [...byTownship.entries()]
    .map(([areaId, t]) => ({ areaId, code: areas.get(areaId)!.code, name: areas.get(areaId)!.name, ...expectedDeaths(t.population, t.registered, days, config) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const sum = (k: 'population' | 'registered') => townships.reduce((s, t) => s + t[k], 0);
  return {
    from: period.from,
    to: period.to,
    perMille: config.perMille,
    underReportShare: config.underReportShare,
    source: config.source,
    definition: `应报死亡数 = 期初户籍人口 × 粗死亡率 ${config.perMille}‰ × 统计天数 ÷ 365.25；登记死亡数低于应报数的 ${Math.round(config.underReportShare * 100)}%（且应报数不少于 ${config.minExpected}）视为可能漏报`,
    townships,
    total: expectedDeaths(sum('population'), sum('registered'), days, config),
  };
}

