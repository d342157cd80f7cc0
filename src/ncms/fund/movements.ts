/**
 * The two movements a clerk records by hand: money arriving in the fund's bank account (解缴入户 from the villages,
 * 财政拨付到账 from the treasury) and payments from it to the designated institutions (拨付定点医疗机构).
 * Each is one posting, checked against what is outstanding under a row lock, and audited.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { invalid } from '../../core/errors.ts';
import { institutionBasics } from '../../core/institutions/institutions.ts';
import { FUND_SOURCES, isFundSource, type FundAccount } from './accounts.ts';
import { balanceFen } from './balances.ts';
import { checkPosting, postFund, type FundPosting } from './ledger.ts';
import { earlierPosting, newRequestId } from './manual-posting.ts';
import { fenText } from './money.ts';

export interface FundMovement {
  transactionId: number;
  pool: string;
  year: number;
  date: string;
  amountFen: number;
  memo: string;
  /** After this movement: what is still to be deposited (deposits) or still owed to the institution (payments). */
  remainingFen: number;
  /** True when this answers a repeated requestId: nothing new was posted. */
  repeated: boolean;
}

interface Common {
  pool: string;
  year: number;
  date: string;
  amountFen: number;
  memo?: string | null | undefined;
  requestId?: string | undefined;
}

export interface DepositInput extends Common {
  /** individual: contributions handed in by villages/townships (解缴); government: a subsidy transfer (拨付到账). */
  from: 'individual' | 'government';
  source?: string | null | undefined; // required for government
}

export interface PaymentInput extends Common {
  institutionId: number;
}

function checkAmount(amountFen: number): void {
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw invalid('amountFen', `金额应为大于 0 的整数分，收到 ${amountFen}`, 'invalid_amount');
}

async function record(
  db: Db,
  actor: Actor,
  referenceType: 'deposit' | 'payment',
  posting: Omit<FundPosting, 'reference'>,
  outstanding: { account: FundAccount; institutionId?: number | null; source?: string | null; refusal: (owedFen: number) => string },
  audit: Record<string, unknown>,
  requestId: string | undefined,
): Promise<FundMovement> {
  requirePermission(actor, 'ncms.manage');
  checkPosting({ ...posting, reference: { type: referenceType, id: 'check' } }); // bad input refused before any lock
  const id = newRequestId(requestId);
  const amountFen = posting.lines[0]!.debitFen!;
  const key = { pool: posting.pool, year: posting.year, account: outstanding.account, institutionId: outstanding.institutionId ?? null, source: outstanding.source ?? null };
  return inTransaction(db, async (trx) => {
    const view = async (transactionId: number, repeated: boolean): Promise<FundMovement> => ({
      transactionId,
      pool: posting.pool,
      year: posting.year,
      date: posting.date,
      amountFen,
      memo: posting.memo,
      remainingFen: await balanceFen(trx, key),
      repeated,
    });
    const earlier = await earlierPosting(trx, referenceType, id, posting);
    if (earlier !== null) return view(earlier, true);
    const owed = await balanceFen(trx, key, { lock: true });
    if (amountFen > owed) throw invalid('amountFen', outstanding.refusal(owed), referenceType === 'payment' ? 'payment_exceeds_owed' : 'deposit_exceeds_receivable');
    const transactionId = await postFund(trx, actor, { ...posting, reference: { type: referenceType, id } });
    await recordAudit(trx, actor, { action: referenceType, entity: 'ncms_fund_transaction', entityId: transactionId, after: { ...audit, pool: posting.pool, year: posting.year, date: posting.date, amountFen, memo: posting.memo, requestId: id } });
    return view(transactionId, false);
  });
}

/** Records money arriving in the fund's bank account; refused above what is still to be deposited. */
export async function recordDeposit(db: Db, actor: Actor, input: DepositInput): Promise<FundMovement> {
  checkAmount(input.amountFen);
  const government = input.from === 'government';
  if (!government && input.from !== 'individual') throw invalid('from', `到账类型应为 individual（个人缴费解缴）或 government（财政补助拨付），收到「${String(input.from)}」`);
  const source = government ? (input.source?.trim() ?? '') : null;
  if (government && !isFundSource(source)) {
    throw invalid('source', `请选择资金来源：${Object.values(FUND_SOURCES).join('、')}`, 'unknown_source');
  }
  const account: FundAccount = government ? 'receivable_government' : 'receivable_individual';
  const what = government ? `${FUND_SOURCES[source as keyof typeof FUND_SOURCES]}补助拨付到账` : '个人缴费解缴入户';
  const memo = input.memo?.trim() || what;
  return record(
    db,
    actor,
    'deposit',
    { pool: input.pool, year: input.year, date: input.date, kind: 'deposit', memo, lines: [{ account: 'bank', debitFen: input.amountFen }, { account, creditFen: input.amountFen, source }] },
    { account, source, refusal: (owed) => `到账金额 ${fenText(input.amountFen)} 元超过 ${input.year} 年度${government ? `${FUND_SOURCES[source as keyof typeof FUND_SOURCES]}待拨付的补助` : '待解缴的个人缴费'} ${fenText(owed)} 元` },
    { from: input.from, source },
    input.requestId,
  );
}

/** Pays a designated institution from the fund's bank account; refused above what the fund owes it (and above the bank balance). */
export async function payInstitution(db: Db, actor: Actor, input: PaymentInput): Promise<FundMovement> {
  requirePermission(actor, 'ncms.manage');
  checkAmount(input.amountFen);
  const institution = Number.isInteger(input.institutionId) && input.institutionId > 0 ? await institutionBasics(db, input.institutionId) : null;
  if (!institution) throw invalid('institutionId', `医疗机构（编号 ${input.institutionId}）不存在`, 'unknown_institution');
  const memo = input.memo?.trim() || `拨付「${institution.name}」补偿款`;
  return record(
    db,
    actor,
    'payment',
    {
      pool: input.pool,
      year: input.year,
      date: input.date,
      kind: 'payment',
      memo,
      lines: [
        { account: 'payable_institution', debitFen: input.amountFen, institutionId: institution.id },
        { account: 'bank', creditFen: input.amountFen },
      ],
    },
    { account: 'payable_institution', institutionId: institution.id, refusal: (owed) => `支付金额 ${fenText(input.amountFen)} 元超过 ${input.year} 年度基金应付「${institution.name}」的 ${fenText(owed)} 元` },
    { institutionId: institution.id, institutionName: institution.name },
    input.requestId,
  );
}
