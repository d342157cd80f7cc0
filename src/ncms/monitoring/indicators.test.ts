import { describe, expect, it } from 'vitest';
import { figuresOf, monthlyAverages, targetCheck, type ClaimFacts } from './indicators.ts';

let id = 1;
const admission = (over: Partial<ClaimFacts>): ClaimFacts => ({ id: id++, institutionId: 1, kind: 'inpatient', admittedOn: '2026-03-01', dischargedOn: '2026-03-05', totalFen: 500_000, outOfCatalogFen: 50_000, payFen: 300_000, ...over });

describe('monthly indicators', () => {
  it('computes each figure by its definition', () => {
    const f = figuresOf([admission({}), admission({ admittedOn: '2026-03-10', dischargedOn: '2026-03-10', totalFen: 300_000, outOfCatalogFen: 0, payFen: 150_000 })], 4000, { visits: 12, payFen: 18_000 });
    expect(f).toEqual({
      admissions: 2,
      totalFen: 800_000,
      avgCostFen: 400_000,
      enrolled: 4000,
      admissionsPer1000: 0.5, // 2 ÷ 4000 × 1000
      avgStayDays: 2.5, // (4 + a same-day stay counted as 1) ÷ 2
      outOfCatalogShare: 0.0625, // 50 000 ÷ 800 000
      compensationRatio: 0.5625, // 450 000 ÷ 800 000
      policyRatio: 0.6, // 450 000 ÷ 750 000
      payFen: 450_000,
      outpatientVisits: 12,
      outpatientPayFen: 18_000,
    });
  });

  it('gives null (无数据) for every zero denominator', () => {
    expect(figuresOf([], 0)).toMatchObject({ admissions: 0, avgCostFen: null, admissionsPer1000: null, avgStayDays: null, outOfCatalogShare: null, compensationRatio: null, policyRatio: null });
    // All cost outside the catalogue: the in-policy ratio has no denominator, the others do.
    const f = figuresOf([admission({ totalFen: 1000, outOfCatalogFen: 1000, payFen: 0 })], 0);
    expect(f).toMatchObject({ policyRatio: null, compensationRatio: 0, outOfCatalogShare: 1, admissionsPer1000: null });
  });
});

describe('月月超标', () => {
  const months = (avgs: Record<string, number>) => monthlyAverages(Object.entries(avgs).map(([m, fen]) => admission({ dischargedOn: `${m}-15`, totalFen: fen })));

  it('counts the months running over the target of their own year', () => {
    const averages = months({ '2025-12': 610_000, '2026-01': 520_000, '2026-02': 530_000, '2026-03': 540_000 }).get(1);
    const target = (year: number) => (year === 2026 ? 500_000 : 600_000);
    expect(targetCheck('2026-03', averages, target, 3)).toEqual({ targetFen: 500_000, overTarget: true, overMonths: 4, monthlyOverTarget: true });
    expect(targetCheck('2026-02', averages, target, 3)).toMatchObject({ overMonths: 3, monthlyOverTarget: true });
    expect(targetCheck('2026-01', averages, target, 3)).toMatchObject({ overMonths: 2, monthlyOverTarget: false });
  });

  it('a month at the target, without admissions or without a target breaks the run', () => {
    const averages = months({ '2026-01': 500_000, '2026-03': 540_000 }).get(1);
    expect(targetCheck('2026-03', averages, () => 500_000, 2)).toMatchObject({ overTarget: true, overMonths: 1, monthlyOverTarget: false });
    expect(targetCheck('2026-03', averages, () => null, 1)).toEqual({ targetFen: null, overTarget: null, overMonths: 0, monthlyOverTarget: false });
  });
});
