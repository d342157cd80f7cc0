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

export interface InstitutionStatement {
  pool: string;
  year: number;
  month: number;
  institutionId: number;
  institutionName: string;
  institutionLevel: string;
  openingFen: number; // owed at the start of the month (上月结欠)
  settledFen: number; // claims settled in the month (本月结算)
  settledClaims: number; // settlement postings at the institution (a claim settled again after a reversal counts twice)
  reversedFen: number; // claims reversed in the month (本月冲销)
  reversedClaims: number;
  paidFen: number; // paid to the institution in the month (本月拨付)
  deductedFen: number; // taken off by claim review in the month (审核扣减/拒付; a correction that gives back lowers it)
  adjustedFen: number; // adjustments in the month, + raises what is owed
  closingFen: number; // owed at the month's end (月末应付) = opening + settled − reversed − paid − deducted + adjusted
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
 * or end.
 */
export async function monthlyStatements(db: Db, actor: Actor, q: StatementQuery): Promise<InstitutionStatement[]> {
  requirePermission(actor, 'ncms.read');
  if (!Number.isInteger(q.month) || q.month < 1 || q.month > 12) throw invalid('month', `月份应为 1 到 12，收到 ${q.month}`);
  const m = q.month;
  const net = sql`m.credit_fen - m.debit_fen`;
  // Read from the monthly totals (ncms_fund_month), a few rows per institution and month, not the year's lines.
  let query = db
    .selectFrom('ncms_fund_month as m')
    .where('m.account', '=', 'payable_institution')
    .where('m.year', '=', q.year)
    .select([
      'm.pool',
      'm.institution_id',
      sql<string>`coalesce(sum(case when m.month < ${m} then ${net} end), 0)`.as('opening'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind = 'settlement' then ${net} end), 0)`.as('settled'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind = 'settlement' then m.lines end), 0)`.as('settled_claims'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind = 'reversal' then -(${net}) end), 0)`.as('reversed'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind = 'reversal' then m.lines end), 0)`.as('reversed_claims'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind = 'payment' then -(${net}) end), 0)`.as('paid'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind = 'review' then -(${net}) end), 0)`.as('deducted'),
      sql<string>`coalesce(sum(case when m.month = ${m} and m.kind not in ('settlement', 'reversal', 'payment', 'review') then ${net} end), 0)`.as('adjusted'),
      sql<string>`coalesce(sum(${net}), 0)`.as('owed_now'),
    ])
    .groupBy(['m.pool', 'm.institution_id'])
    .orderBy('m.pool')
    .orderBy('m.institution_id');
  if (q.pool) query = query.where('m.pool', '=', q.pool);
  if (q.institutionId !== undefined) query = query.where('m.institution_id', '=', q.institutionId);
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
      const deductedFen = n(r.deducted);
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
        deductedFen,
        adjustedFen,
        closingFen: openingFen + settledFen - reversedFen - paidFen - deductedFen + adjustedFen,
        owedNowFen: n(r.owed_now),
      };
    })
    .filter((s) => s.openingFen !== 0 || s.closingFen !== 0 || s.settledFen || s.reversedFen || s.paidFen || s.deductedFen || s.adjustedFen || s.settledClaims || s.reversedClaims);
}
