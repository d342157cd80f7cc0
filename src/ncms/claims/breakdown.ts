/**
 * What a settlement applied, for the answer and the receipt: the deductible and ratio of the rule that paid, and each
 * annual cap with the person's year-to-date sum before and after. Pure; the engine (settlement/rules.ts) decides the
 * pay, this only names the terms it used (same rule order: a major disease first, then the kind's rule).
 */
import type { Fen } from '../scheme/decimal.ts';
import type { Scheme } from '../scheme/types.ts';
import type { Claim } from '../settlement/claim.ts';
import { compileScheme } from '../settlement/rules.ts';
import type { PersonYearToDate } from '../settlement/year-to-date.ts';
import type { YearToDateBucket } from '../db/schema.ts';
import { CAP_NAMES } from './vocabulary.ts';

export interface AppliedTerms {
  deductibleFen: Fen; // 起付线 taken off the eligible amount (at most the eligible amount)
  ratioPpm: number | null; // 报销比例; null for the fixed delivery subsidy and uncovered levels
}

export function appliedTerms(scheme: Scheme, claim: Claim, eligibleFen: Fen): AppliedTerms {
  const none = { deductibleFen: 0, ratioPpm: null };
  if (claim.kind === 'delivery') return none;
  if (claim.kind === 'outpatient') {
    const benefit = claim.level === 'village' || claim.level === 'township' ? scheme.outpatient[claim.level] : null;
    return benefit ? { deductibleFen: 0, ratioPpm: benefit.ratioPpm } : none;
  }
  if (claim.kind === 'inpatient' && compileScheme(scheme).major.matches(claim.diagnosis)) return { deductibleFen: 0, ratioPpm: scheme.major.ratioPpm };
  const benefit = scheme.inpatient[claim.level];
  if (!benefit) return none;
  if (claim.kind === 'chronic') return { deductibleFen: 0, ratioPpm: benefit.ratioPpm };
  const unreferred = claim.level === 'outside' && !claim.referred && benefit.unreferredRatioPpm !== undefined;
  return { deductibleFen: Math.min(eligibleFen, benefit.deductibleFen), ratioPpm: unreferred ? benefit.unreferredRatioPpm! : benefit.ratioPpm };
}

export type AnnualCap = 'outpatientAnnual' | 'chronicAnnual' | 'annual' | 'majorAnnual';

export interface CapLine {
  cap: AnnualCap;
  name: string;
  limitFen: Fen;
  beforeFen: Fen;
  afterFen: Fen;
}

const counted: Record<AnnualCap, (y: PersonYearToDate) => Fen> = {
  outpatientAnnual: (y) => y.outpatientFen,
  chronicAnnual: (y) => y.chronicFen,
  annual: (y) => y.inpatientFen + y.chronicFen,
  majorAnnual: (y) => y.majorFen,
};
const limits: Record<AnnualCap, (s: Scheme) => Fen> = {
  outpatientAnnual: (s) => s.outpatient.annualCapFen,
  chronicAnnual: (s) => s.chronic.annualCapFen,
  annual: (s) => s.annualCapFen,
  majorAnnual: (s) => s.major.annualCapFen,
};

/** Every annual cap of the scheme with what the person had used of it before and after this claim. */
export function capLines(scheme: Scheme, before: PersonYearToDate, after: PersonYearToDate): CapLine[] {
  return (Object.keys(counted) as AnnualCap[]).map((cap) => ({
    cap,
    name: CAP_NAMES[cap],
    limitFen: limits[cap](scheme),
    beforeFen: counted[cap](before),
    afterFen: counted[cap](after),
  }));
}

const BUCKETS: Array<[YearToDateBucket, keyof PersonYearToDate]> = [
  ['outpatient', 'outpatientFen'],
  ['chronic', 'chronicFen'],
  ['inpatient', 'inpatientFen'],
  ['major', 'majorFen'],
];

/** The year-to-date sum a settlement added to (null when it added nothing: a rejection, pay 0, a delivery). */
export function bucketOf(before: PersonYearToDate, after: PersonYearToDate): YearToDateBucket | null {
  return BUCKETS.find(([, key]) => after[key] !== before[key])?.[0] ?? null;
}

export const BUCKET_COLUMNS: Record<YearToDateBucket, 'outpatient_fen' | 'chronic_fen' | 'inpatient_fen' | 'major_fen'> = {
  outpatient: 'outpatient_fen',
  chronic: 'chronic_fen',
  inpatient: 'inpatient_fen',
  major: 'major_fen',
};
