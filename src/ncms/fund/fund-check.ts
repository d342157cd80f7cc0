/**
 * The fund check (`jiceng ncms fund check`): recomputes every running balance from the lines and compares it with the
 * stored one, checks that every transaction balances, and that the bank account never went below zero in posting
 * order. Finds a balance row or a line changed behind the ledger's back (the tables' triggers stop ordinary edits).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { balanceOf, FUND_ACCOUNTS, FUND_KINDS, FUND_SOURCES, isFundAccount, isFundKind, type FundAccount } from './accounts.ts';
import { fenText } from './money.ts';

export interface FundProblem {
  pool: string;
  year: number;
  code: 'balance_mismatch' | 'unbalanced_transaction' | 'bank_negative';
  message: string;
}

export interface FundAccountTotal {
  pool: string;
  year: number;
  account: FundAccount;
  accountName: string;
  debitFen: number;
  creditFen: number;
  balanceFen: number; // on the account's normal side
}

export interface FundCheckResult {
  ok: boolean;
  transactions: number;
  lines: number;
  problems: FundProblem[];
  /** Per pool, year and account, from the lines (what the balances should say). */
  totals: FundAccountTotal[];
}

const accountName = (a: string) => (isFundAccount(a) ? FUND_ACCOUNTS[a].name : a);
const subKey = (institutionId: number | null, source: string | null) =>
  [institutionId !== null ? `机构 ${institutionId}` : '', source ? (FUND_SOURCES[source as keyof typeof FUND_SOURCES] ?? source) : ''].filter(Boolean).join('，');
const where = (pool: string, year: number) => `${pool} 统筹区 ${year} 年度`;

