/**
 * Yearly targets (考核目标) per indicator, for every township (area null), one township or one institution (for
 * indicators whose module answers per institution: checked in the bulletin, not scored), and the scoring scheme
 * of a year. Set by the bureau (supervision.manage), audited; read by everyone with supervision.read.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { indicatorByCode, indicatorDefinitions } from '../indicators/registry.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { ScoringItem } from './scoring.ts';

export interface Target {
  id: number;
  year: number;
  indicator: string;
  areaId: number | null;
  areaName: string | null;
  institutionId: number | null;
  institutionName: string | null;
  target: number;
  setByName: string;
}

const MAX: Record<IndicatorDefinition['unit'], number> = { '%': 100, '‰': 1000, count: Number.MAX_SAFE_INTEGER };

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', `年度应为 2000 到 2100 之间的整数，收到 ${year}`);
}

/** The indicator of a target or scheme item, refused with the field named when it is not in the library. */
function knownIndicator(code: string, field: string): IndicatorDefinition {
  const found = indicatorByCode(code);
  if (!found) throw invalid(field, `指标「${code}」不在指标库中，请在「指标库」页面查看可用的指标代码`, 'unknown_indicator');
  return found;
}

export async function listTargets(db: Db, actor: Actor, year: number): Promise<Target[]> {
  requirePermission(actor, 'supervision.read');
  checkYear(year);
  const rows = await db
    .selectFrom('supervision_target as t')
    .leftJoin('area as a', 'a.id', 't.area_id')
    .leftJoin('institution as i', 'i.id', 't.institution_id')
    .select(['t.id', 't.year', 't.indicator', 't.area_id', 'a.name as area_name', 't.institution_id', 'i.name as institution_name', 't.target', 't.set_by_name'])
    .where('t.year', '=', year)
    .orderBy('t.indicator')
    .orderBy(sql`t.area_id nulls first`)
    .orderBy(sql`t.institution_id nulls first`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    indicator: r.indicator,
    areaId: r.area_id,
    areaName: r.area_name,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    target: r.target,
    setByName: r.set_by_name,
  }));
}

/** The target of an indicator for a township: its own, else the one for every township, else none (institutions' targets are not townships'). */
export function targetFor(targets: readonly Target[], indicator: string, areaId: number): number | null {
  const own = targets.filter((t) => t.indicator === indicator && t.institutionId === null);
  return own.find((t) => t.areaId === areaId)?.target ?? own.find((t) => t.areaId === null)?.target ?? null;
}

export interface TargetInput {
  year: number;
  indicator: string;
  areaId?: number | null | undefined;
  /** A target for one institution, for indicators counted per institution (not with areaId). */
  institutionId?: number | null | undefined;
  target: number;
}

/**
 * Sets (or replaces) a target. A target for an unknown indicator, a non-township area, an institution of an indicator
 * not counted per institution, or out of range is refused.
 */
