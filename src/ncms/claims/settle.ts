/**
 * Settlement at discharge (即时结报): the pure engine (settleClaim) applied to one claim against the person's locked
 * year-to-date sums, under the active scheme of the person's village for the discharge date's year. A claim the
 * engine rejects is stored as 'rejected' with its reason code and answered (200) with it; invalid input is a 400
 * naming the field, and nothing is written. All of it is one transaction: claim, sums, ledger, audit, request id.
 */
import type { QueryCreator } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Database } from '../../database.ts';
import type { Actor } from '../../core/auth/actor.ts';
import type { AuditEntry } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import { activeSchemeForArea } from '../schemes/scheme-store.ts';
import type { Claim } from '../settlement/claim.ts';
import { settleClaim } from '../settlement/settle.ts';
import { eligibleOf } from '../settlement/rules.ts';
import { emptyYearToDate } from '../settlement/year-to-date.ts';
import { appliedTerms, bucketOf, capLines } from './breakdown.ts';
import { checkDates, checkDiagnosis, checkLines, linesFromTotals, type CheckedLine, type LineInput } from './claim-input.ts';
import { requireSettlingInstitution } from './access.ts';
import { oncePerRequest } from './claim-requests.ts';
import { linesOf, lockOwnClaim, openClaim, requestPayload, writtenClaimView, type ClaimInput, type ClaimLineView, type ClaimRow, type ClaimView } from './claims.ts';
import { lockYearToDateIfEnrolled, yearToDateMove } from './year-to-date-store.ts';
import { postSettlement } from './fund-posting.ts';
import { isAdmission } from './vocabulary.ts';

export interface DischargeInput {
  dischargedOn?: string | undefined; // admissions: default the date registered, else today
  diagnosis?: string | undefined; // the discharge diagnosis, when it differs from the admission's
  referred?: boolean | undefined;
  requestId?: string | undefined;
}

const yuanBackToFen = (yuan: number) => Math.round(yuan * 100); // the engine answers in yuan exact to the fen

/**
 * Settles a locked open claim with its cost lines; returns the answer and the audit entry (recorded by the caller,
 * last). The person's year-to-date row and the institution's fund balances stay locked until the commit: statements
 * after the first of those locks are kept few, each a round trip every other settlement of that person or institution
 * waits through.
 */
