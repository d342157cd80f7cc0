/**
 * Review figures per institution for a year or a month: how many claims were selected and how they were decided,
 * and the money review took off (审核扣减). The summary page and a monthly bulletin read this; scoped like the queue.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { INSTITUTION_LEVELS } from '../../core/institutions/catalog.ts';
import { claimVisibleTo } from '../claims/access.ts';
import { requireReviewRead } from './rules-store.ts';

export interface InstitutionReviewCounts {
  institutionId: number;
  institutionName: string;
  levelName: string;
  selected: number;
  open: number;
  approved: number;
  adjusted: number;
  rejected: number;
  settledPayFen: number; // what the selected claims paid at discharge
  deductedFen: number; // taken off by review (adjustments and rejections)
}

export async function reviewCountsByInstitution(db: Db, actor: Actor, q: { year: number; month?: number | undefined; pool?: string | undefined }): Promise<InstitutionReviewCounts[]> {
  requireReviewRead(actor);
  const n = (status: string) => sql<string>`count(*) filter (where i.status = ${status})`;
  let query = db
    .selectFrom('ncms_review_item as i')
    .innerJoin('ncms_claim as c', 'c.id', 'i.claim_id')
    .where(claimVisibleTo(db, actor))
    .where('i.year', '=', q.year)
    .select([
      'i.institution_id',
      sql<string>`min(c.institution_name)`.as('name'),
      sql<string>`min(c.level)`.as('level'),
      sql<string>`count(*)`.as('selected'),
      n('open').as('open'),
      n('approved').as('approved'),
      n('adjusted').as('adjusted'),
      n('rejected').as('rejected'),
      sql<string>`sum(i.settled_pay_fen)`.as('settled'),
      sql<string>`sum(i.deducted_fen)`.as('deducted'),
    ])
    .groupBy('i.institution_id')
    .orderBy('i.institution_id');
  if (q.month !== undefined) query = query.where('i.month', '=', q.month);
  if (q.pool) query = query.where('i.pool', '=', q.pool);
  const rows = await query.execute();
  return rows.map((r) => ({
    institutionId: r.institution_id,
    institutionName: r.name,
    levelName: INSTITUTION_LEVELS[r.level as keyof typeof INSTITUTION_LEVELS] ?? r.level,
    selected: Number(r.selected),
    open: Number(r.open),
    approved: Number(r.approved),
    adjusted: Number(r.adjusted),
    rejected: Number(r.rejected),
    settledPayFen: Number(r.settled),
    deductedFen: Number(r.deducted),
  }));
}
