import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyRatio, ratioToPpm, yuanToFen } from './decimal.ts';

describe('yuanToFen', () => {
  it('converts numbers and strings exactly from their decimal digits', () => {
    expect(yuanToFen(1234.5)).toBe(123450);
    expect(yuanToFen('1234.50')).toBe(123450);
    expect(yuanToFen(0.1)).toBe(10);
    expect(yuanToFen(1.15)).toBe(115); // 1.15 * 100 is 114.99999999999999 in floating point
    expect(yuanToFen(4.35)).toBe(435); // 434.99999999999994
    expect(yuanToFen(' 7 ')).toBe(700);
    expect(yuanToFen('12.500')).toBe(1250);
    expect(yuanToFen(0)).toBe(0);
    expect(yuanToFen('1e2')).toBe(10000);
    expect(yuanToFen(-3.2)).toBe(-320);
  });

  it('refuses a third decimal, non-numbers and absurd sizes', () => {
    expect(yuanToFen(1.005)).toBe('too_many_decimals');
    expect(yuanToFen(0.1 + 0.2)).toBe('too_many_decimals');
    expect(yuanToFen('0.001')).toBe('too_many_decimals');
    expect(yuanToFen(1e-7)).toBe('too_many_decimals');
    for (const bad of ['', 'abc', '1,000', '.5', '5.', '+5', null, undefined, true, [], {}, NaN, Infinity]) {
      expect(yuanToFen(bad)).toBe('not_number');
    }
    expect(yuanToFen(1e21)).toBe('too_large');
    expect(yuanToFen('1e999999999')).toBe('too_large');
    expect(yuanToFen('5e-999999999')).toBe('too_many_decimals');
    expect(yuanToFen('-0.00')).toBe(0);
    expect(yuanToFen('10000000000000.01')).toBe('too_large');
  });

  it('round-trips every fen amount written as a number or as 2-decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (fen) => {
        expect(yuanToFen(fen / 100)).toBe(fen);
        expect(yuanToFen(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`)).toBe(fen);
      }),
    );
  });
});

describe('ratioToPpm', () => {
  it('keeps up to 6 decimals exactly', () => {
    expect(ratioToPpm(0.75)).toBe(750000);
    expect(ratioToPpm('0.333333')).toBe(333333);
    expect(ratioToPpm(1)).toBe(1000000);
    expect(ratioToPpm(0.1234567)).toBe('too_many_decimals');
  });
});

describe('applyRatio (round half up to the fen)', () => {
  it('rounds .5 fen up and below .5 down', () => {
    expect(applyRatio(1, 500000)).toBe(1); // 0.5
    expect(applyRatio(3, 500000)).toBe(2); // 1.5
    expect(applyRatio(2, 750000)).toBe(2); // 1.5
    expect(applyRatio(6, 750000)).toBe(5); // 4.5
    expect(applyRatio(10, 450000)).toBe(5); // 4.5
    expect(applyRatio(1, 450000)).toBe(0); // 0.45
    expect(applyRatio(1, 499999)).toBe(0); // 0.499999
    expect(applyRatio(1, 0)).toBe(0);
    expect(applyRatio(12345, 1000000)).toBe(12345);
  });

  it('agrees with exact BigInt arithmetic, also beyond the safe-integer product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), fc.integer({ min: 0, max: 1e6 }), (fen, ppm) => {
        const exact = (BigInt(fen) * BigInt(ppm) * 2n + 1000000n) / 2000000n;
        expect(applyRatio(fen, ppm)).toBe(Number(exact));
      }),
    );
  });
});
