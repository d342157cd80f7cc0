/**
 * What one household's enrollment (参合) brings into the fund, as one posting: each member's contribution (个人缴费,
 * or the same amount paid by government or another fund for subsidised categories) and the government subsidy per
 * person (政府补助). Nothing is in the bank yet: the village holds the contributions until they are deposited
 * (解缴), the treasury the subsidy until it is transferred (拨付), so both are receivables.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import type { Payer } from '../db/schema.ts';
import { isFundSource, type FundSource } from './accounts.ts';
import { postFunds, type FundLine, type FundPosting } from './ledger.ts';
import { splitForEnrollment, type SplitPart } from './subsidy-split.ts';

export interface EnrolledMember {
  category: string;
  payer: Payer;
}

/** Which fund pays a subsidised category's contribution, when the category has no row in ncms_fund_category_source. */
const DEFAULT_SOURCE: Record<Exclude<Payer, 'individual'>, FundSource> = { government: 'county', other: 'other' };

/**
 * The lines of one household's enrollment: one pair per account and source with the members counted together, so
 * a household of any size is a handful of lines.
 */
export function contributionLines(members: EnrolledMember[], individualFen: number, categorySources: ReadonlyMap<string, string>, split: SplitPart[]): FundLine[] {
  const bySource = new Map<string, number>(); // receivable_government / income_government, per source
  const add = (source: string, fen: number) => bySource.set(source, (bySource.get(source) ?? 0) + fen);
  let individual = 0;
  for (const m of members) {
    if (m.payer === 'individual') individual += individualFen;
    else {
      const source = categorySources.get(m.category);
      add(source && isFundSource(source) ? source : DEFAULT_SOURCE[m.payer], individualFen);
    }
  }
  for (const p of split) add(p.source, p.amountFen * members.length);
  const lines: FundLine[] = [];
  if (individual > 0) lines.push({ account: 'receivable_individual', debitFen: individual }, { account: 'income_individual', creditFen: individual });
  for (const [source, fen] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (fen > 0) lines.push({ account: 'receivable_government', debitFen: fen, source }, { account: 'income_government', creditFen: fen, source });
  }
  return lines;
}

/**
 * The date an enrollment is booked on: its collection date when inside the fund year. Contributions are usually
 * collected in the autumn before the year (预收): they become the year's income on 1 January; a late enrollment
 * recorded after the year closes is booked on 31 December. The memo keeps the real collection date.
 */
export function bookingDate(collectedOn: string, year: number): string {
  if (collectedOn < `${year}-01-01`) return `${year}-01-01`;
  if (collectedOn > `${year}-12-31`) return `${year}-12-31`;
  return collectedOn;
}

export interface HouseholdEnrollmentFund {
  pool: string;
  year: number;
  collectedOn: string;
  individualFen: number; // the scheme's individual contribution per person
  governmentFen: number; // the scheme's government subsidy per person
  members: EnrolledMember[];
  enrollmentId: number; // the first enrollment row of this submission: the posting's reference
  label: string; // e.g. 东岭村 0001 户
}

/** Posts one household's enrollment inside the caller's transaction; returns the transaction id, or null when nothing is owed. */
export async function postHouseholdEnrollment(trx: Db, actor: Actor, e: HouseholdEnrollmentFund): Promise<number | null> {
  return (await postHouseholdEnrollments(trx, actor, [e]))[0]!;
}

/**
 * Posts many households' enrollments (a roster import), still one posting per household, with the subsidy split and
 * the category sources read once per pool and year and the postings written together by `postFunds`. Returns the
 * transaction ids in the order of `households` (null where nothing is owed).
 */
export async function postHouseholdEnrollments(trx: Db, actor: Actor, households: readonly HouseholdEnrollmentFund[]): Promise<Array<number | null>> {
  if (households.length === 0) return [];
  const sources = new Map((await trx.selectFrom('ncms_fund_category_source').select(['category', 'source']).execute()).map((s) => [s.category, s.source]));
  const splits = new Map<string, SplitPart[]>();
  const postings: FundPosting[] = [];
  const index: Array<number | null> = []; // household → its posting's place in `postings`
  for (const e of households) {
    const key = `${e.pool}|${e.year}|${e.governmentFen}`;
    if (!splits.has(key)) splits.set(key, await splitForEnrollment(trx, e.pool, e.year, e.governmentFen));
    const lines = contributionLines(e.members, e.individualFen, sources, splits.get(key)!);
    if (lines.length === 0) {
      index.push(null); // a scheme with neither contribution nor subsidy
      continue;
    }
    const date = bookingDate(e.collectedOn, e.year);
    const when = date === e.collectedOn ? '' : `（${e.collectedOn} 收缴）`;
    index.push(postings.length);
    postings.push({
      pool: e.pool,
      year: e.year,
      date,
      kind: 'contribution',
      reference: { type: 'enrollment', id: e.enrollmentId },
      memo: `${e.label}参合 ${e.members.length} 人${when}：个人缴费及政府补助`,
      lines,
    });
  }
  const ids = await postFunds(trx, actor, postings);
  return index.map((i) => (i === null ? null : ids[i]!));
}
