/**
 * Computing and keeping the indicators of a month: every registered source is asked once for all areas, the
 * counts become values, and the month's rows are replaced with the area's code and name as they are today (so a
 * trend survives a later change of areas). Audited, in one transaction.
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
import type { ComputeContext } from './types.ts';
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

/** The counts of every indicator for every area (and institution, where the module answers per institution) of a month, as values (not stored). Reads only. */
export async function computeMonthValues(db: Db, month: Month, today: string): Promise<{ areas: ValueRow[]; institutions: InstitutionRow[] }> {
  checkMonth(month);
  if (`${month}-01` > today) throw invalid('month', `${month} 尚未开始，不能计算指标`);
  const all = await areas(db);
  const county = all.find((a) => a.level === 'county');
  if (!county) return { areas: [], institutions: [] };
  const byId = new Map(all.map((a) => [a.id, a]));
  const context: ComputeContext = {
    db,
    actor: systemActor('督导考核指标计算'),
    month,
    ...monthDays(month),
    today,
    countyId: county.id,
    areaIdByCode: new Map(all.filter((a) => a.level === 'township').map((a) => [a.code, a.id])),
  };
  const units = new Map(indicatorDefinitions().map((d) => [d.code, d.unit]));
  const rows: ValueRow[] = [];
  const institutionRows: InstitutionRow[] = [];
  const institutionOf = await institutions(db);
  // One source after another: they share the database (and PGlite one core), nothing is won by running them at once.
  for (const source of indicatorSources()) {
    for (const [indicator, list] of Object.entries(await source.compute(context))) {
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
  }
  return { areas: rows, institutions: institutionRows };
}

/** The area values of a month (not stored). */
export const computeValues = async (db: Db, month: Month, today: string): Promise<ValueRow[]> => (await computeMonthValues(db, month, today)).areas;

/** Computes a month and replaces its stored values. Returns the number of values kept. */
export async function recomputeMonth(db: Db, actor: Actor, month: Month, today: string = todayInShanghai()): Promise<{ month: Month; values: number }> {
  requirePermission(actor, 'supervision.manage');
  const { areas: rows, institutions: perInstitution } = await computeMonthValues(db, month, today);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('supervision_indicator_value').where('month', '=', month).execute();
    await trx.deleteFrom('supervision_institution_value').where('month', '=', month).execute();
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('supervision_indicator_value').values(rows.slice(i, i + 500)).execute();
    for (let i = 0; i < perInstitution.length; i += 500) await trx.insertInto('supervision_institution_value').values(perInstitution.slice(i, i + 500)).execute();
    await recordAudit(trx, actor, { action: 'compute', entity: 'supervision_indicator_value', entityId: month, after: { values: rows.length, institutionValues: perInstitution.length, asOf: today } });
  });
  return { month, values: rows.length };
}
