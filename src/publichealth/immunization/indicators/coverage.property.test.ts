import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromParts, formatDay, parseDay } from '../calendar.ts';
import { random, syntheticChild } from '../testing/synthetic-children.ts';
import { computeCoverage, type AreaCoverage, type CohortChild, type VillageArea } from './coverage.ts';
import { parsePeriod } from './period.ts';

const villages: VillageArea[] = [1, 2, 3, 4, 5].map((id) => ({
  id,
  code: `v${id}`,
  name: `村${id}`,
  townshipId: id <= 3 ? 100 : 200,
  townshipCode: id <= 3 ? 't100' : 't200',
  townshipName: id <= 3 ? '甲镇' : '乙乡',
}));

const cohortArb = fc.array(
  fc.record({
    seed: fc.integer(),
    areaId: fc.integer({ min: 1, max: 6 }), // 6 is outside the listed villages
    migrant: fc.boolean(),
    leftAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
    certificateAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  }),
  { maxLength: 60 },
);

function cohort(specs: Array<{ seed: number; areaId: number; migrant: boolean; leftAfter?: number | undefined; certificateAfter?: number | undefined }>): CohortChild[] {
  return specs.map((s) => {
    const c = syntheticChild(random(s.seed), dayFromParts(2027, 6, 30));
    const birth = parseDay(c.birthDate)!;
    return {
      birthDate: c.birthDate,
      given: c.given,
      areaId: s.areaId,
      residence: s.migrant ? 'migrant_in' : 'local',
      leftOn: s.leftAfter === undefined ? null : formatDay(birth + s.leftAfter),
      certificateIssuedOn: s.certificateAfter === undefined ? null : formatDay(birth + s.certificateAfter),
    };
  });
}

const periodArb = fc.constantFrom('2024', '2025', '2026', '2025-Q1', '2025-Q4', '2026-02', '2026-07');

const sum = (areas: AreaCoverage[], key: string, field: 'eligible' | 'given' | 'timely') => areas.reduce((n, a) => n + a.doses.find((d) => d.key === key)![field], 0);

describe('coverage properties', () => {
  it('rates in [0, 1] or null, timely ≤ given ≤ eligible, villages add up to their township and townships to the total', () => {
    fc.assert(
      fc.property(cohortArb, periodArb, (specs, periodId) => {
        const report = computeCoverage(cohort(specs), villages, parsePeriod(periodId));
        const all = [...report.villages, ...report.townships, report.total];
        for (const area of all) {
          for (const d of area.doses) {
            expect(d.timely).toBeLessThanOrEqual(d.given);
            expect(d.given).toBeLessThanOrEqual(d.eligible);
            for (const r of [d.coverage, d.timeliness]) {
              if (d.eligible === 0) expect(r).toBeNull();
              else expect(r! >= 0 && r! <= 1).toBe(true);
            }
          }
          const c = area.certificate;
          expect(c.certified).toBeLessThanOrEqual(c.managed);
          expect(c.migrants).toBeLessThanOrEqual(c.managed);
          expect(c.rate === null ? c.managed === 0 : c.rate >= 0 && c.rate <= 1).toBe(true);
        }
        for (const t of report.townships) {
          const own = report.villages.filter((v) => v.townshipId === t.areaId);
          for (const d of t.doses) {
            for (const field of ['eligible', 'given', 'timely'] as const) expect(sum(own, d.key, field)).toBe(d[field]);
          }
          expect(own.reduce((n, v) => n + v.certificate.managed, 0)).toBe(t.certificate.managed);
          expect(own.reduce((n, v) => n + v.certificate.certified, 0)).toBe(t.certificate.certified);
        }
        for (const d of report.total.doses) expect(sum(report.townships, d.key, 'eligible')).toBe(d.eligible);
      }),
      { numRuns: 150 },
    );
  });

  it('a year’s eligible and timely children are its quarters’ added up (each child counts once per dose, in one period)', () => {
    fc.assert(
      fc.property(cohortArb, (specs) => {
        const children = cohort(specs);
        const year = computeCoverage(children, villages, parsePeriod('2025')).total.doses;
        const quarters = [1, 2, 3, 4].map((q) => computeCoverage(children, villages, parsePeriod(`2025-Q${q}`)).total.doses);
        year.forEach((d, i) => {
          expect(quarters.reduce((n, q) => n + q[i]!.eligible, 0)).toBe(d.eligible);
          expect(quarters.reduce((n, q) => n + q[i]!.timely, 0)).toBe(d.timely);
          // Given by each quarter's end ≤ given by the year's end.
          expect(quarters.reduce((n, q) => n + q[i]!.given, 0)).toBeLessThanOrEqual(d.given);
        });
      }),
      { numRuns: 100 },
    );
  });
});
