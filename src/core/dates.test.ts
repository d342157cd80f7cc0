import { describe, expect, it } from 'vitest';
import { ageOn } from './dates.ts';

describe('age on a day', () => {
  it('counts a year on the birthday, not before; a 29 February birthday completes its year on 1 March', () => {
    expect(ageOn('1980-05-01', '2026-04-30')).toBe(45);
    expect(ageOn('1980-05-01', '2026-05-01')).toBe(46);
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageOn('2024-02-29', '2025-03-01')).toBe(1);
    expect(ageOn('2026-12-07', '2026-12-07')).toBe(0);
  });
});
