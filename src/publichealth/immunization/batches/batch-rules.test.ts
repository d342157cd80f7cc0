import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../../core/dates.ts';
import { batchProblem, expiryWarning, pickFefo, type BatchFacts } from './batch-rules.ts';

const use = { vaccine: 'HepB', institutionId: 1, date: '2026-05-02' };
const batch = (over: Partial<BatchFacts>): BatchFacts => ({ id: 1, institutionId: 1, vaccine: 'HepB', batchNo: 'B1', expiry: '2026-12-31', receivedOn: '2026-01-01', remaining: 5, ...over });

describe('batchProblem', () => {
  it('names the batch and the dates when it expired before the dose date', () => {
    expect(batchProblem(batch({ batchNo: 'X', expiry: '2026-03-01' }), use)).toBe('批号 X 已于 2026-03-01 过期，不能用于 2026-05-02 的接种');
  });
  it('the expiry day itself is still usable', () => {
    expect(batchProblem(batch({ expiry: '2026-05-02' }), use)).toBeNull();
  });
  it('refuses another vaccine, another clinic, an empty batch and a batch received after the dose', () => {
    expect(batchProblem(batch({ vaccine: 'MMR' }), use)).toMatch(/是 MMR 疫苗，不能用于 HepB/);
    expect(batchProblem(batch({ institutionId: 2 }), use)).toMatch(/不在本接种单位的库存中/);
    expect(batchProblem(batch({ remaining: 0 }), use)).toMatch(/已无库存/);
    expect(batchProblem(batch({ receivedOn: '2026-05-03' }), use)).toMatch(/于 2026-05-03 入库/);
  });
});

describe('expiryWarning', () => {
  it('expired after the expiry day, expiring within 30 days, none otherwise', () => {
    expect(expiryWarning('2026-05-01', '2026-05-02')).toBe('expired');
    expect(expiryWarning('2026-05-02', '2026-05-02')).toBe('expiring');
    expect(expiryWarning('2026-06-01', '2026-05-02')).toBe('expiring');
    expect(expiryWarning('2026-06-02', '2026-05-02')).toBeNull();
  });
});

describe('pickFefo', () => {
  it('skips expired and empty batches and picks the earliest valid expiry', () => {
    const batches = [
      batch({ id: 1, expiry: '2026-05-01' }), // expired on the dose date
      batch({ id: 2, expiry: '2026-06-01', remaining: 0 }), // empty
      batch({ id: 3, expiry: '2026-09-01' }),
      batch({ id: 4, expiry: '2026-07-01' }),
      batch({ id: 5, expiry: '2026-06-15', vaccine: 'MMR' }),
    ];
    expect(pickFefo(batches, use)?.id).toBe(4);
    expect(pickFefo(batches.slice(0, 2), use)).toBeUndefined();
  });

  const arbBatch = fc.record({
    id: fc.integer({ min: 1, max: 1000 }),
    institutionId: fc.constantFrom(1, 2),
    vaccine: fc.constantFrom('HepB', 'MMR'),
    batchNo: fc.constant('B'),
    expiry: fc.integer({ min: -60, max: 400 }).map((d) => addDays(use.date, d)),
    receivedOn: fc.integer({ min: -400, max: 10 }).map((d) => addDays(use.date, d)),
    remaining: fc.integer({ min: 0, max: 3 }),
  });

  it('property: the pick is usable and no usable batch expires before it; none is picked only when none is usable', () => {
    fc.assert(
      fc.property(fc.array(arbBatch, { maxLength: 12 }), (batches) => {
        const picked = pickFefo(batches, use);
        const usable = batches.filter((b) => batchProblem(b, use) === null);
        if (!picked) return usable.length === 0;
        return batchProblem(picked, use) === null && usable.every((b) => b.expiry >= picked.expiry);
      }),
    );
  });
});
