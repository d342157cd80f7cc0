/**
 * The fund ledger entries of claims: a settlement debits compensation expense and credits what the fund owes the
 * institution; a reversal posts the mirror. Both stay in the ledger (append-only); nothing is posted for pay 0.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { postFund } from '../fund/ledger.ts';
import type { YearToDateBucket } from '../db/schema.ts';
import type { ClaimRow } from './claims.ts';
import { CLAIM_KINDS } from './vocabulary.ts';

interface Posted {
  claim: Pick<ClaimRow, 'id' | 'claim_no' | 'kind' | 'person_name' | 'institution_id'>;
  pool: string;
  year: number;
  date: string; // business date inside `year`
  payFen: number;
  bucket: YearToDateBucket | null;
}

/** The expense line's source: the kind of compensation (a major disease is its own). */
const sourceOf = (p: Posted) => (p.bucket === 'major' ? 'major' : p.claim.kind);

export async function postSettlement(trx: Db, actor: Actor, p: Posted): Promise<void> {
  if (p.payFen === 0) return;
  await postFund(trx, actor, {
    pool: p.pool,
    year: p.year,
    date: p.date,
    kind: 'settlement',
    reference: { type: 'claim', id: p.claim.id },
    memo: `${CLAIM_KINDS[p.claim.kind]}补偿 ${p.claim.claim_no} ${p.claim.person_name}`,
    lines: [
      { account: 'compensation_expense', debitFen: p.payFen, institutionId: p.claim.institution_id, source: sourceOf(p) },
      { account: 'payable_institution', creditFen: p.payFen, institutionId: p.claim.institution_id },
    ],
  });
}

export async function postReversal(trx: Db, actor: Actor, p: Posted & { reason: string }): Promise<void> {
  if (p.payFen === 0) return;
  await postFund(trx, actor, {
    pool: p.pool,
    year: p.year,
    date: p.date,
    kind: 'reversal',
    reference: { type: 'claim', id: p.claim.id },
    memo: `冲销 ${p.claim.claim_no} ${p.claim.person_name}：${p.reason}`,
    lines: [
      { account: 'payable_institution', debitFen: p.payFen, institutionId: p.claim.institution_id },
      { account: 'compensation_expense', creditFen: p.payFen, institutionId: p.claim.institution_id, source: sourceOf(p) },
    ],
  });
}
