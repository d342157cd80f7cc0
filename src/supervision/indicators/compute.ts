/**
 * Computing and keeping the indicators of a month, or of a run of months: every registered source is asked once for
 * all areas (a source that can, once for the whole run), the counts become values, and each month's rows are replaced
 * with the area's code and name as they are today (so a trend survives a later change of areas). Audited, one
 * transaction a month.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, systemActor, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import type { AreaLevelName, SupervisionIndicatorValueTable, SupervisionInstitutionValueTable } from '../db/schema.ts';
import { checkMonth, monthDays, type Month } from '../month.ts';
import { indicatorDefinitions, indicatorSources } from './registry.ts';
import type { ComputeContext, IndicatorSource, IndicatorUnit, SourceCounts } from './types.ts';
import { indicatorValue } from './value.ts';

type ValueRow = Omit<SupervisionIndicatorValueTable, 'computed_at'>;
type InstitutionRow = Omit<SupervisionInstitutionValueTable, 'computed_at'>;

interface AreaInfo {
  id: number;
  code: string;
  name: string;
  level: AreaLevelName;
  parent_id: number | null;
}

async function areas(db: Db): Promise<AreaInfo[]> {
  return db.selectFrom('area').select(['id', 'code', 'name', 'level', 'parent_id']).execute() as Promise<AreaInfo[]>;
}

/** Every institution with the township it answers to (its own, or its village's); none for county-level ones. */
async function institutions(db: Db) {
  const rows = await db
    .selectFrom('institution as i')
    .innerJoin('area as a', 'a.id', 'i.area_id')
    .leftJoin('area as p', 'p.id', 'a.parent_id')
    .select(['i.id', 'i.name', 'a.level', 'a.id as area_id', 'a.name as area_name', 'p.id as parent_id', 'p.name as parent_name'])
    .execute();
  return new Map(
    rows.map((r) => {
      const town = r.level === 'township' ? { id: r.area_id, name: r.area_name } : r.level === 'village' ? { id: r.parent_id, name: r.parent_name } : { id: null, name: null };
      return [r.id, { name: r.name, townshipId: town.id, townshipName: town.name }] as const;
    }),
  );
}

export interface MonthValues {
  month: Month;
  areas: ValueRow[];
  institutions: InstitutionRow[];
}

/**
 * The counts of every indicator for every area (and institution, where the module answers per institution) of a run
 * of months, as values (not stored), yielded month by month in order. Sources that answer several months from one
 * load (`computeMonths`: immunization's cohort) are asked once for the whole run first, the others month by month;
 * each month's values are the same as computed alone. Reads only.
 */
export async function* computeRunValues(db: Db, months: readonly Month[], today: string): AsyncGenerator<MonthValues> {
  for (const month of months) {
    checkMonth(month);
    if (`${month}-01` > today) throw invalid('month', `${month} 尚未开始，不能计算指标`);
  }
  const all = await areas(db);
  const county = all.find((a) => a.level === 'county');
  if (!county) {
    for (const month of months) yield { month, areas: [], institutions: [] };
    return;
  }
  const byId = new Map(all.map((a) => [a.id, a]));
  const actor = systemActor('督导考核指标计算');
  const areaIdByCode = new Map(all.filter((a) => a.level === 'township').map((a) => [a.code, a.id]));
  const contexts: ComputeContext[] = months.map((month) => ({ db, actor, month, ...monthDays(month), today, countyId: county.id, areaIdByCode }));
  const units = new Map(indicatorDefinitions().map((d) => [d.code, d.unit]));
  const institutionOf = await institutions(db);
  const sources = indicatorSources();
  // One source after another: they share the database (and PGlite one core), nothing is won by running them at once.
  const ofRun = new Map<IndicatorSource, SourceCounts[]>();
  for (const source of sources) if (source.computeMonths) ofRun.set(source, await source.computeMonths(contexts));
  for (const [m, context] of contexts.entries()) {
    const counts: SourceCounts[] = [];
    for (const source of sources) counts.push(ofRun.get(source)?.[m] ?? (await source.compute(context)));
    yield { month: context.month, ...rowsOf(context.month, counts, { units, byId, institutionOf }) };
  }
}

