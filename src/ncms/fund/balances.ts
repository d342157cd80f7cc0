import type { Db } from '../../core/db/connection.ts';
import { balanceOf, type FundAccount } from './accounts.ts';

export interface BalanceKey {
  pool: string;
  year: number;
  account: FundAccount;
  institutionId?: number | null;
  source?: string | null;
}

/**
 * One account's balance on its normal side (0 when never posted), read from the running balance row. With `lock` the
 * row stays locked to the end of the caller's transaction, so a check like "not more than is owed" holds until the
 * posting is written.
 */
export async function balanceFen(trx: Db, key: BalanceKey, options: { lock?: boolean } = {}): Promise<number> {
  let query = trx
    .selectFrom('ncms_fund_balance')
    .select(['debit_fen', 'credit_fen'])
    .where('pool', '=', key.pool)
    .where('year', '=', key.year)
    .where('account', '=', key.account)
    .where((eb) => (key.institutionId == null ? eb('institution_id', 'is', null) : eb('institution_id', '=', key.institutionId)))
    .where((eb) => (key.source == null ? eb('source', 'is', null) : eb('source', '=', key.source)));
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? balanceOf(key.account, Number(row.debit_fen), Number(row.credit_fen)) : 0;
}