export async function setTarget(db: Db, actor: Actor, input: TargetInput): Promise<void> {
  requirePermission(actor, 'supervision.manage');
  checkYear(input.year);
  const def = knownIndicator(input.indicator, 'indicator');
  if (!Number.isFinite(input.target) || input.target < 0 || input.target > MAX[def.unit]) {
    throw invalid('target', `「${def.name}」的目标值应在 0 到 ${MAX[def.unit]} 之间（单位 ${def.unit === 'count' ? '个' : def.unit}），收到 ${input.target}`);
  }
  const areaId = input.areaId ?? null;
  const institutionId = input.institutionId ?? null;
  if (institutionId !== null) {
    if (areaId !== null) throw invalid('institutionId', '目标按乡镇或按机构设定，不能同时选择乡镇和机构');
    if (!def.levels.includes('institution')) {
      const names = indicatorDefinitions().filter((d) => d.levels.includes('institution')).map((d) => `「${d.name}」`).join('、');
      throw invalid('institutionId', `「${def.name}」没有按机构统计的值，不能按机构设定目标；可按机构设定目标的指标：${names}`, 'no_institution_values');
    }
    if (!(await db.selectFrom('institution').select('id').where('id', '=', institutionId).executeTakeFirst())) throw notFound('机构');
  }
  if (areaId !== null) {
    const area = await db.selectFrom('area').select(['level']).where('id', '=', areaId).executeTakeFirst();
    if (!area) throw notFound('区划');
    if (area.level !== 'township') throw invalid('areaId', '目标只能按乡镇（街道）设定；不选乡镇即为全部乡镇的统一目标');
  }
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('supervision_target')
      .selectAll()
      .where('year', '=', input.year)
      .where('indicator', '=', def.code)
      .where(sql<number>`coalesce(area_id, 0)`, '=', areaId ?? 0)
      .where(sql<number>`coalesce(institution_id, 0)`, '=', institutionId ?? 0)
      .forUpdate()
      .executeTakeFirst();
    if (before) {
      await trx.updateTable('supervision_target').set({ target: input.target, set_by_name: actor.name, updated_at: new Date() }).where('id', '=', before.id).execute();
    } else {
      await trx.insertInto('supervision_target').values({ year: input.year, indicator: def.code, area_id: areaId, institution_id: institutionId, target: input.target, set_by_name: actor.name }).execute();
    }
    await recordAudit(trx, actor, {
      action: 'set_target',
      entity: 'supervision_target',
      entityId: `${input.year}:${def.code}:${institutionId !== null ? `institution-${institutionId}` : (areaId ?? 'all')}`,
      areaId,
      before: before ? { target: before.target } : null,
      after: { target: input.target },
    });
  });
}

export async function deleteTarget(db: Db, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'supervision.manage');
  await inTransaction(db, async (trx) => {
    const row = await trx.deleteFrom('supervision_target').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('考核目标');
    await recordAudit(trx, actor, { action: 'delete', entity: 'supervision_target', entityId: id, areaId: row.area_id, before: { year: row.year, indicator: row.indicator, target: row.target } });
  });
}

export async function getScheme(db: Db, actor: Actor, year: number): Promise<ScoringItem[]> {
  requirePermission(actor, 'supervision.read');
  checkYear(year);
  const row = await db.selectFrom('supervision_scheme').select('items').where('year', '=', year).executeTakeFirst();
  return (row?.items as ScoringItem[] | undefined) ?? [];
}

/** Replaces a year's scoring scheme; every item names a library indicator once, with positive points. */
export async function setScheme(db: Db, actor: Actor, year: number, items: readonly ScoringItem[]): Promise<void> {
  requirePermission(actor, 'supervision.manage');
  checkYear(year);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const def = knownIndicator(item.indicator, `items.${i}.indicator`);
    if (seen.has(item.indicator)) throw invalid(`items.${i}.indicator`, `评分方案第 ${i + 1} 项：指标「${def.name}」重复，请合并为一项`);
    seen.add(item.indicator);
    if (!(item.points > 0 && item.points <= 100)) throw invalid(`items.${i}.points`, `评分方案第 ${i + 1} 项（${def.name}）：分值应在 0 到 100 之间`);
    if (item.rule === 'deduct' && !((item.deductPerUnit ?? 0) > 0)) throw invalid(`items.${i}.deductPerUnit`, `评分方案第 ${i + 1} 项（${def.name}）：扣分规则须填写每低 1 个单位扣的分数`);
  });
  const clean = items.map((i) => ({ indicator: i.indicator, points: i.points, rule: i.rule, ...(i.rule === 'deduct' ? { deductPerUnit: i.deductPerUnit } : {}) }));
  await inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('supervision_scheme').select('items').where('year', '=', year).forUpdate().executeTakeFirst();
    const json = JSON.stringify(clean);
    await trx
      .insertInto('supervision_scheme')
      .values({ year, items: json, set_by_name: actor.name })
      .onConflict((oc) => oc.column('year').doUpdateSet({ items: json, set_by_name: actor.name, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, actor, { action: 'set_scheme', entity: 'supervision_scheme', entityId: year, before: before?.items ?? null, after: clean });
  });
}
