/**
 * What the fund pages show: per pool and year the income by source, spending by kind of claim, balances, the monthly
 * series and the usage rate (基金使用率 = spending ÷ funds raised); and the ledger's entries, paged.
 * Fund figures are county-level, not personal: readable by every holder of ncms.read, not scoped by area.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import { institutionBasics } from '../../core/institutions/institutions.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import { balanceOf, FUND_ACCOUNTS, FUND_KINDS, FUND_SOURCES, isFundAccount, isFundKind, type FundAccount } from './accounts.ts';
import { monthRange } from './months.ts';

/** Kinds of claim as the claims module names them in compensation_expense's source (其他 for anything else). */
const CLAIM_KIND_NAMES: Record<string, string> = {
  outpatient: '门诊统筹',
  inpatient: '住院',
  chronic: '特殊慢病门诊',
  major: '重大疾病',
  delivery: '住院分娩',
};

/** Balance band of the documents: the current year's balance at most 15 % of the funds raised. */
const MAX_YEAR_BALANCE_PPM = 150_000;

export interface FundOverview {
  pool: string | null; // null: every pool of the year together
  year: number;
  raisedFen: number; // funds raised (筹集资金) = individual + government income
  incomeBySource: Array<{ source: string; name: string; fen: number }>;
  spendingFen: number; // compensation paid out (补偿支出)
  spendingByKind: Array<{ kind: string; name: string; fen: number }>;
  balanceFen: number; // 当年结余 = raised − spending
  bankFen: number; // 基金专户存款
  receivableIndividualFen: number; // contributions collected, not yet deposited
  receivableGovernmentFen: number; // subsidies not yet transferred
  payableFen: number; // owed to institutions
  usageRate: number | null; // spending ÷ raised, 4 decimals; null when nothing was raised
  timeShare: number; // the share of the year elapsed (1 for a past year), to compare with usageRate
  monthly: Array<{ month: number; incomeFen: number; spendingFen: number }>;
  warnings: string[];
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const percent = (r: number) => `${(r * 100).toFixed(2)}%`;

/** Share of the year elapsed on `today` (inclusive), 0 before the year and 1 after it. */
export function yearElapsed(year: number, today: string): number {
  if (today < `${year}-01-01`) return 0;
  if (today > `${year}-12-31`) return 1;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const days = (day(`${year + 1}-01-01`) - day(`${year}-01-01`)) / 86_400_000;
  return Math.round(((day(today) - day(`${year}-01-01`)) / 86_400_000 + 1) / days * 10_000) / 10_000;
}

/** The early warnings of the documents: usage running ahead of the calendar, a closed year's balance above its band. */
export function fundWarnings(o: { raisedFen: number; spendingFen: number; usageRate: number | null; timeShare: number }): string[] {
  const warnings: string[] = [];
  if (o.usageRate !== null && o.usageRate > o.timeShare) {
    warnings.push(`基金使用进度 ${percent(o.usageRate)} 快于时间进度 ${percent(o.timeShare)}，请关注基金支出`);
  }
  if (o.timeShare === 1 && o.raisedFen > 0 && (o.raisedFen - o.spendingFen) * 1_000_000 > o.raisedFen * MAX_YEAR_BALANCE_PPM) {
    warnings.push(`当年结余率 ${percent((o.raisedFen - o.spendingFen) / o.raisedFen)} 超过 ${MAX_YEAR_BALANCE_PPM / 10_000}% 的控制标准`);
  }
  if (o.raisedFen > 0 && o.spendingFen > o.raisedFen) warnings.push('当年支出已超过当年筹集的基金');
  return warnings;
}

export async function fundOverview(db: Db, actor: Actor, q: { year: number; pool?: string | undefined }, today = todayInShanghai()): Promise<FundOverview> {
  requirePermission(actor, 'ncms.read');
  const balances = await db
    .selectFrom('ncms_fund_balance')
    .select(['account', 'source'])
    .select((eb) => [eb.fn.sum<string>('debit_fen').as('debit'), eb.fn.sum<string>('credit_fen').as('credit')])
    .where('year', '=', q.year)
    .$if(q.pool !== undefined, (qb) => qb.where('pool', '=', q.pool!))
    .groupBy(['account', 'source'])
    .execute();
  const of = (account: FundAccount) => balances.filter((b) => b.account === account).map((b) => ({ source: b.source, fen: balanceOf(account, Number(b.debit), Number(b.credit)) }));
  const total = (account: FundAccount) => of(account).reduce((s, b) => s + b.fen, 0);

  const incomeBySource = [
    { source: 'individual', name: '个人缴费', fen: total('income_individual') },
    ...Object.entries(FUND_SOURCES).map(([source, name]) => ({ source, name, fen: of('income_government').find((b) => b.source === source)?.fen ?? 0 })),
  ].filter((i) => i.fen !== 0);
  const spendingByKind = of('compensation_expense')
    .map((b) => ({ kind: b.source ?? 'other', name: CLAIM_KIND_NAMES[b.source ?? ''] ?? '其他', fen: b.fen }))
    .filter((s) => s.fen !== 0)
    .sort((a, b) => b.fen - a.fen);
  const raisedFen = incomeBySource.reduce((s, i) => s + i.fen, 0);
  const spendingFen = total('compensation_expense');

  const monthRows = await db
    .selectFrom('ncms_fund_month as m')
    .where('m.year', '=', q.year)
    .$if(q.pool !== undefined, (qb) => qb.where('m.pool', '=', q.pool!))
    .where('m.account', 'in', ['income_individual', 'income_government', 'compensation_expense'])
    .select([
      'm.month',
      sql<string>`coalesce(sum(case when m.account <> 'compensation_expense' then m.credit_fen - m.debit_fen end), 0)`.as('income'),
      sql<string>`coalesce(sum(case when m.account = 'compensation_expense' then m.debit_fen - m.credit_fen end), 0)`.as('spending'),
    ])
    .groupBy('m.month')
    .execute();
  const monthly = Array.from({ length: 12 }, (_, i) => {
    const row = monthRows.find((r) => Number(r.month) === i + 1);
    return { month: i + 1, incomeFen: row ? Number(row.income) : 0, spendingFen: row ? Number(row.spending) : 0 };
  });

  const usageRate = rate(spendingFen, raisedFen);
  const timeShare = yearElapsed(q.year, today);
  return {
    pool: q.pool ?? null,
    year: q.year,
    raisedFen,
    incomeBySource,
    spendingFen,
    spendingByKind,
    balanceFen: raisedFen - spendingFen,
    bankFen: total('bank'),
    receivableIndividualFen: total('receivable_individual'),
    receivableGovernmentFen: total('receivable_government'),
    payableFen: total('payable_institution'),
    usageRate,
    timeShare,
    monthly,
    warnings: fundWarnings({ raisedFen, spendingFen, usageRate, timeShare }),
  };
}

/** Every pool and year the ledger has entries for, newest year first: what the fund pages offer to choose from. */
export async function fundYears(db: Db, actor: Actor): Promise<Array<{ pool: string; year: number }>> {
  requirePermission(actor, 'ncms.read');
  return db.selectFrom('ncms_fund_balance').select(['pool', 'year']).distinct().orderBy('year', 'desc').orderBy('pool').execute();
}

export interface FundEntry {
  lineId: number;
  transactionId: number;
  pool: string;
  year: number;
  date: string;
  kind: string;
  kindName: string;
  memo: string;
  referenceType: string;
  referenceId: string;
  account: string;
  accountName: string;
  institutionId: number | null;
  institutionName: string | null;
  source: string | null;
  sourceName: string | null;
  debitFen: number;
  creditFen: number;
  createdByName: string;
}

export interface FundEntryFilter extends Partial<PageRequest> {
  year: number;
  pool?: string | undefined;
  account?: string | undefined;
  institutionId?: number | undefined;
  month?: number | undefined;
  kind?: string | undefined;
}

/** Ledger lines (分录) newest first, filterable by account, institution, month and kind. */
export async function listFundEntries(db: Db, actor: Actor, filter: FundEntryFilter): Promise<Page<FundEntry>> {
  requirePermission(actor, 'ncms.read');
  const { page, pageSize, offset } = pageRequest(filter);
  if (filter.account !== undefined && !isFundAccount(filter.account)) throw invalid('account', `科目「${filter.account}」不存在`);
  if (filter.kind !== undefined && !isFundKind(filter.kind)) throw invalid('kind', `凭证类型「${filter.kind}」不存在`);
  if (filter.month !== undefined && (!Number.isInteger(filter.month) || filter.month < 1 || filter.month > 12)) throw invalid('month', `月份应为 1 到 12，收到 ${filter.month}`);
  const range = filter.month !== undefined ? monthRange(filter.year, filter.month) : null;
  const query = db
    .selectFrom('ncms_fund_line as l')
    .innerJoin('ncms_fund_transaction as t', 't.id', 'l.transaction_id')
    .where('t.year', '=', filter.year)
    .$if(filter.pool !== undefined, (q) => q.where('t.pool', '=', filter.pool!))
    .$if(filter.account !== undefined, (q) => q.where('l.account', '=', filter.account!))
    .$if(filter.institutionId !== undefined, (q) => q.where('l.institution_id', '=', filter.institutionId!))
    .$if(filter.kind !== undefined, (q) => q.where('t.kind', '=', filter.kind!))
    .$if(range !== null, (q) => q.where('t.date', '>=', range!.start).where('t.date', '<', range!.end));
  const [rows, { n }] = await Promise.all([
    query
      .select(['l.id', 'l.transaction_id', 't.pool', 't.year', 't.date', 't.kind', 't.memo', 't.reference_type', 't.reference_id', 'l.account', 'l.institution_id', 'l.source', 'l.debit_fen', 'l.credit_fen', 't.created_by_name'])
      .orderBy('t.date', 'desc')
      .orderBy('t.id', 'desc')
      .orderBy('l.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    // The monthly totals count the lines under the same filters: no scan of the year's lines for the total.
    db
      .selectFrom('ncms_fund_month as m')
      .select(sql<string>`coalesce(sum(m.lines), 0)`.as('n'))
      .where('m.year', '=', filter.year)
      .$if(filter.pool !== undefined, (q) => q.where('m.pool', '=', filter.pool!))
      .$if(filter.account !== undefined, (q) => q.where('m.account', '=', filter.account!))
      .$if(filter.institutionId !== undefined, (q) => q.where('m.institution_id', '=', filter.institutionId!))
      .$if(filter.kind !== undefined, (q) => q.where('m.kind', '=', filter.kind!))
      .$if(filter.month !== undefined, (q) => q.where('m.month', '=', filter.month!))
      .executeTakeFirstOrThrow(),
  ]);
  const institutions = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.institution_id).filter((i): i is number => i !== null))) {
    institutions.set(id, (await institutionBasics(db, id))?.name ?? `机构 ${id}`);
  }
  const sourceName = (account: string, source: string | null) =>
    source === null ? null : account === 'compensation_expense' ? (CLAIM_KIND_NAMES[source] ?? source) : (FUND_SOURCES[source as keyof typeof FUND_SOURCES] ?? source);
  return {
    items: rows.map((r) => ({
      lineId: r.id,
      transactionId: r.transaction_id,
      pool: r.pool,
      year: r.year,
      date: r.date,
      kind: r.kind,
      kindName: isFundKind(r.kind) ? FUND_KINDS[r.kind] : r.kind,
      memo: r.memo,
      referenceType: r.reference_type,
      referenceId: r.reference_id,
      account: r.account,
      accountName: isFundAccount(r.account) ? FUND_ACCOUNTS[r.account].name : r.account,
      institutionId: r.institution_id,
      institutionName: r.institution_id === null ? null : (institutions.get(r.institution_id) ?? null),
      source: r.source,
      sourceName: sourceName(r.account, r.source),
      debitFen: Number(r.debit_fen),
      creditFen: Number(r.credit_fen),
      createdByName: r.created_by_name,
    })),
    total: Number(n),
    page,
    pageSize,
  };
}
