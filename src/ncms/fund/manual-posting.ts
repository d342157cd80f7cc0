/**
 * Deposits and payments are typed in by a clerk: a double click or a retried request must not move the money twice.
 * The client's requestId becomes the posting's reference; the same id again returns the first posting, the same id
 * with other content is refused.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { conflict } from '../../core/errors.ts';
import type { FundLine, FundPosting } from './ledger.ts';

/** Lines in a canonical text, to tell a repeated request from a different one under the same id. */
function signature(p: { pool: string; year: number; date: string; kind: string; lines: Array<Omit<FundLine, 'account'> & { account: string }> }): string {
  const lines = p.lines
    .map((l) => [l.account, Number(l.debitFen ?? 0), Number(l.creditFen ?? 0), l.institutionId ?? null, l.source ?? null].join('|'))
    .sort()
    .join(';');
  return [p.pool, p.year, p.date, p.kind, lines].join('#');
}

/**
 * Inside the caller's transaction: serialises on the requestId, then returns the id of the posting already made under
 * it (null when none). Call before checking balances, so the repeat is answered even once the money has moved.
 */
export async function earlierPosting(trx: Db, referenceType: string, requestId: string, posting: Omit<FundPosting, 'reference' | 'memo'>): Promise<number | null> {
  await sql`select pg_advisory_xact_lock(hashtext(${`ncms_fund_request:${referenceType}:${requestId}`}))`.execute(trx);
  const earlier = await trx
    .selectFrom('ncms_fund_transaction')
    .select(['id', 'pool', 'year', 'date', 'kind'])
    .where('reference_type', '=', referenceType)
    .where('reference_id', '=', requestId)
    .executeTakeFirst();
  if (!earlier) return null;
  const lines = await trx.selectFrom('ncms_fund_line').select(['account', 'debit_fen as debitFen', 'credit_fen as creditFen', 'institution_id as institutionId', 'source']).where('transaction_id', '=', earlier.id).execute();
  if (signature({ ...earlier, lines }) !== signature(posting)) {
    throw conflict('request_id_reused', '该提交编号（requestId）已用于另一笔不同的收支，请刷新页面后重新提交', 'requestId');
  }
  return earlier.id;
}

export const newRequestId = (requestId: string | undefined) => requestId?.trim() || randomUUID();