async function settleLocked(trx: Db, actor: Actor, claim: ClaimRow, lines: ClaimLineView[], input: DischargeInput): Promise<{ view: ClaimView; audit: AuditEntry }> {
  const admission = isAdmission(claim.kind);
  if (!admission && input.dischargedOn !== undefined && input.dischargedOn !== claim.admitted_on) {
    throw invalid('dischargedOn', '门诊就诊以就诊日期结算，没有出院日期');
  }
  const today = todayInShanghai();
  const dischargedOn = admission ? (input.dischargedOn ?? claim.discharged_on ?? today) : claim.admitted_on;
  checkDates(claim.admitted_on, dischargedOn, today);
  const diagnosis = checkDiagnosis(claim.kind, input.diagnosis ?? claim.diagnosis);
  const referred = input.referred ?? claim.referred;
  if (claim.line_count === 0) throw invalid('lines', `报销单据 ${claim.claim_no} 还没有费用明细，请先录入再结算`, 'no_cost_lines');

  // The scheme year is the discharge date's year: an admission over New Year is settled under the new year's scheme.
  const year = Number(dischargedOn.slice(0, 4));
  const active = await activeSchemeForArea(trx, claim.area_code, year);
  if (!active) throw invalid('dischargedOn', `${year} 年度尚无执行中的补偿方案，不能结算，请联系合管办`, 'no_active_scheme');
  const scheme = active.scheme;
  const person = String(claim.person_id);
  // Only an enrolled person's sums can move; locking them serialises this person's settlements (caps hold).
  const locked = await lockYearToDateIfEnrolled(trx, claim.person_id, year);
  const enrolled = locked !== null;
  const before = locked ?? emptyYearToDate(person, year);
  const engineClaim: Claim = { id: claim.claim_no, person, date: dischargedOn, level: claim.level, kind: claim.kind, diagnosis, referred, totalFen: claim.total_fen, outOfCatalogFen: claim.out_of_catalog_fen };
  const { result, yearToDate: after } = settleClaim(scheme, engineClaim, before, { enrolled: new Set(enrolled ? [person] : []) });

  const payFen = yuanBackToFen(result.pay);
  const eligibleFen = eligibleOf(claim.total_fen, claim.out_of_catalog_fen);
  const paid = result.status === 'paid';
  const terms = paid ? appliedTerms(scheme, engineClaim, eligibleFen) : { deductibleFen: 0, ratioPpm: null };
  const bucket = bucketOf(before, after);
  const caps = capLines(scheme, before, after);
  // The sums move in the claim's own update (a CTE): one round trip fewer while the row is locked. The CTE's name is
  // read by nothing, so the creator is typed as the plain database (Kysely types it as the database plus that name).
  const writer = bucket ? (trx.with('year_to_date', (db) => yearToDateMove(db, claim.person_id, year, bucket, payFen)) as unknown as QueryCreator<Database>) : trx;
  const settled = await writer
    .updateTable('ncms_claim')
    .set({
      status: paid ? 'settled' : 'rejected',
      discharged_on: dischargedOn,
      diagnosis,
      referred,
      year,
      scheme_id: active.id,
      eligible_fen: eligibleFen,
      deductible_fen: terms.deductibleFen,
      ratio_ppm: terms.ratioPpm,
      pay_fen: payFen,
      self_pay_fen: claim.total_fen - payFen,
      capped: result.capped ?? null,
      bucket,
      reason: result.reason ?? null,
      caps: JSON.stringify(caps),
      settled_by: actor.userId,
      settled_by_name: actor.name,
      settled_at: new Date(),
    })
    .where('id', '=', claim.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // The fund balances are shared by every claim of the institution: posted last, just before the audit and commit.
  await postSettlement(trx, actor, { claim, pool: scheme.pool, year, date: dischargedOn, payFen, bucket });

  const view = writtenClaimView(settled, lines, active.version);
  const audit: AuditEntry = {
    action: paid ? 'settle' : 'reject',
    entity: 'ncms_claim',
    entityId: claim.id,
    areaId: claim.area_id,
    before: { status: 'open' },
    after: { status: settled.status, reason: settled.reason, year, schemeId: active.id, totalFen: claim.total_fen, outOfCatalogFen: claim.out_of_catalog_fen, eligibleFen, payFen, selfPayFen: settled.self_pay_fen, capped: settled.capped },
  };
  return { view, audit };
}

/** 出院结算: settles an open claim of the actor's institution. */
export async function settleAtDischarge(db: Db, actor: Actor, claimId: number, input: DischargeInput = {}): Promise<ClaimView> {
  await requireSettlingInstitution(db, actor);
  return inTransaction(db, (trx) =>
    oncePerRequest(trx, actor, input.requestId, requestPayload(actor, 'settle', { claimId, ...input }), async () => {
      const claim = await lockOwnClaim(trx, actor, claimId);
      const { view, audit } = await settleLocked(trx, actor, claim, await linesOf(trx, claim.id), input);
      return { result: view, audit: [audit] };
    }),
  );
}

export interface VisitInput extends ClaimInput {
  /** Instead of lines: the visit's total and its out-of-catalogue part (元). */
  total?: number | string | undefined;
  outOfCatalog?: number | string | undefined;
}

/**
 * 门诊一次结算 (a village clinic's visit): registers the visit with its costs and settles it in one request and one
 * transaction, under one request id.
 */
export async function settleVisit(db: Db, actor: Actor, input: VisitInput): Promise<ClaimView> {
  const institution = await requireSettlingInstitution(db, actor);
  if (isAdmission(input.kind)) throw invalid('kind', '住院和分娩请先登记入院，出院时结算', 'not_a_visit');
  const lines = visitLines(input.lines, input.total, input.outOfCatalog);
  return inTransaction(db, (trx) =>
    oncePerRequest(trx, actor, input.requestId, requestPayload(actor, 'visit', input), async () => {
      const { claim, lines: stored, audit: registered } = await openClaim(trx, actor, institution, { ...input, dischargedOn: undefined }, lines);
      const { view, audit } = await settleLocked(trx, actor, claim, stored, {});
      return { result: view, audit: [registered, audit] };
    }),
  );
}

function visitLines(lines: LineInput[] | undefined, total: number | string | undefined, outOfCatalog: number | string | undefined): CheckedLine[] {
  if (lines !== undefined && lines.length > 0) {
    if (total !== undefined || outOfCatalog !== undefined) throw invalid('total', '请填写费用明细或总费用其中之一，不要同时填写');
    return checkLines(lines);
  }
  if (total === undefined) throw invalid('total', '请填写本次就诊的总费用或费用明细');
  return linesFromTotals(total, outOfCatalog);
}
