/**
 * The fund check (`jiceng ncms fund check`): recomputes every running balance and monthly total from the lines and
 * compares them with the stored ones, checks that every transaction balances, and that the bank account never went below zero in posting
 * order. Finds a balance row or a line changed behind the ledger's back (the tables' triggers stop ordinary edits).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { balanceOf, FUND_ACCOUNTS, FUND_KINDS, FUND_SOURCES, isFundAccount, isFundKind, type FundAccount } from './accounts.ts';
import { fenText } from './money.ts';

export interface FundProblem {
  pool: string;
  year: number;
  code: 'balance_mismatch' | 'month_mismatch' | 'unbalanced_transaction' | 'bank_negative';
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

interface TotalsRow {
  pool: string;
  year: number;
  account: string;
  institution_id: number | null;
  source: string | null;
  month?: number;
  kind?: string;
  debit: number | string;
  credit: number | string;
  lines?: number | string;
}

/** Stored totals (balances or monthly totals) against the same totals recomputed from the lines, one problem per row that differs. */
function compareTotals(recomputed: TotalsRow[], stored: TotalsRow[], code: FundProblem['code'], what: string): FundProblem[] {
  const key = (r: TotalsRow) => [r.pool, r.year, r.month ?? '', r.kind ?? '', r.account, r.institution_id ?? '', r.source ?? ''].join('|');
  const figures = (r: TotalsRow | undefined) => (r ? { debit: Number(r.debit), credit: Number(r.credit), lines: r.lines === undefined ? null : Number(r.lines) } : { debit: 0, credit: 0, lines: 0 });
  const text = (f: ReturnType<typeof figures>) => `借方 ${fenText(f.debit)} 元、贷方 ${fenText(f.credit)} 元${f.lines === null ? '' : `、${f.lines} 条`}`;
  const label = (r: TotalsRow) => {
    const sub = subKey(r.institution_id, r.source);
    const kind = r.kind === undefined ? '' : isFundKind(r.kind) ? FUND_KINDS[r.kind] : r.kind;
    return `${where(r.pool, r.year)}${r.month === undefined ? '' : `${r.month} 月`}「${accountName(r.account)}」${sub || kind ? `（${[sub, kind].filter(Boolean).join('，')}）` : ''}`;
  };
  const storedByKey = new Map(stored.map((r) => [key(r), r]));
  const problems: FundProblem[] = [];
  const seen = new Set<string>();
  for (const r of recomputed) {
    seen.add(key(r));
    const s = storedByKey.get(key(r));
    const [want, have] = [figures(r), figures(s)];
    if (s && want.debit === have.debit && want.credit === have.credit && (have.lines === null || want.lines === have.lines)) continue;
    problems.push({ pool: r.pool, year: r.year, code, message: `${label(r)}：${s ? `${what}为${text(have)}` : `缺少${what}`}，按分录重算应为${text(want)}` });
  }
  for (const s of stored) {
    const have = figures(s);
    if (seen.has(key(s)) || (have.debit === 0 && have.credit === 0 && !have.lines)) continue;
    problems.push({ pool: s.pool, year: s.year, code, message: `${label(s)}：${what}为${text(have)}，但没有任何分录` });
  }
  return problems;
}

/** The check's steps, in order, for a progress display: each is one pass over the lines. */
export const CHECK_STEPS = ['余额', '月度汇总', '借贷平衡', '专户余额'] as const;

export async function checkFund(
  db: Db,
  filter: { pool?: string | undefined; year?: number | undefined } = {},
  onStep: (step: (typeof CHECK_STEPS)[number], index: number) => void = () => {},
): Promise<FundCheckResult> {
  const step = (name: (typeof CHECK_STEPS)[number]) => onStep(name, CHECK_STEPS.indexOf(name) + 1);
  const { pool, year } = filter;
  // Every query below is limited to the pool and year asked for, by the transaction's (or balance row's) own columns.
  const transactions = () =>
    db
      .selectFrom('ncms_fund_transaction as t')
      .$if(pool !== undefined, (q) => q.where('t.pool', '=', pool!))
      .$if(year !== undefined, (q) => q.where('t.year', '=', year!));
  const lines = () => transactions().innerJoin('ncms_fund_line as l', 'l.transaction_id', 't.id');

  step('余额');
  const recomputed = await lines()
    .select(['t.pool', 't.year', 'l.account', 'l.institution_id', 'l.source'])
    .select([sql<string>`sum(l.debit_fen)`.as('debit'), sql<string>`sum(l.credit_fen)`.as('credit')])
    .groupBy(['t.pool', 't.year', 'l.account', 'l.institution_id', 'l.source'])
    .execute();
  const stored = await db
    .selectFrom('ncms_fund_balance as b')
    .select(['b.pool', 'b.year', 'b.account', 'b.institution_id', 'b.source', 'b.debit_fen as debit', 'b.credit_fen as credit'])
    .$if(pool !== undefined, (q) => q.where('b.pool', '=', pool!))
    .$if(year !== undefined, (q) => q.where('b.year', '=', year!))
    .execute();
  const problems: FundProblem[] = compareTotals(recomputed, stored, 'balance_mismatch', '余额记录');

  step('月度汇总');
  const monthOf = sql<number>`extract(month from t.date)::int`;
  const recomputedMonths = await lines()
    .select(['t.pool', 't.year', monthOf.as('month'), 't.kind', 'l.account', 'l.institution_id', 'l.source'])
    .select([sql<string>`sum(l.debit_fen)`.as('debit'), sql<string>`sum(l.credit_fen)`.as('credit'), sql<string>`count(*)`.as('lines')])
    .groupBy(['t.pool', 't.year', monthOf, 't.kind', 'l.account', 'l.institution_id', 'l.source'])
    .execute();
  const storedMonths = await db
    .selectFrom('ncms_fund_month as m')
    .select(['m.pool', 'm.year', 'm.month', 'm.kind', 'm.account', 'm.institution_id', 'm.source', 'm.debit_fen as debit', 'm.credit_fen as credit', 'm.lines'])
    .$if(pool !== undefined, (q) => q.where('m.pool', '=', pool!))
    .$if(year !== undefined, (q) => q.where('m.year', '=', year!))
    .execute();
  problems.push(...compareTotals(recomputedMonths, storedMonths, 'month_mismatch', '月度汇总'));

  step('借贷平衡');
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

  step('专户余额');
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
