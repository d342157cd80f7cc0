import { describe, expect, it } from 'vitest';
import { percentText, percentValue, periodId, periodStart, statusTag } from './immunization-logic.ts';

describe('coverage periods', () => {
  it('names a day’s year, quarter and month as the API does', () => {
    expect(periodId('year', '2026-05-17')).toBe('2026');
    expect(periodId('quarter', '2026-05-17')).toBe('2026-Q2');
    expect(periodId('quarter', '2026-12-31')).toBe('2026-Q4');
    expect(periodId('quarter', '2026-01-01')).toBe('2026-Q1');
    expect(periodId('month', '2026-03-09')).toBe('2026-03');
  });

  it('turns a period id back into its kind and first day', () => {
    for (const [kind, day] of [['year', '2026-01-01'], ['quarter', '2026-07-01'], ['month', '2026-11-01']] as const) {
      const id = periodId(kind, day);
      expect(periodStart(id)).toEqual({ kind, day });
    }
  });
});

describe('rates', () => {
  it('shows 无数据 for a null rate, never 0 % or NaN', () => {
    expect(percentText(null)).toBe('无数据');
    expect(percentText(0)).toBe('0.00%');
    expect(percentText(0.9321)).toBe('93.21%');
    expect(percentValue(null)).toBeNull();
    expect(percentValue(0.9)).toBe(90);
  });
});

describe('plan status tags', () => {
  const base = { series: 'HepB', seriesName: '乙肝疫苗', seriesDose: 1, vaccine: 'HepB', vaccineName: '乙肝疫苗', dose: 1, schedule: 'nip-2021' } as const;
  it('tells timely from late doses and gives the reason a dose is no longer given', () => {
    expect(statusTag({ ...base, status: 'done', date: '2026-01-01', timely: true }).text).toBe('已种·及时');
    expect(statusTag({ ...base, status: 'done', date: '2026-01-01', timely: false }).text).toBe('已种·不及时');
    expect(statusTag({ ...base, status: 'overdue', dueDate: '2026-01-01', earliest: '2026-02-01' })).toMatchObject({ text: '逾期', color: 'red' });
    expect(statusTag({ ...base, status: 'not_yet_due', dueDate: '2026-01-01', earliest: '2026-02-01' }).text).toBe('未到时间');
    const tag = statusTag({ ...base, status: 'not_to_give', reason: 'age_limit', message: '满4岁不再接种' });
    expect(tag.text).toBe('不再接种：超过接种年龄');
    expect(tag.detail).toBe('满4岁不再接种');
  });
});
