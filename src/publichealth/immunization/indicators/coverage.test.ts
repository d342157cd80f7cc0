import { describe, expect, it } from 'vitest';
import { computeCoverage, rate, type CohortChild, type VillageArea } from './coverage.ts';
import { completeByText } from './definitions.ts';
import { doseRows } from './dose-outcomes.ts';
import { parsePeriod } from './period.ts';

const villages: VillageArea[] = [
  { id: 11, code: '430702100200', name: '东岭村', townshipId: 1, townshipCode: '430702100000', townshipName: '东岭镇' },
  { id: 12, code: '430702100201', name: '西岭村', townshipId: 1, townshipCode: '430702100000', townshipName: '东岭镇' },
  { id: 21, code: '430702001001', name: '北门社区', townshipId: 2, townshipCode: '430702001000', townshipName: '城关街道' },
];

const child = (over: Partial<CohortChild> & Pick<CohortChild, 'birthDate'>): CohortChild => ({
  given: [],
  areaId: 11,
  residence: 'local',
  leftOn: null,
  certificateIssuedOn: null,
  ...over,
});

const mmr1 = (c: ReturnType<typeof computeCoverage>['villages'][number] | ReturnType<typeof computeCoverage>['total']) => c.doses.find((d) => d.key === 'MMR-1')!;

describe('period', () => {
  it('reads a year, a quarter and a month, and refuses anything else naming the field', () => {
    expect(parsePeriod('2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', name: '2026年' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31', name: '2026年第1季度' });
    expect(parsePeriod('2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29', name: '2024年2月' });
    for (const bad of ['2026-Q5', '2026-13', '26', '2026-1', 'abc']) expect(() => parsePeriod(bad)).toThrow(/统计期/);
  });
});

describe('coverage', () => {
  it('counts MMR 1 in the period the child turns 12 months: given by the end, timely before 12 months, where the child lives', () => {
    const report = computeCoverage(
      [
        child({ birthDate: '2025-06-15', given: [{ vaccine: 'MMR', dose: 1, date: '2026-02-20' }] }), // timely
        child({ birthDate: '2025-03-01', given: [{ vaccine: 'MMR', dose: 1, date: '2026-04-02' }] }), // late, given in the year
        child({ birthDate: '2025-09-30', given: [{ vaccine: 'MMR', dose: 1, date: '2027-01-05' }] }), // given after the year
        child({ birthDate: '2025-05-05', areaId: 12, residence: 'migrant_in' }), // migrant, not given: counts in 西岭村
        child({ birthDate: '2025-02-01', leftOn: '2026-01-20' }), // moved away before 12 months: not counted
        child({ birthDate: '2025-02-01', areaId: 21, leftOn: '2026-03-01' }), // moved away after: counted
        child({ birthDate: '2026-01-15' }), // turns 12 months in 2027
        child({ birthDate: '2025-01-01', areaId: 99 }), // not in the listed villages
      ],
      villages,
      parsePeriod('2026'),
    );
    expect(mmr1(report.villages[0]!)).toMatchObject({ eligible: 3, given: 2, timely: 1, coverage: 0.6667, timeliness: 0.3333, meetsTarget: false });
    expect(mmr1(report.villages[1]!)).toMatchObject({ eligible: 1, given: 0, timely: 0, coverage: 0 });
    expect(mmr1(report.villages[2]!)).toMatchObject({ eligible: 1, given: 0 });
    expect(mmr1(report.townships[0]!)).toMatchObject({ eligible: 4, given: 2, timely: 1, coverage: 0.5 });
    expect(mmr1(report.total)).toMatchObject({ eligible: 5, given: 2, timely: 1, coverage: 0.4 });
  });

  it('gives null rates and no target verdict for a zero denominator, never NaN', () => {
    const report = computeCoverage([], villages, parsePeriod('2026-03'));
    expect(mmr1(report.total)).toEqual({ key: 'MMR-1', eligible: 0, given: 0, timely: 0, coverage: null, timeliness: null, meetsTarget: null });
    expect(report.total.certificate).toEqual({ managed: 0, migrants: 0, certified: 0, rate: null });
    expect(JSON.stringify(report)).not.toContain('NaN');
    expect(rate(0, 0)).toBeNull();
    expect(rate(9, 10)).toBe(0.9);
  });

  it('counts children under 7 under management at the period end for the certificate rate, with certificates issued by then', () => {
    const report = computeCoverage(
      [
        child({ birthDate: '2020-01-01', certificateIssuedOn: '2020-02-01' }),
        child({ birthDate: '2019-12-31', certificateIssuedOn: '2020-01-10' }), // 7 on 2026-12-31: not counted
        child({ birthDate: '2026-06-01', residence: 'migrant_in' }), // no certificate
        child({ birthDate: '2026-06-01', certificateIssuedOn: '2027-01-03' }), // issued after the period
        child({ birthDate: '2024-06-01', certificateIssuedOn: '2024-07-01', leftOn: '2026-05-01' }), // left
        child({ birthDate: '2027-01-02' }), // born after
      ],
      villages,
      parsePeriod('2026'),
    );
    expect(report.villages[0]!.certificate).toEqual({ managed: 3, migrants: 1, certified: 1, rate: 0.3333 });
  });

  it('takes the 2025 DTaP schedule for doses falling due from 2025-01-01 (DTP 1 complete at 3 months) and meets the 90 % target exactly', () => {
    const born = (i: number) => `2025-0${1 + (i % 9)}-10`;
    const children = Array.from({ length: 10 }, (_, i) => child({ birthDate: born(i), given: i < 9 ? [{ vaccine: 'DTaP', dose: 1, date: born(i).replace('-10', '-20') }] : [] }));
    const dtp1 = computeCoverage(children, villages, parsePeriod('2025')).total.doses.find((d) => d.key === 'DTP-1')!;
    // Born up to 2025-09-10: complete at 3 months (2025-12-10 at the latest), so all ten fall in 2025.
    expect(dtp1).toMatchObject({ eligible: 10, given: 9, coverage: 0.9, meetsTarget: true });
  });

  it('words when each dose should be complete from the schedule data', () => {
    const text = (key: string) => completeByText(doseRows().find((r) => r.key === key)!);
    expect(text('MMR-1')).toBe('满1岁前');
    expect(text('polio-1')).toBe('满3月龄前');
    expect(text('DTP-1')).toBe('满4月龄前；2025-01-01起到期的剂次：满3月龄前');
    expect(text('HepB-1')).toBe('满2天前；母亲HBsAg阳性：满1天前');
    expect(text('HepB-4')).toBe('出生体重<2000克：满8月龄前');
  });
});
