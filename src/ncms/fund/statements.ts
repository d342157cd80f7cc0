/**
 * Monthly statements (月结算单) per designated institution: what the fund came to owe it in a month (claims settled,
 * minus claims reversed), what it paid, and what it owes at the month's end and now. Read from the
 * payable_institution lines, so a statement always agrees with the ledger.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { invalid } from '../../core/errors.ts';
import { institutionBasics } from '../../core/institutions/institutions.ts';
import { monthRange } from './months.ts';

export interface InstitutionStatement {
  pool: string;
  year: number;
  month: number;
  institutionId: number;
  institutionName: string;
  institutionLevel: string;
  openingFen: number; // owed at the start of the month (上月结欠)
  settledFen: number; // claims settled in the month (本月结算)
  settledClaims: number;
  reversedFen: number; // claims reversed in the month (本月冲销)
  reversedClaims: number;
  paidFen: number; // paid to the institution in the month (本月拨付)
  adjustedFen: number; // adjustments in the month, + raises what is owed
  closingFen: number; // owed at the month's end (月末应付) = opening + settled − reversed − paid + adjusted
  owedNowFen: number; // owed today, all months of the year (当前应付)
}

export interface StatementQuery {
  pool?: string | undefined;
  year: number;
  month: number;
  institutionId?: number | undefined;
}

/**
 * Statements of a month, one per institution that had payable entries that month or was owed something at its start
 * or end. The year's payable lines are summed once, split by date and kind.
 */
export async function monthlyStatements(db: Db, actor: Actor, q: StatementQuery): Promise<InstitutionStatement[]> {
  requirePermission(actor, 'ncms.read');
  if (!Number.isInteger(q.month) || q.month < 1 || q.month > 12) throw invalid('month', `月份应为 1 到 12，收到 ${q.month}`);
  const { start, end } = monthRange(q.year, q.month);
  const inMonth = sql<boolean>`t.date >= ${start} and t.date < ${end}`;
  const net = sql`l.credit_fen - l.debit_fen`;
  let query = db
    .selectFrom('ncms_fund_line as l')
    .innerJoin('ncms_fund_transaction as t', 't.id', 'l.transaction_id')
    .where('l.account', '=', 'payable_institution')
    .where('t.year', '=', q.year)
    .select([
      't.pool',
      'l.institution_id',
      sql<string>`coalesce(sum(case when t.date < ${start} then ${net} end), 0)`.as('opening'),
      sql<string>`coalesce(sum(case when ${inMonth} and t.kind = 'settlement' then ${net} end), 0)`.as('settled'),
      sql<string>`count(distinct case when ${inMonth} and t.kind = 'settlement' then t.reference_type || ':' || t.reference_id end)`.as('settled_claims'),
      sql<string>`coalesce(sum(case when ${inMonth} and t.kind = 'reversal' then -(${net}) end), 0)`.as('reversed'),
      sql<string>`count(distinct case when ${inMonth} and t.kind = 'reversal' then t.reference_type || ':' || t.reference_id end)`.as('reversed_claims'),
      sql<string>`coalesce(sum(case when ${inMonth} and t.kind = 'payment' then -(${net}) end), 0)`.as('paid'),
      sql<string>`coalesce(sum(case when ${inMonth} and t.kind not in ('settlement', 'reversal', 'payment') then ${net} end), 0)`.as('adjusted'),
      sql<string>`coalesce(sum(${net}), 0)`.as('owed_now'),
    ])
    .groupBy(['t.pool', 'l.institution_id'])
    .orderBy('t.pool')
    .orderBy('l.institution_id');
  if (q.pool) query = query.where('t.pool', '=', q.pool);
  if (q.institutionId !== undefined) query = query.where('l.institution_id', '=', q.institutionId);
  const rows = await query.execute();
  const names = new Map<number, Awaited<ReturnType<typeof institutionBasics>>>();
  for (const id of new Set(rows.map((r) => r.institution_id!))) names.set(id, await institutionBasics(db, id));
  return rows
    .map((r) => {
      const n = (v: unknown) => Number(v);
      const institution = names.get(r.institution_id!);
      const openingFen = n(r.opening);
      const settledFen = n(r.settled);
      const reversedFen = n(r.reversed);
      const paidFen = n(r.paid);
      const adjustedFen = n(r.adjusted);
      return {
        pool: r.pool,
        year: q.year,
        month: q.month,
        institutionId: r.institution_id!,
        institutionName: institution?.name ?? `机构 ${r.institution_id}`,
        institutionLevel: institution?.levelName ?? '',
        openingFen,
        settledFen,
        settledClaims: n(r.settled_claims),
        reversedFen,
        reversedClaims: n(r.reversed_claims),
        paidFen,
        adjustedFen,
        closingFen: openingFen + settledFen - reversedFen - paidFen + adjustedFen,
        owedNowFen: n(r.owed_now),
      };
    })
    .filter((s) => s.openingFen !== 0 || s.closingFen !== 0 || s.settledFen || s.reversedFen || s.paidFen || s.adjustedFen || s.settledClaims || s.reversedClaims);
}
