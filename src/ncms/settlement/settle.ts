/**
 * The NCMS settlement engine (即时结报 rules 1-8 of shared/domain/ncms.md) as pure functions over integer fen.
 *
 * settle: a batch. Each person's claims are settled in date order, then input order; results come back in input
 * order. Persons are independent, so one stable counting sort of all claims by day (≤ 416 buckets: the scheme is one
 * calendar year) gives every person's order in O(n). The inner loop does one Map lookup per claim and allocates
 * only the result object (and one year-to-date record per person).
 *
 * settleClaim: one claim against a loaded year-to-date state (settlement at discharge); returns the new state.
 */
import { applyRatio, type Fen } from '../scheme/decimal.ts';
import type { InpatientBenefit, Scheme } from '../scheme/types.ts';
import { isInvalid, type Claim, type ClaimEntry } from './claim.ts';
import { DiseaseMatcher } from './disease-matcher.ts';
import { invalidClaimResult, makeResult, type CapName, type RejectionReason, type SettlementResult } from './result.ts';
import { startingYearToDate, type PersonYearToDate } from './year-to-date.ts';

export interface SettleOptions {
  /** Persons enrolled (参合) in the scheme year; when given, anyone else is rejected `not_enrolled`. */
  enrolled?: ReadonlySet<string>;
  /** Year-to-date sums already paid before this batch, by person (never modified). */
  yearToDate?: ReadonlyMap<string, PersonYearToDate>;
}

/** Scheme plus the matchers built once per scheme object (schemes are treated as immutable). */
interface Compiled {
  scheme: Scheme;
  chronic: DiseaseMatcher;
  major: DiseaseMatcher;
}

const compiledSchemes = new WeakMap<Scheme, Compiled>();

function compile(scheme: Scheme): Compiled {
  let compiled = compiledSchemes.get(scheme);
  if (!compiled) {
    compiled = { scheme, chronic: new DiseaseMatcher(scheme.chronic.diseases), major: new DiseaseMatcher(scheme.major.diseases) };
    compiledSchemes.set(scheme, compiled);
  }
  return compiled;
}

/** Reused per batch: why the current claim was rejected or which cap lowered it. */
interface Verdict {
  reason: RejectionReason | undefined;
  capped: CapName | undefined;
}

/** Lowers pay to the room left under a cap (never below 0), remembering the cap if it bit. */
function capAt(pay: Fen, room: Fen, cap: CapName, verdict: Verdict): Fen {
  const limit = room > 0 ? room : 0;
  if (pay <= limit) return pay;
  verdict.capped = cap;
  return limit;
}

function reject(verdict: Verdict, reason: RejectionReason): Fen {
  verdict.reason = reason;
  return 0;
}

/** Rule 3's ratio: the lower unreferred ratio applies out of county without referral, when the scheme sets one. */
const inpatientRatio = (benefit: InpatientBenefit, claim: Claim) =>
  claim.level === 'outside' && !claim.referred && benefit.unreferredRatioPpm !== undefined ? benefit.unreferredRatioPpm : benefit.ratioPpm;

/** Rules 2-6: the pay for one in-year claim of an enrolled person; adds it to the person's sums. */
function payFor(c: Compiled, claim: Claim, eligible: Fen, ytd: PersonYearToDate, verdict: Verdict): Fen {
  const s = c.scheme;
  switch (claim.kind) {
    case 'inpatient': {
      if (c.major.matches(claim.diagnosis)) {
        const pay = capAt(applyRatio(eligible, s.major.ratioPpm), s.major.annualCapFen - ytd.majorFen, 'majorAnnual', verdict);
        ytd.majorFen += pay;
        return pay;
      }
      const benefit = s.inpatient[claim.level];
      if (benefit === null) return reject(verdict, 'level_not_covered');
      const base = eligible > benefit.deductibleFen ? eligible - benefit.deductibleFen : 0;
      const pay = capAt(applyRatio(base, inpatientRatio(benefit, claim)), s.annualCapFen - ytd.inpatientFen - ytd.chronicFen, 'annual', verdict);
      ytd.inpatientFen += pay;
      return pay;
    }
    case 'chronic': {
      if (!c.chronic.matches(claim.diagnosis)) return reject(verdict, 'not_chronic_disease');
      const benefit = s.inpatient[claim.level];
      if (benefit === null) return reject(verdict, 'level_not_covered');
      let pay = capAt(applyRatio(eligible, benefit.ratioPpm), s.chronic.annualCapFen - ytd.chronicFen, 'chronicAnnual', verdict);
      pay = capAt(pay, s.annualCapFen - ytd.inpatientFen - ytd.chronicFen, 'annual', verdict);
      ytd.chronicFen += pay;
      return pay;
    }
    case 'outpatient': {
      const benefit = claim.level === 'village' || claim.level === 'township' ? s.outpatient[claim.level] : undefined;
      if (!benefit) return reject(verdict, 'level_not_covered');
      let pay = capAt(applyRatio(eligible, benefit.ratioPpm), benefit.perVisitCapFen, 'perVisit', verdict);
      pay = capAt(pay, s.outpatient.annualCapFen - ytd.outpatientFen, 'outpatientAnnual', verdict);
      ytd.outpatientFen += pay;
      return pay;
    }
    case 'delivery':
      return claim.totalFen < s.delivery.fixedFen ? claim.totalFen : s.delivery.fixedFen;
  }
}

