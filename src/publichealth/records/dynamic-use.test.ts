import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDynamicUse, lastService, lastTwelveMonths } from './dynamic-use.ts';

const service = (date: string) => ({ date, service: true });
const keeping = (date: string) => ({ date, service: false });

describe('dynamic use (动态使用)', () => {
  it('the 12 months up to a day start the day after the same date a year before', () => {
    expect(lastTwelveMonths('2026-11-23')).toEqual({ from: '2025-11-24', to: '2026-11-23' });
    expect(lastTwelveMonths('2026-01-01')).toEqual({ from: '2025-01-02', to: '2026-01-01' });
    expect(lastTwelveMonths('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });

  it('needs a service inside the period; record keeping and register events do not count', () => {
    const period = lastTwelveMonths('2026-11-23');
    expect(isDynamicUse([service('2025-11-24')], period)).toBe(true);
    expect(isDynamicUse([service('2025-11-23')], period)).toBe(false); // a day too early
    expect(isDynamicUse([service('2026-11-24')], period)).toBe(false); // after the day asked
    expect(isDynamicUse([keeping('2026-06-01')], period)).toBe(false);
    expect(lastService([service('2026-01-05'), keeping('2026-10-01'), service('2026-03-09'), service('2024-01-01')], period)).toBe('2026-03-09');
  });

  it('is in use exactly when some service date lies in the period', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.record({ date: day, service: fc.boolean() })), day, (events, asOf) => {
        const period = lastTwelveMonths(asOf);
        const expected = events.some((e) => e.service && e.date >= period.from && e.date <= period.to);
        expect(isDynamicUse(events, period)).toBe(expected);
      }),
    );
  });
});
