import { describe, expect, it } from 'vitest';
import { parsePeriod } from './period.ts';
import { aggregateValues } from './indicators/aggregate.ts';
import { indicatorValue } from './indicators/value.ts';

describe('periods', () => {
  it('reads a month, quarter, half-year, year and a run of months, named in Chinese', () => {
    expect(parsePeriod('2026-03')).toEqual({ key: '2026-03', from: '2026-03', to: '2026-03', name: '2026年3月' });
    expect(parsePeriod('2026-Q2')).toMatchObject({ from: '2026-04', to: '2026-06', name: '2026年第二季度' });
    expect(parsePeriod('2026-H1')).toMatchObject({ from: '2026-01', to: '2026-06', name: '2026年上半年' });
    expect(parsePeriod('2026-H2')).toMatchObject({ from: '2026-07', to: '2026-12', name: '2026年下半年' });
    expect(parsePeriod('2026')).toMatchObject({ from: '2026-01', to: '2026-12', name: '2026年全年' });
    expect(parsePeriod('2026-01..2026-05')).toMatchObject({ from: '2026-01', to: '2026-05', name: '2026年1月至5月' });
  });

  it('refuses what is not a period, naming the field', () => {
    expect(() => parsePeriod('2026-H3')).toThrow(/统计期应写作/);
    expect(() => parsePeriod('2026-05..2026-01')).toThrow(/晚于/);
    expect(() => parsePeriod('2020-01..2026-01')).toThrow(/最长 24 个月/);
    expect(() => parsePeriod('2026-13..2026-14')).toThrow(/月份应写作/);
  });
});

describe('a period from the stored months', () => {
  const defs = [
    { code: 'cases', unit: '%' as const, aggregation: 'flow' as const },
    { code: 'enrolled', unit: '%' as const, aggregation: 'stock' as const },
    { code: 'visits', unit: 'count' as const, aggregation: 'flow' as const },
  ];
  const row = (indicator: string, month: string, numerator: number, denominator: number | null, areaId = 1) => ({
    indicator,
    month,
    area_id: areaId,
    area_code: `A${areaId}`,
    area_name: month < '2026-03' ? '东岭乡' : '东岭镇',
    area_level: 'township' as const,
    parent_area_id: null,
    numerator,
    denominator,
    value: indicatorValue(denominator === null ? 'count' : '%', numerator, denominator),
    computed_at: new Date(`${month}-28T00:00:00Z`),
  });
  const of = (rows: Parameters<typeof aggregateValues>[0], code: string, areaId = 1) => aggregateValues(rows, defs, '2026-H1').find((v) => v.indicator === code && v.area_id === areaId);

  it('sums a flow over the months and takes a stock at the last month, under the latest name', () => {
    const rows = [row('cases', '2026-01', 9, 10), row('cases', '2026-02', 0, 0), row('cases', '2026-04', 6, 10), row('enrolled', '2026-01', 50, 100), row('enrolled', '2026-06', 80, 100), row('visits', '2026-01', 3, null), row('visits', '2026-02', 4, null)];
    expect(of(rows, 'cases')).toMatchObject({ numerator: 15, denominator: 20, value: 75, months: 3, month: '2026-H1', area_name: '东岭镇' });
    expect(of(rows, 'enrolled')).toMatchObject({ numerator: 80, denominator: 100, value: 80, months: 1 });
    expect(of(rows, 'visits')).toMatchObject({ numerator: 7, denominator: null, value: 7 });
  });

  it('is 无数据 (null) when every month\'s denominator is 0, and leaves out indicators not in the library', () => {
    const rows = [row('cases', '2026-01', 0, 0, 2), row('cases', '2026-03', 0, 0, 2), row('gone', '2026-01', 1, 2, 2)];
    expect(of(rows, 'cases', 2)).toMatchObject({ numerator: 0, denominator: 0, value: null, months: 2 });
    expect(aggregateValues(rows, defs, '2026-H1')).toHaveLength(1);
  });
});
