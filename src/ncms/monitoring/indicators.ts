/**
 * Monthly indicators per institution (pure: claims in, figures out). Definitions, shown next to the figures:
 * - 住院 = settled admissions (kind inpatient or delivery, major diseases included) discharged in the month; rejected
 *   and reversed claims do not count (they paid nothing or were undone).
 * - 次均住院费用 = total cost ÷ admissions, against the institution's control target of the month's year.
 * - 千人住院率 = admissions ÷ enrolled persons of the catchment × 1 000, for the month (not annualised). Catchment: the
 *   persons enrolled that year whose village lies in the institution's area (village clinic: its village; township
 *   health centre: its township; county and out-of-county hospitals: the whole county).
 * - 平均住院日 = Σ max(1, discharge − admission days) ÷ admissions.
 * - 目录外费用占比 = out-of-catalogue cost ÷ total cost of the admissions.
 * - 实际住院补偿比 = reimbursement ÷ total cost; 政策范围内报销比 = reimbursement ÷ in-catalogue cost.
 * A zero denominator gives null (shown 无数据). Ratios keep 4 decimals.
 */
import { isAdmission } from '../claims/vocabulary.ts';
import { daysBetween, monthOf, shiftMonth, type MonthText } from './months.ts';

export interface ClaimFacts {
  id: number;
  institutionId: number;
  kind: 'outpatient' | 'inpatient' | 'chronic' | 'delivery';
  admittedOn: string;
  dischargedOn: string;
  totalFen: number;
  outOfCatalogFen: number;
  payFen: number;
}

export interface Figures {
  admissions: number;
  totalFen: number;
  avgCostFen: number | null;
  enrolled: number;
  admissionsPer1000: number | null;
  avgStayDays: number | null;
  outOfCatalogShare: number | null;
  compensationRatio: number | null;
  policyRatio: number | null;
  payFen: number;
  outpatientVisits: number;
  outpatientPayFen: number;
}

export interface TargetCheck {
  targetFen: number | null;
  overTarget: boolean | null; // null: no target or no admissions
  overMonths: number; // consecutive months over target up to this one
  monthlyOverTarget: boolean; // 月月超标: overMonths reached the rule's number of months
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const perThousand = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000 * 100) / whole) / 100);

/** Outpatient pooling (门诊统筹) of the month, summed by the database: a county month has ~100 000 visits. */
export interface OutpatientSums {
  visits: number;
  payFen: number;
}

/**
 * The figures of one month's claims (an institution's, or every institution's for the total): its admissions,
 * the enrolled persons of its catchment and its outpatient pooling sums.
 */
export function figuresOf(claims: readonly ClaimFacts[], enrolled: number, outpatient: OutpatientSums = { visits: 0, payFen: 0 }): Figures {
  let admissions = 0, totalFen = 0, outFen = 0, payFen = 0, stay = 0;
  for (const c of claims) {
    if (!isAdmission(c.kind)) continue;
    admissions += 1;
    totalFen += c.totalFen;
    outFen += c.outOfCatalogFen;
    payFen += c.payFen;
    stay += Math.max(1, daysBetween(c.admittedOn, c.dischargedOn));
  }
  return {
    admissions,
    totalFen,
    avgCostFen: admissions === 0 ? null : Math.round(totalFen / admissions),
    enrolled,
    admissionsPer1000: perThousand(admissions, enrolled),
    avgStayDays: admissions === 0 ? null : Math.round((stay / admissions) * 100) / 100,
    outOfCatalogShare: ratio(outFen, totalFen),
    compensationRatio: ratio(payFen, totalFen),
    policyRatio: ratio(payFen, totalFen - outFen),
    payFen,
    outpatientVisits: outpatient.visits,
    outpatientPayFen: outpatient.payFen,
  };
}

/** Average inpatient cost per institution and month, from admissions of several months. */
export function monthlyAverages(claims: readonly ClaimFacts[]): Map<number, Map<MonthText, number>> {
  const sums = new Map<number, Map<MonthText, { n: number; fen: number }>>();
  for (const c of claims) {
    if (!isAdmission(c.kind)) continue;
    const byMonth = sums.get(c.institutionId) ?? new Map();
    sums.set(c.institutionId, byMonth);
    const s = byMonth.get(monthOf(c.dischargedOn)) ?? { n: 0, fen: 0 };
    byMonth.set(monthOf(c.dischargedOn), { n: s.n + 1, fen: s.fen + c.totalFen });
  }
  return new Map([...sums].map(([id, byMonth]) => [id, new Map([...byMonth].map(([m, s]) => [m, Math.round(s.fen / s.n)]))]));
}

/**
 * The month's average against its target, and how many months running (this one included) the average was above
 * the target of its own year. A month without admissions or without a target breaks the run.
 */
export function targetCheck(month: MonthText, averages: Map<MonthText, number> | undefined, targetOf: (year: number) => number | null, streakMonths: number): TargetCheck {
  const over = (m: MonthText): boolean | null => {
    const avg = averages?.get(m);
    const target = targetOf(Number(m.slice(0, 4)));
    return avg === undefined || target === null ? null : avg > target;
  };
  let overMonths = 0;
  while (overMonths < 12 && over(shiftMonth(month, -overMonths)) === true) overMonths += 1;
  return { targetFen: targetOf(Number(month.slice(0, 4))), overTarget: over(month), overMonths, monthlyOverTarget: overMonths >= streakMonths };
}