export async function checkFund(db: Db, filter: { pool?: string | undefined; year?: number | undefined } = {}): Promise<FundCheckResult> {
  const { pool, year } = filter;
  // Every query below is limited to the pool and year asked for, by the transaction's (or balance row's) own columns.
  const transactions = () =>
    db
      .selectFrom('ncms_fund_transaction as t')
      .$if(pool !== undefined, (q) => q.where('t.pool', '=', pool!))
      .$if(year !== undefined, (q) => q.where('t.year', '=', year!));
  const lines = () => transactions().innerJoin('ncms_fund_line as l', 'l.transaction_id', 't.id');

  const recomputed = await lines()
    .select(['t.pool', 't.year', 'l.account', 'l.institution_id', 'l.source'])
    .select((eb) => [eb.fn.sum<string>('l.debit_fen').as('debit'), eb.fn.sum<string>('l.credit_fen').as('credit')])
    .groupBy(['t.pool', 't.year', 'l.account', 'l.institution_id', 'l.source'])
    .execute();
  const stored = await db
    .selectFrom('ncms_fund_balance as b')
    .select(['b.pool', 'b.year', 'b.account', 'b.institution_id', 'b.source', 'b.debit_fen', 'b.credit_fen'])
    .$if(pool !== undefined, (q) => q.where('b.pool', '=', pool!))
    .$if(year !== undefined, (q) => q.where('b.year', '=', year!))
    .execute();

  const problems: FundProblem[] = [];
  const key = (r: { pool: string; year: number; account: string; institution_id: number | null; source: string | null }) =>
    `${r.pool}|${r.year}|${r.account}|${r.institution_id ?? ''}|${r.source ?? ''}`;
  const storedByKey = new Map(stored.map((s) => [key(s), s]));
  const seen = new Set<string>();
  for (const r of recomputed) {
    const k = key(r);
    seen.add(k);
    const s = storedByKey.get(k);
    const debit = Number(r.debit);
    const credit = Number(r.credit);
    const sDebit = s ? Number(s.debit_fen) : 0;
    const sCredit = s ? Number(s.credit_fen) : 0;
    if (sDebit !== debit || sCredit !== credit) {
      const sub = subKey(r.institution_id, r.source);
      problems.push({
        pool: r.pool,
        year: r.year,
        code: 'balance_mismatch',
        message: `${where(r.pool, r.year)}「${accountName(r.account)}」${sub ? `（${sub}）` : ''}：${s ? `记录的借方 ${fenText(sDebit)} 元、贷方 ${fenText(sCredit)} 元` : '缺少余额记录'}，按分录重算应为借方 ${fenText(debit)} 元、贷方 ${fenText(credit)} 元`,
      });
    }
  }
  for (const s of stored) {
    if (seen.has(key(s)) || (Number(s.debit_fen) === 0 && Number(s.credit_fen) === 0)) continue;
    const sub = subKey(s.institution_id, s.source);
    problems.push({
      pool: s.pool,
      year: s.year,
      code: 'balance_mismatch',
      message: `${where(s.pool, s.year)}「${accountName(s.account)}」${sub ? `（${sub}）` : ''}：记录的借方 ${fenText(Number(s.debit_fen))} 元、贷方 ${fenText(Number(s.credit_fen))} 元，但没有任何分录`,
    });
  }

  // A transaction without any amount is a problem too: postFund never writes one.
  const unbalanced = await transactions()
    .leftJoin('ncms_fund_line as l', 'l.transaction_id', 't.id')
    .select(['t.id', 't.pool', 't.year', 't.date', 't.kind', 't.memo'])
    .select([sql<string>`coalesce(sum(l.debit_fen), 0)`.as('debit'), sql<string>`coalesce(sum(l.credit_fen), 0)`.as('credit')])
    .groupBy(['t.id', 't.pool', 't.year', 't.date', 't.kind', 't.memo'])
    .having(sql<boolean>`coalesce(sum(l.debit_fen), 0) <> coalesce(sum(l.credit_fen), 0) or coalesce(sum(l.debit_fen), 0) = 0`)
    .orderBy('t.id')
    .execute();
  for (const t of unbalanced) {
    const kind = isFundKind(t.kind) ? FUND_KINDS[t.kind] : t.kind;
    const label = `凭证 ${t.id}（${t.date} ${kind}：${t.memo}）`;
    problems.push({
      pool: t.pool,
      year: t.year,
      code: 'unbalanced_transaction',
      message: Number(t.debit) === 0 && Number(t.credit) === 0 ? `${label}没有金额分录` : `${label}借贷不平衡：借方 ${fenText(Number(t.debit))} 元，贷方 ${fenText(Number(t.credit))} 元`,
    });
  }

  // The bank in posting order: net per transaction, running total per pool and year, the first time it dips below 0.
  const perTransaction = lines()
    .where('l.account', '=', 'bank')
    .select(['t.id', 't.pool', 't.year', sql<string>`sum(l.debit_fen - l.credit_fen)`.as('net')])
    .groupBy(['t.id', 't.pool', 't.year']);
  const dips = await db
    .selectFrom(
      db
        .selectFrom(perTransaction.as('b'))
        .select(['b.id', 'b.pool', 'b.year', sql<string>`sum(b.net) over (partition by b.pool, b.year order by b.id)`.as('running')])
        .as('r'),
    )
    .select(['r.pool', 'r.year', sql<number>`min(r.id)`.as('first_id'), sql<string>`min(r.running)`.as('lowest')])
    .where(sql<boolean>`r.running < 0`)
    .groupBy(['r.pool', 'r.year'])
    .execute();
  for (const d of dips) {
    problems.push({
      pool: d.pool,
      year: d.year,
      code: 'bank_negative',
      message: `${where(d.pool, d.year)}基金专户在凭证 ${d.first_id} 之后余额低于零（最低 ${fenText(Number(d.lowest))} 元）：支出超过了到账的资金`,
    });
  }

  const totals = new Map<string, FundAccountTotal>();
  for (const r of recomputed) {
    if (!isFundAccount(r.account)) continue;
    const k = `${r.pool}|${r.year}|${r.account}`;
    const t = totals.get(k) ?? { pool: r.pool, year: r.year, account: r.account, accountName: FUND_ACCOUNTS[r.account].name, debitFen: 0, creditFen: 0, balanceFen: 0 };
    t.debitFen += Number(r.debit);
    t.creditFen += Number(r.credit);
    t.balanceFen = balanceOf(r.account, t.debitFen, t.creditFen);
    totals.set(k, t);
  }
  const order = Object.keys(FUND_ACCOUNTS);
  const sortedTotals = [...totals.values()].sort((a, b) => a.pool.localeCompare(b.pool) || a.year - b.year || order.indexOf(a.account) - order.indexOf(b.account));
  const counts = await transactions()
    .leftJoin('ncms_fund_line as l', 'l.transaction_id', 't.id')
    .select([sql<string>`count(distinct t.id)`.as('transactions'), sql<string>`count(l.id)`.as('lines')])
    .executeTakeFirstOrThrow();
  problems.sort((a, b) => a.pool.localeCompare(b.pool) || a.year - b.year);
  return { ok: problems.length === 0, transactions: Number(counts.transactions), lines: Number(counts.lines), problems, totals: sortedTotals };
}
