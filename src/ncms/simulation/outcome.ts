/**
 * 补偿方案测算, the pure part: a year's claims settled in one engine batch under one scheme, and what that means for
 * the fund and the patients. No database here: loading is in load-claims.ts, the job around it in simulation.ts.
 */
import { INSTITUTION_LEVELS } from '../../core/institutions/catalog.ts';
import { CAP_NAMES, CLAIM_KINDS as KIND_NAMES, REJECTION_MESSAGES } from '../claims/vocabulary.ts';
import { fundWarnings } from '../fund/overview.ts';
import type { Scheme } from '../scheme/types.ts';
import { LEVELS, type Level } from '../scheme/types.ts';
import { CLAIM_KINDS, type Claim, type ClaimKind } from '../settlement/claim.ts';
import type { CapName, RejectionReason } from '../settlement/result.ts';
import { settle } from '../settlement/settle.ts';
import { selfPayDistribution, type SelfPayDistribution } from './self-pay.ts';

/** A year's replayable claims of one pool, as the engine's input, with each claim's person numbered once. */
export interface YearClaims {
  pool: string;
  year: number;
  claims: Claim[]; // in id order; the engine settles each person's claims in date, then this order
  personOf: Int32Array; // person number (0 … persons − 1) per claim
  persons: number;
  storedPaidFen: number; // what the claims were actually paid when settled
}

/** Cost and compensation of a group of claims; ratio = 实际补偿比 = paid ÷ total (4 decimals). */
export interface Share {
  claims: number;
  totalFen: number;
  paidFen: number;
  ratio: number | null;
}