const eligibleOf = (claim: Claim): Fen => (claim.totalFen > claim.outOfCatalogFen ? claim.totalFen - claim.outOfCatalogFen : 0);

/** Rule 1 and 7: settles a claim already known to be in year and enrolled, against the person's sums. */
function settleAgainst(c: Compiled, claim: Claim, ytd: PersonYearToDate, verdict: Verdict): SettlementResult {
  verdict.reason = undefined;
  verdict.capped = undefined;
  const eligible = eligibleOf(claim);
  const pay = payFor(c, claim, eligible, ytd, verdict);
  return makeResult(claim.id, verdict.reason, eligible, pay, claim.totalFen - pay, verdict.capped);
}

const DAY_KEYS = 13 * 32;

/** month × 32 + day for a date in the scheme year (sorts like the date), else −1. Dates are valid by the Claim type. */
function dayKey(date: string, year: number): number {
  const y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  if (y !== year || date.length !== 10) return -1;
  const key = ((date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48)) * 32 + (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return key > 32 && key < DAY_KEYS ? key : -1;
}

/** Rule 8 and claim validation: the result when the claim is settled without looking at any sums, else undefined. */
function rejectedUpFront(c: Compiled, entry: ClaimEntry, key: number, enrolled: ReadonlySet<string> | undefined): SettlementResult | undefined {
  if (isInvalid(entry)) return invalidClaimResult(entry);
  const reason: RejectionReason | undefined =
    key < 0 ? 'not_in_scheme_year' : enrolled !== undefined && !enrolled.has(entry.person) ? 'not_enrolled' : undefined;
  return reason === undefined ? undefined : makeResult(entry.id, reason, eligibleOf(entry), 0, entry.totalFen, undefined);
}

export function settle(scheme: Scheme, claims: readonly ClaimEntry[], options: SettleOptions = {}): SettlementResult[] {
  const c = compile(scheme);
  const year = scheme.year;
  const n = claims.length;
  const results = new Array<SettlementResult>(n);
  const keys = new Int16Array(n);
  const starts = new Int32Array(DAY_KEYS + 1);

  for (let i = 0; i < n; i++) {
    const entry = claims[i]!;
    const key = isInvalid(entry) ? -1 : dayKey(entry.date, year);
    const early = rejectedUpFront(c, entry, key, options.enrolled);
    if (early) {
      results[i] = early;
      keys[i] = -1;
    } else {
      keys[i] = key;
      starts[key + 1]!++;
    }
  }
  for (let k = 1; k <= DAY_KEYS; k++) starts[k]! += starts[k - 1]!;
  const order = new Int32Array(starts[DAY_KEYS]!);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key >= 0) order[starts[key]!++] = i;
  }

  const people = new Map<string, PersonYearToDate>();
  const verdict: Verdict = { reason: undefined, capped: undefined };
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    const claim = claims[i] as Claim;
    let ytd = people.get(claim.person);
    if (ytd === undefined) {
      ytd = startingYearToDate(claim.person, year, options.yearToDate?.get(claim.person));
      people.set(claim.person, ytd);
    }
    results[i] = settleAgainst(c, claim, ytd, verdict);
  }
  return results;
}

/**
 * One claim at discharge: `saved` is the person's year-to-date state (undefined or another year = nothing paid yet).
 * Returns the result and the state to save; `saved` itself is not modified.
 */
export function settleClaim(
  scheme: Scheme,
  claim: Claim,
  saved: PersonYearToDate | undefined,
  options: Pick<SettleOptions, 'enrolled'> = {},
): { result: SettlementResult; yearToDate: PersonYearToDate } {
  if (saved && saved.person !== claim.person) throw new Error(`year-to-date state of ${saved.person} given for a claim of ${claim.person}`);
  const c = compile(scheme);
  const ytd = startingYearToDate(claim.person, scheme.year, saved);
  const result =
    rejectedUpFront(c, claim, dayKey(claim.date, scheme.year), options.enrolled) ??
    settleAgainst(c, claim, ytd, { reason: undefined, capped: undefined });
  return { result, yearToDate: ytd };
}
