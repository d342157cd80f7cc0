/**
 * Rules 2-7 of shared/domain/ncms.md on integer fen, over a claim reduced to a few small integers (its "code") so the
 * batch loop can keep everything it touches per claim in one typed-array slot.
 */
import { applyRatio, type Fen } from '../scheme/decimal.ts';
import { LEVELS, type InpatientBenefit, type OutpatientBenefit, type Scheme } from '../scheme/types.ts';
import { CLAIM_KINDS, type Claim } from './claim.ts';
import { DiseaseMatcher } from './disease-matcher.ts';
import type { CapName, RejectionReason } from './result.ts';
import type { PersonYearToDate } from './year-to-date.ts';

/** Scheme tables indexed by level code, and the disease matchers, built once per scheme object (treated as immutable). */
export interface CompiledScheme {
  scheme: Scheme;
  inpatient: readonly (InpatientBenefit | null)[];
  outpatient: readonly (OutpatientBenefit | null)[];
  chronic: DiseaseMatcher;
  major: DiseaseMatcher;
}

const compiledSchemes = new WeakMap<Scheme, CompiledScheme>();

export function compileScheme(scheme: Scheme): CompiledScheme {
  let compiled = compiledSchemes.get(scheme);
  if (!compiled) {
    compiled = {
      scheme,
      inpatient: LEVELS.map((level) => scheme.inpatient[level]),
      outpatient: LEVELS.map((level) => (level === 'village' || level === 'township' ? (scheme.outpatient[level] ?? null) : null)),
      chronic: new DiseaseMatcher(scheme.chronic.diseases),
      major: new DiseaseMatcher(scheme.major.diseases),
    };
    compiledSchemes.set(scheme, compiled);
  }
  return compiled;
}

// Claim code: bits 0-1 level (LEVELS index), 2-3 kind (CLAIM_KINDS index), 4 referred, 5 diagnosis on the list that
// matters for the kind (major diseases for inpatient, chronic diseases for chronic).
const OUTSIDE = LEVELS.indexOf('outside');
const OUTPATIENT = CLAIM_KINDS.indexOf('outpatient');
const INPATIENT = CLAIM_KINDS.indexOf('inpatient');
const CHRONIC = CLAIM_KINDS.indexOf('chronic');
const REFERRED = 16;
const LISTED = 32;
const levelCode = new Map<string, number>(LEVELS.map((l, i) => [l, i]));
const kindCode = new Map<string, number>(CLAIM_KINDS.map((k, i) => [k, i << 2]));

export function claimCode(c: CompiledScheme, claim: Claim): number {
  const kind = kindCode.get(claim.kind)!;
  const list = kind === INPATIENT << 2 ? c.major : kind === CHRONIC << 2 ? c.chronic : undefined;
  return levelCode.get(claim.level)! | kind | (claim.referred ? REFERRED : 0) | (list?.matches(claim.diagnosis) ? LISTED : 0);
}

/** Why a claim was rejected (0 = paid) and which cap bit last (0 = none), as small integers. */
export const REJECTIONS: readonly (RejectionReason | undefined)[] = [undefined, 'level_not_covered', 'not_chronic_disease'];
export const CAPS: readonly (CapName | undefined)[] = [undefined, 'perVisit', 'outpatientAnnual', 'chronicAnnual', 'annual', 'majorAnnual'];
const LEVEL_NOT_COVERED = REJECTIONS.indexOf('level_not_covered');
const NOT_CHRONIC = REJECTIONS.indexOf('not_chronic_disease');
const PER_VISIT = CAPS.indexOf('perVisit');
const OUTPATIENT_ANNUAL = CAPS.indexOf('outpatientAnnual');
const CHRONIC_ANNUAL = CAPS.indexOf('chronicAnnual');
const ANNUAL = CAPS.indexOf('annual');
const MAJOR_ANNUAL = CAPS.indexOf('majorAnnual');

/** Reused across claims: set by payFor. */
export interface Verdict {
  rejection: number;
  cap: number;
}

/** Lowers pay to the room left under a cap (never below 0), remembering the cap if it bit. */
function capAt(pay: Fen, room: Fen, cap: number, verdict: Verdict): Fen {
  const limit = room > 0 ? room : 0;
  if (pay <= limit) return pay;
  verdict.cap = cap;
  return limit;
}

function reject(verdict: Verdict, rejection: number): Fen {
  verdict.rejection = rejection;
  return 0;
}

/** Rule 1. */
export const eligibleOf = (totalFen: Fen, outOfCatalogFen: Fen): Fen => (totalFen > outOfCatalogFen ? totalFen - outOfCatalogFen : 0);

/** Rules 2-7 for one in-year claim of an enrolled person: the pay, added to the person's sums (a rejection adds nothing). */
export function payFor(c: CompiledScheme, code: number, eligible: Fen, total: Fen, ytd: PersonYearToDate, verdict: Verdict): Fen {
  const s = c.scheme;
  const level = code & 3;
  const kind = (code >> 2) & 3;
  verdict.rejection = 0;
  verdict.cap = 0;
  if (kind === INPATIENT) {
    if (code & LISTED) {
      const pay = capAt(applyRatio(eligible, s.major.ratioPpm), s.major.annualCapFen - ytd.majorFen, MAJOR_ANNUAL, verdict);
      ytd.majorFen += pay;
      return pay;
    }
    const benefit = c.inpatient[level]!;
    if (benefit === null) return reject(verdict, LEVEL_NOT_COVERED);
    // The lower unreferred ratio applies out of county without referral, when the scheme sets one.
    const ratio = level === OUTSIDE && !(code & REFERRED) && benefit.unreferredRatioPpm !== undefined ? benefit.unreferredRatioPpm : benefit.ratioPpm;
    const base = eligible > benefit.deductibleFen ? eligible - benefit.deductibleFen : 0;
    const pay = capAt(applyRatio(base, ratio), s.annualCapFen - ytd.inpatientFen - ytd.chronicFen, ANNUAL, verdict);
    ytd.inpatientFen += pay;
    return pay;
  }
  if (kind === CHRONIC) {
    if (!(code & LISTED)) return reject(verdict, NOT_CHRONIC);
    const benefit = c.inpatient[level]!;
    if (benefit === null) return reject(verdict, LEVEL_NOT_COVERED);
    let pay = capAt(applyRatio(eligible, benefit.ratioPpm), s.chronic.annualCapFen - ytd.chronicFen, CHRONIC_ANNUAL, verdict);
    pay = capAt(pay, s.annualCapFen - ytd.inpatientFen - ytd.chronicFen, ANNUAL, verdict);
    ytd.chronicFen += pay;
    return pay;
  }
  if (kind === OUTPATIENT) {
    const benefit = c.outpatient[level]!;
    if (benefit === null) return reject(verdict, LEVEL_NOT_COVERED);
    let pay = capAt(applyRatio(eligible, benefit.ratioPpm), benefit.perVisitCapFen, PER_VISIT, verdict);
    pay = capAt(pay, s.outpatient.annualCapFen - ytd.outpatientFen, OUTPATIENT_ANNUAL, verdict);
    ytd.outpatientFen += pay;
    return pay;
  }
  // Delivery: a fixed subsidy, never more than the bill; counts toward no cap.
  return total < s.delivery.fixedFen ? total : s.delivery.fixedFen;
}
