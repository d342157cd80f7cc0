import { describe, expect, it } from 'vitest';
import { ageOn, requireRealDates } from './dates.ts';

describe('age on a day', () => {
  it('counts a year on the birthday, not before; a 29 February birthday completes its year on 1 March', () => {
    expect(ageOn('1980-05-01', '2026-04-30')).toBe(45);
    expect(ageOn('1980-05-01', '2026-05-01')).toBe(46);
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageOn('2024-02-29', '2025-03-01')).toBe(1);
    expect(ageOn('2026-12-07', '2026-12-07')).toBe(0);
  });
});

describe('real dates', () => {
  it('names the first field whose date is not a calendar day, and skips an absent one', () => {
    expect(() => requireRealDates({ from: '2026-02-28', to: undefined })).not.toThrow();
    expect(() => requireRealDates({ from: '2026-02-28', to: '2026-02-30' })).toThrow(expect.objectContaining({ details: { field: 'to' }, message: '日期「2026-02-30」无效，应为 YYYY-MM-DD' }));
    expect(() => requireRealDates({ from: '26-1-1', to: '2026-02-30' })).toThrow(expect.objectContaining({ details: { field: 'from' } }));
  });
});