export interface SchemeOutcome {
  financing: { individualFen: number; governmentFen: number; perPersonFen: number };
  raisedFen: number; // funds raised for the year under this scheme's financing
  paidFen: number;
  balanceFen: number; // 当年结余 = raised − paid
  balanceRate: number | null; // balance ÷ raised
  usageRate: number | null; // 基金使用率 = paid ÷ raised
  warnings: string[]; // the fund page's year-end warnings (balance above 15 %, spending above raised)
  all: Share;
  paidClaims: number;
  rejected: Array<{ reason: RejectionReason; name: string; claims: number }>;
  byKind: Array<Share & { kind: ClaimKind; name: string }>;
  inpatientByLevel: Array<Share & { level: Level; name: string }>; // major diseases included: 实际住院补偿比
  outpatientByLevel: Array<Share & { level: Level; name: string }>; // 普通门诊 (outpatient pooling)
  caps: Array<{ cap: CapName; name: string; persons: number; claims: number }>; // persons whose pay a cap lowered
  selfPay: SelfPayDistribution;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const CAP_ORDER = Object.keys(CAP_NAMES) as CapName[];
const CAP_BIT = new Map(CAP_ORDER.map((cap, i) => [cap, 1 << i]));
const KIND_INDEX = new Map(CLAIM_KINDS.map((k, i) => [k, i]));
const LEVEL_INDEX = new Map(LEVELS.map((l, i) => [l, i]));

const withRatio = (s: { claims: number; totalFen: number; paidFen: number }): Share => ({ ...s, ratio: rate(s.paidFen, s.totalFen) });

// Each claim's kind × level cell, computed once per year of claims (both schemes' passes read it).
const GROUPS = CLAIM_KINDS.length * LEVELS.length;
const groupCache = new WeakMap<YearClaims, Uint8Array>();
function groupsOf(data: YearClaims): Uint8Array {
  let groups = groupCache.get(data);
  if (!groups) {
    groups = new Uint8Array(data.claims.length);
    for (let i = 0; i < groups.length; i++) groups[i] = KIND_INDEX.get(data.claims[i]!.kind)! * LEVELS.length + LEVEL_INDEX.get(data.claims[i]!.level)!;
    groupCache.set(data, groups);
  }
  return groups;
}

/** Claims, total and paid of the cells picked by `take(kind, level)`. */
function sumCells(cells: Float64Array, take: (kind: number, level: number) => boolean) {
  const s = { claims: 0, totalFen: 0, paidFen: 0 };
  for (let g = 0; g < GROUPS; g++) {
    if (!take(Math.floor(g / LEVELS.length), g % LEVELS.length)) continue;
    s.claims += cells[g * 3]!;
    s.totalFen += cells[g * 3 + 1]!;
    s.paidFen += cells[g * 3 + 2]!;
  }
  return s;
}

/** Settles the whole year under `scheme` (its year must be the claims' year) and sums up. */
export function schemeOutcome(scheme: Scheme, data: YearClaims, raisedFen: number): SchemeOutcome {
  if (scheme.year !== data.year) throw new Error(`scheme of ${scheme.year} given for claims of ${data.year}`);
  const results = settle(scheme, data.claims);
  const groups = groupsOf(data);
  const cells = new Float64Array(GROUPS * 3); // claims, total, paid per kind × level
  const selfPay = new Float64Array(data.persons);
  const capsOf = new Uint8Array(data.persons);
  const capClaims = new Map<CapName, number>();
  const rejected = new Map<RejectionReason, number>();
  let paidClaims = 0;
  for (let i = 0; i < results.length; i++) {
    const total = data.claims[i]!.totalFen;
    const r = results[i]!;
    const pay = Math.round(r.pay * 100); // the engine answers yuan that are exact fen
    const p = data.personOf[i]!;
    selfPay[p]! += total - pay;
    const at = groups[i]! * 3;
    cells[at]!++;
    cells[at + 1]! += total;
    cells[at + 2]! += pay;
    if (r.status === 'rejected') rejected.set(r.reason!, (rejected.get(r.reason!) ?? 0) + 1);
    else paidClaims++;
    if (r.capped !== undefined) {
      capsOf[p]! |= CAP_BIT.get(r.capped)!;
      capClaims.set(r.capped, (capClaims.get(r.capped) ?? 0) + 1);
    }
  }
  const all = sumCells(cells, () => true);
  const [INPATIENT, OUTPATIENT] = [KIND_INDEX.get('inpatient')!, KIND_INDEX.get('outpatient')!];
  const byLevel = (kind: number) =>
    LEVELS.map((level, l) => ({ level, name: INSTITUTION_LEVELS[level], ...withRatio(sumCells(cells, (k, at) => k === kind && at === l)) })).filter((s) => s.claims > 0);
  const capPersons = CAP_ORDER.map(() => 0);
  for (const bits of capsOf) {
    if (bits === 0) continue;
    CAP_ORDER.forEach((cap, i) => {
      if (bits & CAP_BIT.get(cap)!) capPersons[i]!++;
    });
  }

  const perPersonFen = scheme.financing.individualFen + scheme.financing.governmentFen;
  const usageRate = rate(all.paidFen, raisedFen);
  return {
    financing: { individualFen: scheme.financing.individualFen, governmentFen: scheme.financing.governmentFen, perPersonFen },
    raisedFen,
    paidFen: all.paidFen,
    balanceFen: raisedFen - all.paidFen,
    balanceRate: rate(raisedFen - all.paidFen, raisedFen),
    usageRate,
    warnings: fundWarnings({ raisedFen, spendingFen: all.paidFen, usageRate, timeShare: 1 }),
    all: withRatio(all),
    paidClaims,
    rejected: [...rejected].map(([reason, claims]) => ({ reason, name: REJECTION_MESSAGES[reason], claims })),
    byKind: CLAIM_KINDS.map((kind, k) => ({ kind, name: KIND_NAMES[kind], ...withRatio(sumCells(cells, (at) => at === k)) })).filter((s) => s.claims > 0),
    inpatientByLevel: byLevel(INPATIENT),
    outpatientByLevel: byLevel(OUTPATIENT),
    caps: CAP_ORDER.map((cap, i) => ({ cap, name: CAP_NAMES[cap], persons: capPersons[i]!, claims: capClaims.get(cap) ?? 0 })),
    selfPay: selfPayDistribution(selfPay),
  };
}

/**
 * Funds raised under another scheme's financing: the persons the year's raised funds stand for (raised ÷ the financing
 * per person in force, rounded) times the new financing per person. Enrollment is assumed unchanged by the new
 * contribution; null persons when nothing was raised.
 */
export function raisedUnder(inForce: Scheme, proposed: Scheme, raisedFen: number): { assumedEnrolled: number | null; raisedFen: number } {
  const perPerson = (s: Scheme) => s.financing.individualFen + s.financing.governmentFen;
  if (raisedFen === 0 || perPerson(inForce) === 0) return { assumedEnrolled: null, raisedFen };
  const assumedEnrolled = Math.round(raisedFen / perPerson(inForce));
  return { assumedEnrolled, raisedFen: perPerson(proposed) === perPerson(inForce) ? raisedFen : assumedEnrolled * perPerson(proposed) };
}
