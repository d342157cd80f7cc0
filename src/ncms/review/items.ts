/**
 * The review queue: selected claims (审核单) with their reasons, reviewer and decision; one item with its claim and
 * decision history; assignment to reviewers. Everything is scoped by the claim's institution exactly as claims are
 * (claims/access.ts): a reviewer outside it sees nothing and is answered 404.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import { claimVisibleTo } from '../claims/access.ts';
import { loadClaimView, type ClaimView } from '../claims/claims.ts';
import { CLAIM_KINDS } from '../claims/vocabulary.ts';
import type { ClaimKind } from '../db/schema.ts';
import type { ReviewDecisionKind, ReviewStatus } from '../db/review-schema.ts';
import { REVIEW_DECISIONS, REVIEW_STATUSES } from './decision-rules.ts';
import { reviewerInstitutions } from './reviewers.ts';
import { requireReviewRead } from './rules-store.ts';
import type { ReviewReason } from './select.ts';

export interface ReviewItemSummary {
  id: number;
  claimId: number;
  claimNo: string;
  pool: string;
  year: number;
  month: number;
  institutionId: number;
  institutionName: string;
  personName: string;
  kind: ClaimKind;
  kindName: string;
  dischargedOn: string | null;
  totalFen: number;
  settledPayFen: number;
  payFen: number | null;
  deductedFen: number;
  reasons: ReviewReason[];
  status: ReviewStatus;
  statusName: string;
  assignedTo: number | null;
  assignedToName: string | null;
}

export interface ReviewDecisionView {
  id: number;
  decision: ReviewDecisionKind;
  decisionName: string;
  payFen: number;
  deductedFen: number;
  postedFen: number;
  bookedOn: string;
  reason: string | null;
  corrects: number | null;
  decidedByName: string;
  decidedAt: string;
}

export interface ReviewItemView extends ReviewItemSummary {
  claim: ClaimView;
  decisions: ReviewDecisionView[];
}

export interface ReviewItemFilter extends Partial<PageRequest> {
  /** Only the items assigned to the caller (我的审核). */
  mine?: boolean | undefined;
  status?: ReviewStatus | undefined;
  pool?: string | undefined;
  year?: number | undefined;
  month?: number | undefined;
  institutionId?: number | undefined;
}

function itemQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('ncms_review_item as i')
    .innerJoin('ncms_claim as c', 'c.id', 'i.claim_id')
    .where(claimVisibleTo(db, actor))
    .select(['i.id', 'i.claim_id', 'i.pool', 'i.year', 'i.month', 'i.institution_id', 'i.reasons', 'i.status', 'i.assigned_to', 'i.assigned_to_name', 'i.settled_pay_fen', 'i.pay_fen', 'i.deducted_fen'])
    .select(['c.claim_no', 'c.institution_name', 'c.person_name', 'c.kind', 'c.discharged_on', 'c.total_fen']);
}
type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

const toSummary = (r: ItemRow): ReviewItemSummary => ({
  id: r.id,
  claimId: r.claim_id,
  claimNo: r.claim_no,
  pool: r.pool,
  year: r.year,
  month: r.month,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  personName: r.person_name,
  kind: r.kind,
  kindName: CLAIM_KINDS[r.kind],
  dischargedOn: r.discharged_on,
  totalFen: r.total_fen,
  settledPayFen: r.settled_pay_fen,
  payFen: r.pay_fen,
  deductedFen: r.deducted_fen,
  reasons: r.reasons as ReviewReason[],
  status: r.status,
  statusName: REVIEW_STATUSES[r.status],
  assignedTo: r.assigned_to,
  assignedToName: r.assigned_to_name,
});

export async function listReviewItems(db: Db, actor: Actor, filter: ReviewItemFilter = {}): Promise<Page<ReviewItemSummary>> {
  requireReviewRead(actor);
  const { page, pageSize, offset } = pageRequest(filter);
  let query = itemQuery(db, actor);
  if (filter.mine) query = query.where('i.assigned_to', '=', actor.userId ?? -1);
  if (filter.status) query = query.where('i.status', '=', filter.status);
  if (filter.pool) query = query.where('i.pool', '=', filter.pool);
  if (filter.year !== undefined) query = query.where('i.year', '=', filter.year);
  if (filter.month !== undefined) query = query.where('i.month', '=', filter.month);
  if (filter.institutionId !== undefined) query = query.where('i.institution_id', '=', filter.institutionId);
  const [rows, count] = await Promise.all([
    query.orderBy('i.id').limit(pageSize).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.total), page, pageSize };
}

export async function getReviewItem(db: Db, actor: Actor, id: number): Promise<ReviewItemView> {
  requireReviewRead(actor);
  const row = await itemQuery(db, actor).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('审核单');
  const decisions = await db.selectFrom('ncms_review_decision').selectAll().where('item_id', '=', id).orderBy('id').execute();
  return {
    ...toSummary(row),
    claim: await loadClaimView(db, row.claim_id),
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      decisionName: REVIEW_DECISIONS[d.decision],
      payFen: d.pay_fen,
      deductedFen: d.deducted_fen,
      postedFen: d.posted_fen,
      bookedOn: d.booked_on,
      reason: d.reason,
      corrects: d.corrects,
      decidedByName: d.decided_by_name,
      decidedAt: new Date(d.decided_at).toISOString(),
    })),
  };
}

/**
 * Gives open items to a reviewer (or back to nobody with userId null). 'ncms.manage'; the items must be in the
 * caller's scope and open, and the reviewer's scope must hold each item's institution.
 */
export async function assignReviewItems(db: Db, actor: Actor, input: { itemIds: number[]; userId: number | null }): Promise<{ assigned: number }> {
  requirePermission(actor, 'ncms.manage');
  const ids = [...new Set(input.itemIds)];
  if (ids.length === 0) throw invalid('itemIds', '请选择要分配的审核单');
  const [reviewer] = input.userId === null ? [null] : await reviewerInstitutions(db, [input.userId]);
  return inTransaction(db, async (trx) => {
    const rows = await itemQuery(trx, actor).where('i.id', 'in', ids).forUpdate('i').execute();
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound(`审核单 ${missing} `);
    for (const r of rows) {
      if (r.status !== 'open') throw conflict('already_decided', `报销单据 ${r.claim_no} 已审核，不能再分配`);
      if (reviewer && !reviewer.institutions.has(r.institution_id)) {
        throw invalid('userId', `「${reviewer.name}」的管辖范围不包括「${r.institution_name}」，不能审核报销单据 ${r.claim_no}`, 'out_of_reviewer_scope');
      }
    }
    await trx
      .updateTable('ncms_review_item')
      .set({ assigned_to: reviewer?.userId ?? null, assigned_to_name: reviewer?.name ?? null, assigned_at: reviewer ? new Date() : null })
      .where('id', 'in', ids)
      .execute();
    await recordAudit(trx, actor, { action: 'assign', entity: 'ncms_review_item', entityId: ids.join(','), after: { itemIds: ids, userId: reviewer?.userId ?? null, name: reviewer?.name ?? null } });
    return { assigned: ids.length };
  });
}
