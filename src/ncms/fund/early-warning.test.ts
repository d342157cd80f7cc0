import { describe, expect, it } from 'vitest';
import { assessFund, forecastYearEnd } from './early-warning.ts';
import { completeMonths } from './early-warning-report.ts';

const limits = { yearBalanceMax: 0.15, accumulatedBalanceMax: 0.25, usageAheadWarning: 0.1 };
const flat = (fen: number) => Array.from({ length: 12 }, () => fen);

describe('year-end forecast', () => {
  it('follows last year\'s seasons when last year is known', () => {
    const lastYear = [200, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 200];
    const thisYear = [300, 150, 150, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const f = forecastYearEnd(thisYear, 3, lastYear);
    expect(f.method).toBe('seasonal');
    // factor 600 ÷ 400 = 1.5: remaining 8 × 150 + 300.
    expect(f.yearEndSpendingFen).toBe(600 + 8 * 150 + 300);
    expect(f.monthly[2]).toEqual({ month: 3, actualFen: 150, forecastFen: null });
    expect(f.monthly[11]).toEqual({ month: 12, actualFen: null, forecastFen: 300 });
  });

  it('is linear without last year, the actual for a closed year, and none before a month is complete', () => {
    expect(forecastYearEnd([100, 200, 300, 0, 0, 0, 0, 0, 0, 0, 0, 0], 3, null)).toMatchObject({ method: 'linear', yearEndSpendingFen: 600 + 9 * 200 });
    expect(forecastYearEnd([100, 200, 300, 0, 0, 0, 0, 0, 0, 0, 0, 0], 3, flat(0))).toMatchObject({ method: 'linear' });
    expect(forecastYearEnd(flat(100), 12, flat(50))).toMatchObject({ method: 'actual', yearEndSpendingFen: 1200 });
    expect(forecastYearEnd(flat(0), 0, null)).toMatchObject({ method: 'none', yearEndSpendingFen: null });
  });

  it('counts the complete months of the as-of day', () => {
    expect([completeMonths(2026, '2026-12-07'), completeMonths(2025, '2026-12-07'), completeMonths(2027, '2026-12-07')]).toEqual([11, 12, 0]);
  });
});

describe('warning levels', () => {
  const base = { raisedFen: 1_000_000, priorBalanceFen: 0, limits };
  const forecast = (yearEnd: number | null, method: 'seasonal' | 'actual' = 'seasonal') => ({ method, completeMonths: 6, yearEndSpendingFen: yearEnd, monthly: [] });

  it('is 正常 when usage follows the calendar and the balance stays in its band', () => {
    expect(assessFund({ ...base, spendingFen: 450_000, timeShare: 0.5, forecast: forecast(900_000) })).toEqual({ level: 'normal', levelName: '正常', warnings: [] });
  });

  it('is 关注 when usage runs a little ahead, 预警 when far ahead or the forecast overdraws', () => {
    expect(assessFund({ ...base, spendingFen: 550_000, timeShare: 0.5, forecast: forecast(950_000) })).toMatchObject({ level: 'notice', warnings: [{ code: 'usage_ahead', level: 'notice' }] });
    const ahead = assessFund({ ...base, spendingFen: 650_000, timeShare: 0.5, forecast: forecast(1_200_000) });
    expect(ahead.level).toBe('warning');
    expect(ahead.warnings.map((w) => w.code)).toEqual(['forecast_overdraw', 'usage_ahead']);
    expect(ahead.warnings[0]!.text).toContain('透支约 2,000.00 元');
  });

  it('is 严重 on a deficit, and notes a balance above 15 % this year or 25 % accumulated', () => {
    expect(assessFund({ ...base, spendingFen: 1_000_001, timeShare: 0.9, forecast: forecast(1_100_000) }).level).toBe('severe');
    const surplus = assessFund({ ...base, priorBalanceFen: 200_000, spendingFen: 800_000, timeShare: 1, forecast: forecast(800_000, 'actual') });
    expect(surplus.warnings.map((w) => [w.code, w.level])).toEqual([['year_balance_high', 'notice'], ['accumulated_balance_high', 'notice']]);
    expect(surplus.warnings[0]!.text).toBe('当年结余率 20.00%，超过 15.00% 的控制标准，基金使用不充分');
    // Exactly 15 % and 25 % are inside the band.
    expect(assessFund({ ...base, priorBalanceFen: 100_000, spendingFen: 850_000, timeShare: 1, forecast: forecast(850_000, 'actual') }).warnings).toEqual([]);
  });
});
