import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScheme } from '../scheme/parse-scheme.ts';
import { applyRatio } from '../scheme/decimal.ts';
import { LEVELS } from '../scheme/types.ts';
import type { Claim } from '../settlement/claim.ts';
import { settleClaim } from '../settlement/settle.ts';
import { eligibleOf } from '../settlement/rules.ts';
import { emptyYearToDate } from '../settlement/year-to-date.ts';
import { exampleSchemeDocument } from '../testing/example-scheme.ts';
import { appliedTerms, bucketOf, capLines } from './breakdown.ts';
import { checkLines, linesFromTotals, maskIdNumber } from './claim-input.ts';

const parsed = parseScheme(exampleSchemeDocument());
if (!parsed.ok) throw new Error('example scheme');
const scheme = parsed.scheme;

describe('the terms a settlement names are the ones the engine applied', () => {
  it('pay = ratio × (eligible − deductible) whenever no cap bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEVELS),
        fc.constantFrom('inpatient', 'chronic', 'outpatient'),
        fc.constantFrom('K35', 'I10', 'E11.9', 'C92.0', 'J45'),
        fc.boolean(),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (level, kind, diagnosis, referred, totalFen, outShare) => {
          const claim: Claim = { id: '1', person: 'p', date: '2025-05-05', level, kind: kind as Claim['kind'], diagnosis, referred, totalFen, outOfCatalogFen: Math.floor((totalFen * outShare) / 100) };
          const { result, yearToDate } = settleClaim(scheme, claim, undefined, {});
          const eligible = eligibleOf(claim.totalFen, claim.outOfCatalogFen);
          const terms = appliedTerms(scheme, claim, eligible);
          if (result.status === 'rejected') return;
          expect(bucketOf(emptyYearToDate('p', 2025), yearToDate) === null).toBe(result.pay === 0);
          if (result.capped !== undefined) return;
          expect(terms.ratioPpm).not.toBeNull();
          expect(Math.round(result.pay * 100)).toBe(applyRatio(eligible - terms.deductibleFen, terms.ratioPpm!));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('names the unreferred ratio out of county and the major-disease ratio without deductible', () => {
    const claim = (over: Partial<Claim>): Claim => ({ id: '1', person: 'p', date: '2025-05-05', level: 'outside', kind: 'inpatient', diagnosis: 'K35', referred: false, totalFen: 2_000_000, outOfCatalogFen: 0, ...over });
    expect(appliedTerms(scheme, claim({}), 2_000_000)).toEqual({ deductibleFen: 100_000, ratioPpm: 450_000 });
    expect(appliedTerms(scheme, claim({ referred: true }), 2_000_000)).toEqual({ deductibleFen: 100_000, ratioPpm: 600_000 });
    expect(appliedTerms(scheme, claim({ diagnosis: 'C92.1' }), 2_000_000)).toEqual({ deductibleFen: 0, ratioPpm: 700_000 });
    expect(appliedTerms(scheme, claim({ level: 'county' }), 30_000)).toEqual({ deductibleFen: 30_000, ratioPpm: 750_000 }); // below the deductible
    expect(appliedTerms(scheme, claim({ kind: 'delivery' }), 30_000)).toEqual({ deductibleFen: 0, ratioPpm: null });
  });

  it('lists every annual cap with the sums before and after', () => {
    const before = { ...emptyYearToDate('p', 2025), inpatientFen: 100, chronicFen: 50 };
    const after = { ...before, chronicFen: 80 };
    expect(capLines(scheme, before, after).map((c) => [c.cap, c.limitFen, c.beforeFen, c.afterFen])).toEqual([
      ['outpatientAnnual', 20_000, 0, 0],
      ['chronicAnnual', 1_000_000, 50, 80],
      ['annual', 15_000_000, 150, 180],
      ['majorAnnual', 18_000_000, 0, 0],
    ]);
    expect(bucketOf(before, after)).toBe('chronic');
  });
});

describe('cost input', () => {
  it('rounds quantity × unit price half up to the fen, exactly', () => {
    const [a, b, c] = checkLines([
      { name: '药', category: 'drug', inCatalog: true, quantity: '1.5', unitPrice: '3.33' },
      { name: '针', category: 'treatment', inCatalog: true, quantity: 3, unitPrice: 0.1 },
      { name: '床', category: 'bed', inCatalog: false, quantity: 99999.99, unitPrice: 1000000 },
    ]);
    expect([a!.amountFen, b!.amountFen, c!.amountFen]).toEqual([500, 30, 9_999_999_000_000]);
    expect(a!.quantity).toBe('1.50');
  });

  it('turns a total and its out-of-catalogue part into lines and refuses the part above the total', () => {
    expect(linesFromTotals(30, 30).map((l) => [l.inCatalog, l.amountFen])).toEqual([[true, 0], [false, 3000]]);
    expect(() => linesFromTotals('10', '10.01')).toThrow('目录外费用 10.01 元不能超过总费用 10 元');
  });

  it('masks the middle of an ID number', () => {
    expect(maskIdNumber('43070219800506123X')).toBe('430702********123X');
    expect(maskIdNumber(null)).toBeNull();
  });
});
