import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attemptFor, lineAmountFen, linesRequest, lineTotals, newLine, type CostLine } from './cost-lines.ts';

const line = (over: Partial<CostLine>): CostLine => ({ ...newLine(), ...over });

describe('cost line amounts', () => {
  it('multiplies quantity by price exactly and rounds half up to the fen', () => {
    expect(lineAmountFen(line({ quantity: 3, unitPrice: 12.5 }))).toBe(3750);
    // 0.1 × 0.3 on floats is 0.030000000000000002; here 10 × 30 / 100 = 3 fen.
    expect(lineAmountFen(line({ quantity: 0.1, unitPrice: 0.3 }))).toBe(3);
    // 1.5 × 0.33 = 0.495 元 → 0.50 (half up).
    expect(lineAmountFen(line({ quantity: 1.5, unitPrice: 0.33 }))).toBe(50);
    expect(lineAmountFen(line({ quantity: '2', unitPrice: '1.15' }))).toBe(230);
  });

  it('has no amount while a figure is missing, zero, negative or has too many decimals', () => {
    expect(lineAmountFen(line({ quantity: 1, unitPrice: undefined }))).toBeUndefined();
    expect(lineAmountFen(line({ quantity: 0, unitPrice: 5 }))).toBeUndefined();
    expect(lineAmountFen(line({ quantity: 1, unitPrice: -5 }))).toBeUndefined();
    expect(lineAmountFen(line({ quantity: 1, unitPrice: 1.005 }))).toBeUndefined();
    expect(lineAmountFen(line({ quantity: 1.234, unitPrice: 1 }))).toBeUndefined();
  });

  it('equals the integer formula for any two-decimal quantity and price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 10_000_000 }), (centi, fen) => {
        const amount = lineAmountFen(line({ quantity: (centi / 100).toFixed(2), unitPrice: (fen / 100).toFixed(2) }));
        expect(amount).toBe(Math.floor((centi * fen + 50) / 100));
      }),
    );
  });
});

describe('live totals and the request', () => {
  const lines = [
    line({ name: '青霉素', quantity: 2, unitPrice: 10 }),
    line({ name: '进口支架', inCatalog: false, category: 'material', quantity: 1, unitPrice: 1000 }),
    line({ name: '床位费', category: 'bed', quantity: 5, unitPrice: '' }), // price not typed yet
    line({}), // the spare row
  ];

  it('adds in-catalogue and out-of-catalogue amounts apart, counting rows still incomplete', () => {
    expect(lineTotals(lines)).toEqual({ totalFen: 102_000, inCatalogFen: 2_000, outOfCatalogFen: 100_000, incomplete: 1, lines: 2 });
  });

  it('sends every non-blank row and remembers which screen row each came from', () => {
    const { lines: sent, rowOf } = linesRequest(lines);
    expect(sent.map((l) => l.name)).toEqual(['青霉素', '进口支架', '床位费']);
    expect(sent[1]).toEqual({ name: '进口支架', category: 'material', inCatalog: false, quantity: 1, unitPrice: 1000 });
    expect(rowOf).toEqual([0, 1, 2]);
  });
});

describe('submission attempts', () => {
  it('keeps the key while the content is the same and takes a new one when it changes', () => {
    let n = 0;
    const fresh = () => `key-${++n}`;
    const first = attemptFor(undefined, { a: 1 }, fresh);
    expect(attemptFor(first, { a: 1 }, fresh)).toBe(first);
    const second = attemptFor(first, { a: 2 }, fresh);
    expect(second.key).toBe('key-2');
  });
});
