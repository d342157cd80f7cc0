/**
 * 次均住院费用控制标准: per institution and year, set by the NCMS office (ncms.manage, audited). Readers with ncms.read
 * see the targets of the institutions in their area.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { invalid } from '../../core/errors.ts';
import { institutionBasics, institutionIdsIn } from '../../core/institutions/institutions.ts';
import { yuanToFen } from '../scheme/decimal.ts';
import { fenText } from '../fund/money.ts';

export interface CostTarget {
  institutionId: number;
  year: number;
  avgInpatientFen: number;
  setByName: string;
  updatedAt: string;
}

/** The targets of a year for the institutions in the actor's area, as a map by institution. */
export async function costTargets(db: Db, actor: Actor, years: readonly number[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ncms_cost_target')
    .select(['institution_id', 'year', 'avg_inpatient_fen'])
    .where('year', 'in', years.length ? [...years] : [0])
    .$if(actor.scope.path !== '/', (q) => q.where('institution_id', 'in', institutionIdsIn(db, actor.scope)))
    .execute();
  return new Map(rows.map((r) => [`${r.institution_id}:${r.year}`, Number(r.avg_inpatient_fen)]));
}

export async function listCostTargets(db: Db, actor: Actor, year: number): Promise<CostTarget[]> {
  requirePermission(actor, 'ncms.read');
  const rows = await db
    .selectFrom('ncms_cost_target')
    .selectAll()
    .where('year', '=', year)
    .$if(actor.scope.path !== '/', (q) => q.where('institution_id', 'in', institutionIdsIn(db, actor.scope)))
    .orderBy('institution_id')
    .execute();
  return rows.map((r) => ({ institutionId: r.institution_id, year: r.year, avgInpatientFen: Number(r.avg_inpatient_fen), setByName: r.set_by_name, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** Sets (or changes) an institution's target for a year; `target` in yuan (元, at most 2 decimals, above 0). */
export async function setCostTarget(db: Db, actor: Actor, input: { institutionId: number; year: number; target: number | string }): Promise<CostTarget> {
  requirePermission(actor, 'ncms.manage');
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2100) throw invalid('year', `年度应为四位年份，收到 ${input.year}`);
  const fen = yuanToFen(input.target);
  if (typeof fen !== 'number' || fen <= 0) throw invalid('target', `控制标准应为大于 0 的金额（元，最多两位小数），收到「${input.target}」`);
  const institution = await institutionBasics(db, input.institutionId);
  if (!institution) throw invalid('institutionId', `编号为 ${input.institutionId} 的医疗机构不存在`);
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('ncms_cost_target').select('avg_inpatient_fen').where('institution_id', '=', input.institutionId).where('year', '=', input.year).forUpdate().executeTakeFirst();
    const row = await trx
      .insertInto('ncms_cost_target')
      .values({ institution_id: input.institutionId, year: input.year, avg_inpatient_fen: fen, set_by: actor.userId, set_by_name: actor.name })
      .onConflict((oc) => oc.columns(['institution_id', 'year']).doUpdateSet({ avg_inpatient_fen: fen, set_by: actor.userId, set_by_name: actor.name, updated_at: new Date() }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: before ? 'update' : 'create',
      entity: 'ncms_cost_target',
      entityId: `${input.institutionId}:${input.year}`,
      areaId: institution.areaId,
      before: before ? { avgInpatient: fenText(Number(before.avg_inpatient_fen)) } : undefined,
      after: { institution: institution.name, year: input.year, avgInpatient: fenText(fen) },
    });
    return { institutionId: row.institution_id, year: row.year, avgInpatientFen: Number(row.avg_inpatient_fen), setByName: row.set_by_name, updatedAt: new Date(row.updated_at).toISOString() };
  });
}