/** A month's counts, source after source, as rows with the area's (institution's) code and name as they are today. */
function rowsOf(
  month: Month,
  counts: readonly SourceCounts[],
  { units, byId, institutionOf }: { units: Map<string, IndicatorUnit>; byId: Map<number, AreaInfo>; institutionOf: Awaited<ReturnType<typeof institutions>> },
): Omit<MonthValues, 'month'> {
  const rows: ValueRow[] = [];
  const institutionRows: InstitutionRow[] = [];
  for (const [indicator, list] of counts.flatMap((c) => Object.entries(c))) {
    for (const c of list) {
      const value = indicatorValue(units.get(indicator)!, c.numerator, c.denominator);
      if ('institutionId' in c) {
        const i = institutionOf.get(c.institutionId);
        if (i) institutionRows.push({ indicator, month, institution_id: c.institutionId, institution_name: i.name, township_id: i.townshipId, township_name: i.townshipName, numerator: c.numerator, denominator: c.denominator, value });
        continue;
      }
      const area = byId.get(c.areaId);
      if (!area) continue;
      rows.push({
        indicator,
        month,
        area_id: area.id,
        area_code: area.code,
        area_name: area.name,
        area_level: area.level,
        parent_area_id: area.level === 'village' ? area.parent_id : null,
        numerator: c.numerator,
        denominator: c.denominator,
        value,
      });
    }
  }
  return { areas: rows, institutions: institutionRows };
}

/** The counts of every indicator for every area (and institution) of one month, as values (not stored). Reads only. */
export async function computeMonthValues(db: Db, month: Month, today: string): Promise<{ areas: ValueRow[]; institutions: InstitutionRow[] }> {
  for await (const values of computeRunValues(db, [month], today)) return values;
  throw new Error('a run of one month yields that month');
}

/** The area values of a month (not stored). */
export const computeValues = async (db: Db, month: Month, today: string): Promise<ValueRow[]> => (await computeMonthValues(db, month, today)).areas;

/**
 * Computes a run of months (the demo's year, a bench) and replaces each one's stored values as it comes, in its own
 * audited transaction, as `recomputeMonth` does for one. `onMonth` hears of each month kept.
 */
export async function recomputeMonths(
  db: Db,
  actor: Actor,
  months: readonly Month[],
  today: string = todayInShanghai(),
  onMonth?: (kept: { month: Month; values: number }) => void,
): Promise<Array<{ month: Month; values: number }>> {
  requirePermission(actor, 'supervision.manage');
  const kept = [];
  for await (const { month, areas: rows, institutions: perInstitution } of computeRunValues(db, months, today)) {
    await inTransaction(db, async (trx) => {
      await trx.deleteFrom('supervision_indicator_value').where('month', '=', month).execute();
      await trx.deleteFrom('supervision_institution_value').where('month', '=', month).execute();
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('supervision_indicator_value').values(rows.slice(i, i + 500)).execute();
      for (let i = 0; i < perInstitution.length; i += 500) await trx.insertInto('supervision_institution_value').values(perInstitution.slice(i, i + 500)).execute();
      await recordAudit(trx, actor, { action: 'compute', entity: 'supervision_indicator_value', entityId: month, after: { values: rows.length, institutionValues: perInstitution.length, asOf: today } });
    });
    kept.push({ month, values: rows.length });
    onMonth?.(kept[kept.length - 1]!);
  }
  return kept;
}

/** Computes a month and replaces its stored values. Returns the number of values kept. */
export async function recomputeMonth(db: Db, actor: Actor, month: Month, today: string = todayInShanghai()): Promise<{ month: Month; values: number }> {
  return (await recomputeMonths(db, actor, [month], today))[0]!;
}
