/**
 * Deciding a selected claim (审核结论) and correcting a decision (更正). Only a reviewer ('ncms.review') whose scope
 * holds the claim's institution; an item assigned to someone else is theirs. A decided item is not decided again:
 * a change is an explicit correction with its reason, which posts only the difference to the ledger. Every decision
 * is a row of ncms_review_decision and an audit entry, in the same transaction as its posting.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { claimVisibleTo } from '../claims/access.ts';
import { postFund } from '../fund/ledger.ts';
import { bookingDate, checkDecision, deductionPosting, REVIEW_DECISIONS, REVIEW_STATUSES, type DecisionInput } from './decision-rules.ts';
import { getReviewItem, type ReviewItemView } from './items.ts';

async function lockItem(trx: Db, actor: Actor, itemId: number) {
  const row = await trx
    .selectFrom('ncms_review_item as i')
    .innerJoin('ncms_claim as c', 'c.id', 'i.claim_id')
    .select(['i.id', 'i.claim_id', 'i.pool', 'i.year', 'i.area_id', 'i.status', 'i.assigned_to', 'i.assigned_to_name', 'i.settled_pay_fen', 'i.pay_fen', 'i.deducted_fen', 'i.decision_id'])
    .select(['c.claim_no', 'c.person_name', 'c.institution_id', 'c.kind', 'c.bucket', 'c.status as claim_status'])
    .where('i.id', '=', itemId)
    .where(claimVisibleTo(trx, actor))
    // The claim row too: a reversal (冲销) locks it first, so a decision and a reversal of one claim take turns.
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('审核单');
  if (row.assigned_to !== null && row.assigned_to !== actor.userId && actor.role !== 'system') {
    throw conflict('assigned_to_other', `该单据已分配给「${row.assigned_to_name}」审核，请由其处理或先重新分配`);
  }
  return row;
}

async function decideOrCorrect(db: Db, actor: Actor, itemId: number, input: DecisionInput, correction: boolean, today: string): Promise<ReviewItemView> {
  requirePermission(actor, 'ncms.review');
  await inTransaction(db, async (trx) => {
    const item = await lockItem(trx, actor, itemId);
    if (!correction && item.status !== 'open') {
      throw conflict('already_decided', `报销单据 ${item.claim_no} 已审核（${REVIEW_STATUSES[item.status]}），不能重复审核；如需改变结论请使用「更正」并说明理由`);
    }
    if (correction && item.status === 'open') throw conflict('not_decided', `报销单据 ${item.claim_no} 还没有审核结论，请直接审核`);
    const checked = checkDecision(input, item.settled_pay_fen, correction);
    if (correction && checked.decision === item.status && checked.payFen === item.pay_fen) {
      throw conflict('same_decision', `更正后的结论与现有结论（${REVIEW_DECISIONS[checked.decision]}）相同，无需更正`);
    }
    if (item.claim_status !== 'settled' && checked.deductedFen !== item.deducted_fen) {
      // A reversed claim has had its whole pay taken back already; deducting again would take it twice.
      throw conflict('claim_reversed', `报销单据 ${item.claim_no} 已冲销，统筹支付已全额退回基金，不能再核减或拒付；请选择「审核通过」以结束审核`);
    }
    const delta = checked.deductedFen - item.deducted_fen;
    const date = bookingDate(today, item.year);
    if (delta !== 0) {
      const claim = { id: item.claim_id, claimNo: item.claim_no, personName: item.person_name, institutionId: item.institution_id, kind: item.kind, bucket: item.bucket };
      await postFund(trx, actor, deductionPosting(claim, item.pool, item.year, date, delta, checked.reason ?? REVIEW_DECISIONS[checked.decision]));
    }
    const decision = await trx
      .insertInto('ncms_review_decision')
      .values({ item_id: item.id, decision: checked.decision, pay_fen: checked.payFen, deducted_fen: checked.deductedFen, posted_fen: delta, booked_on: date, reason: checked.reason, corrects: correction ? item.decision_id : null, decided_by: actor.userId, decided_by_name: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('ncms_review_item')
      .set({
        status: checked.decision,
        pay_fen: checked.payFen,
        deducted_fen: checked.deductedFen,
        decision_id: decision.id,
        // Whoever decides an unassigned item takes it.
        ...(item.assigned_to === null && actor.userId !== null ? { assigned_to: actor.userId, assigned_to_name: actor.name, assigned_at: new Date() } : {}),
      })
      .where('id', '=', item.id)
      .execute();
    await recordAudit(trx, actor, {
      action: correction ? 'correct' : 'decide',
      entity: 'ncms_review_item',
      entityId: item.id,
      areaId: item.area_id,
      before: { status: item.status, payFen: item.pay_fen, deductedFen: item.deducted_fen },
      after: { claimNo: item.claim_no, status: checked.decision, payFen: checked.payFen, deductedFen: checked.deductedFen, postedFen: delta, bookedOn: date, reason: checked.reason },
    });
  });
  return getReviewItem(db, actor, itemId);
}

export const decideReview = (db: Db, actor: Actor, itemId: number, input: DecisionInput, today: string = todayInShanghai()) => decideOrCorrect(db, actor, itemId, input, false, today);
export const correctReview = (db: Db, actor: Actor, itemId: number, input: DecisionInput, today: string = todayInShanghai()) => decideOrCorrect(db, actor, itemId, input, true, today);
