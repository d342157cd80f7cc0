/**
 * Which claims of a month go to review, and why: a pure function of the month's settled claims, last year's county
 * averages per diagnosis and the compiled rules. No clock, no database: a re-run on the same data selects the same
 * claims (the random share is a seeded hash of the claim id, not Math.random).
 */
import { INSTITUTION_LEVELS } from '../../core/institutions/catalog.ts';
import { CLAIM_KINDS } from '../claims/vocabulary.ts';
import type { ClaimKind, ClaimLevel } from '../db/schema.ts';
import { fenText } from '../fund/money.ts';
import type { CompiledRules } from './rules-document.ts';

export interface ReviewCandidate {
  claimId: number;
  institutionId: number;
  kind: ClaimKind;
  level: ClaimLevel;
  admittedOn: string;
  dischargedOn: string;
  diagnosis: string;
  totalFen: number;
}

/** Last year's settled claims of one kind, level and ICD-10 category (3 characters) in the pool. */
export interface DiagnosisAverage {
  kind: ClaimKind;
  level: ClaimLevel;
  category: string;
  cases: number;
  averageFen: number;
}

export type ReviewRule = 'amount' | 'sample' | 'stay' | 'diagnosis_cost';
export const REVIEW_RULES: Record<ReviewRule, string> = { amount: '大额费用', sample: '随机抽查', stay: '住院天数长', diagnosis_cost: '病种费用异常' };

export interface ReviewReason {
  rule: ReviewRule;
  message: string;
}

export interface SelectedClaim {
  claimId: number;
  reasons: ReviewReason[];
}

/** ICD-10 category: K35.902 → K35. Averages are kept per category so that a county has enough cases to compare. */
export const diagnosisCategory = (diagnosis: string): string => diagnosis.slice(0, 3).toUpperCase();
export const averageKey = (kind: ClaimKind, level: ClaimLevel, category: string) => `${kind}|${level}|${category}`;

const DAY_MS = 86_400_000;
export const stayDays = (admittedOn: string, dischargedOn: string) => Math.round((Date.parse(dischargedOn) - Date.parse(admittedOn)) / DAY_MS);

/** FNV-1a over `seed:claimId`: a stable 32-bit rank, the same on every platform and run. */
export function sampleRank(seed: string, claimId: number): number {
  let h = 0x811c9dc5;
  const text = `${seed}:${claimId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const pct = (ppm: number) => `${Number((ppm / 10_000).toFixed(4))}%`;
const kindAt = (c: ReviewCandidate) => `${INSTITUTION_LEVELS[c.level]}${CLAIM_KINDS[c.kind]}`;

/**
 * Selected claims in the candidates' order, each with its reasons in rule order (amount, sample, stay, diagnosis).
 * The random share takes ⌈n × share⌉ of each institution's n claims of a kind in the given candidates (one month):
 * every institution with claims of a sampled kind has at least one looked at (the documents' monthly spot checks).
 */
export function selectForReview(candidates: readonly ReviewCandidate[], averages: readonly DiagnosisAverage[], rules: CompiledRules): SelectedClaim[] {
  const reasons = new Map<number, ReviewReason[]>();
  const add = (claimId: number, reason: ReviewReason) => {
    const list = reasons.get(claimId);
    if (list) list.push(reason);
    else reasons.set(claimId, [reason]);
  };

  for (const c of candidates) {
    const line = rules.amount.get(`${c.kind}|${c.level}`) ?? rules.amount.get(`${c.kind}|*`);
    if (line !== undefined && c.totalFen > line) add(c.claimId, { rule: 'amount', message: `总费用 ${fenText(c.totalFen)} 元，超过${kindAt(c)}大额审核线 ${fenText(line)} 元` });
  }

  if (rules.sample) {
    const { seed, shares } = rules.sample;
    const groups = new Map<string, ReviewCandidate[]>();
    for (const c of candidates) {
      if (!shares.has(c.kind)) continue;
      const key = `${c.institutionId}|${c.kind}`;
      const group = groups.get(key);
      if (group) group.push(c);
      else groups.set(key, [c]);
    }
    for (const group of groups.values()) {
      const share = shares.get(group[0]!.kind)!;
      const take = Math.ceil((group.length * share) / 1_000_000);
      const ranked = group.map((c) => ({ c, rank: sampleRank(seed, c.claimId) })).sort((a, b) => a.rank - b.rank || a.c.claimId - b.c.claimId);
      for (const { c } of ranked.slice(0, take)) {
        add(c.claimId, { rule: 'sample', message: `随机抽查：该机构本月${CLAIM_KINDS[c.kind]} ${group.length} 笔，按 ${pct(share)} 抽取 ${take} 笔` });
      }
    }
  }

  if (rules.stay) {
    const { aboveDays, kinds } = rules.stay;
    for (const c of candidates) {
      const days = stayDays(c.admittedOn, c.dischargedOn);
      if (kinds.includes(c.kind) && days > aboveDays) add(c.claimId, { rule: 'stay', message: `住院 ${days} 天，超过 ${aboveDays} 天` });
    }
  }

  if (rules.diagnosisCost) {
    const { factor, minCases, kinds } = rules.diagnosisCost;
    const byKey = new Map(averages.map((a) => [averageKey(a.kind, a.level, a.category), a]));
    for (const c of candidates) {
      if (!kinds.has(c.kind) || !c.diagnosis) continue;
      const category = diagnosisCategory(c.diagnosis);
      const avg = byKey.get(averageKey(c.kind, c.level, category));
      if (!avg || avg.cases < minCases || avg.averageFen <= 0) continue;
      if (c.totalFen > factor * avg.averageFen) {
        const times = (c.totalFen / avg.averageFen).toFixed(1);
        add(c.claimId, {
          rule: 'diagnosis_cost',
          message: `总费用 ${fenText(c.totalFen)} 元，是上年全县${kindAt(c)}同病种（${category}，${avg.cases} 例）平均 ${fenText(avg.averageFen)} 元的 ${times} 倍，超过 ${factor} 倍`,
        });
      }
    }
  }

  // The rules ran one after the other, so each claim's reasons are already in rule order.
  return candidates.filter((c) => reasons.has(c.claimId)).map((c) => ({ claimId: c.claimId, reasons: reasons.get(c.claimId)! }));
}
