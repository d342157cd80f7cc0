/**
 * What claim review has taken off a claim's pay (审核扣减), for the claims module: a reversal (冲销) of a claim that
 * review already cut must take back from the institution only what the fund still owes for it.
 */
import type { Db } from '../../core/db/connection.ts';

export async function reviewDeductionOf(db: Db, claimId: number): Promise<number> {
  const row = await db.selectFrom('ncms_review_item').select('deducted_fen').where('claim_id', '=', claimId).executeTakeFirst();
  return row?.deducted_fen ?? 0;
}
