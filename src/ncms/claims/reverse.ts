/**
 * Reversal (冲销) of a settled claim by the NCMS office, with a reason: the claim becomes 'reversed' and keeps its
 * settled figures, a reversal record says who, when, why and how much, the person's year-to-date sum is taken back,
 * and the ledger gets the mirror posting next to the original one. Claims settled after it keep their pay (a cap that
 * lowered them is not re-opened); the room it frees serves the person's later claims.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { claimVisibleTo } from './access.ts';
import { oncePerRequest } from './claim-requests.ts';
import { loadClaimView, requestPayload, type ClaimView } from './claims.ts';
import { lockYearToDate, moveYearToDate } from './year-to-date-store.ts';
import { postReversal } from './fund-posting.ts';
import { reviewDeductionOf } from '../review/deductions.ts';
import { CLAIM_STATUSES } from './vocabulary.ts';

export interface ReversalInput {
  reason: string;
  requestId?: string | undefined;
}

export async function reverseClaim(db: Db, actor: Actor, claimId: number, input: ReversalInput): Promise<ClaimView> {
  requirePermission(actor, 'ncms.reverse');
  const reason = (input.reason ?? '').trim();
  if (reason.length < 2 || reason.length > 500) throw invalid('reason', '请填写冲销原因（2 到 500 个字）');
  return inTransaction(db, (trx) =>
    oncePerRequest(trx, actor, input.requestId, requestPayload(actor, 'reverse', { claimId, reason }), async () => {
      const claim = await trx.selectFrom('ncms_claim as c').selectAll('c').where('c.id', '=', claimId).where(claimVisibleTo(trx, actor)).forUpdate().executeTakeFirst();
      if (!claim) throw notFound('报销单据');
      if (claim.status !== 'settled') {
        const code = claim.status === 'reversed' ? 'claim_already_reversed' : 'claim_not_settled';
        throw conflict(code, `报销单据 ${claim.claim_no} ${CLAIM_STATUSES[claim.status]}，只有已结算的单据可以冲销`);
      }
      const year = claim.year!;
      const payFen = claim.pay_fen!;
      if (claim.bucket) {
        await lockYearToDate(trx, claim.person_id, year);
        await moveYearToDate(trx, claim.person_id, year, claim.bucket, -payFen);
      }
      await trx
        .insertInto('ncms_claim_reversal')
        .values({ claim_id: claim.id, reason, pay_fen: payFen, bucket: claim.bucket, year, reversed_by: actor.userId, reversed_by_name: actor.name })
        .execute();
      await trx.updateTable('ncms_claim').set({ status: 'reversed' }).where('id', '=', claim.id).execute();
      if (payFen > 0) {
        // The fund runs by year: a reversal made after the year closed is booked on its last day.
        const today = todayInShanghai();
        const date = today.startsWith(`${year}-`) ? today : `${year}-12-31`;
        const pool = await settledPool(trx, claim.scheme_id!);
        // Claim review may have cut the pay already (审核扣减): the ledger takes back only what is still owed for it.
        await postReversal(trx, actor, { claim, pool, year, date, payFen: payFen - (await reviewDeductionOf(trx, claim.id)), bucket: claim.bucket, reason });
      }
      const audit = {
        action: 'reverse',
        entity: 'ncms_claim',
        entityId: claim.id,
        areaId: claim.area_id,
        before: { status: 'settled', payFen },
        after: { status: 'reversed', reason, bucket: claim.bucket, year },
      };
      return { result: await loadClaimView(trx, claim.id), audit: [audit] };
    }),
  );
}

/** The pool of the scheme the claim was settled under (schemes are in this module). */
async function settledPool(trx: Db, schemeId: number): Promise<string> {
  const row = await trx.selectFrom('ncms_scheme').select('pool').where('id', '=', schemeId).executeTakeFirstOrThrow();
  return row.pool;
}
