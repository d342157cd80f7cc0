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
import type { AreaLevelName, SupervisionIndicatorValueTable } from '../db/schema.ts';
import { checkMonth, monthDays, type Month } from '../month.ts';
import { indicatorDefinitions, indicatorSources } from './registry.ts';
import type { AreaCount, ComputeContext } from './types.ts';
import { indicatorValue } from './value.ts';

type ValueRow = Omit<SupervisionIndicatorValueTable, 'computed_at'>;

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

/** The counts of every indicator for every area of a month, as values with their areas (not stored). Reads only. */
export async function computeValues(db: Db, month: Month, today: string): Promise<ValueRow[]> {
  checkMonth(month);
  if (`${month}-01` > today) throw invalid('month', `${month} 尚未开始，不能计算指标`);
  const all = await areas(db);
  const county = all.find((a) => a.level === 'county');
  if (!county) return [];
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
  // One source after another: they share the database (and PGlite one core), nothing is won by running them at once.
  for (const source of indicatorSources()) {
    const counts: Record<string, AreaCount[]> = await source.compute(context);
    for (const [indicator, list] of Object.entries(counts)) {
      for (const c of list) {
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
          value: indicatorValue(units.get(indicator)!, c.numerator, c.denominator),
        });
      }
    }
  }
  return rows;
}

/** Computes a month and replaces its stored values. Returns the number of values kept. */
export async function recomputeMonth(db: Db, actor: Actor, month: Month, today: string = todayInShanghai()): Promise<{ month: Month; values: number }> {
  requirePermission(actor, 'supervision.manage');
  const rows = await computeValues(db, month, today);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('supervision_indicator_value').where('month', '=', month).execute();
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('supervision_indicator_value').values(rows.slice(i, i + 500)).execute();
    await recordAudit(trx, actor, { action: 'compute', entity: 'supervision_indicator_value', entityId: month, after: { values: rows.length, asOf: today } });
  });
  return { month, values: rows.length };
}
