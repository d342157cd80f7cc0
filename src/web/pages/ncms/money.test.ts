import { describe, expect, it } from 'vitest';
import { fenAmount, fenText } from './money.ts';

describe('fen shown as yuan', () => {
  it('puts the point two digits from the right, with thousands grouped', () => {
    expect(fenAmount(0)).toBe('0.00');
    expect(fenAmount(5)).toBe('0.05');
    expect(fenAmount(645000)).toBe('6,450.00');
    expect(fenAmount(-1050)).toBe('-10.50');
    expect(fenText(123456789)).toBe('1,234,567.89 元');
    // Beyond what x / 100 prints exactly in every case.
    expect(fenAmount(900719925474099)).toBe('9,007,199,254,740.99');
  });
});
