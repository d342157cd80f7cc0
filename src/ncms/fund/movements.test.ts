import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../core/db/connection.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { AppError } from '../../core/errors.ts';
import { designatedInstitutions, fundActor, fundTheBank, postClaim, POOL } from './fund-fixtures.ts';
import { payInstitution } from './movements.ts';
import { balanceFen } from './balances.ts';
import { checkFund } from './fund-check.ts';

let handle: DbHandle;
let township: number;
beforeAll(async () => {
  handle = await createTestDb();
  ({ township } = await designatedInstitutions(handle.db, await createTinyCounty(handle.db)));
  await fundTheBank(handle.db, 2025, 1_000_000);
  await postClaim(handle.db, { year: 2025, date: '2025-03-01', institutionId: township, claimId: 1, fen: 60_000 });
});
afterAll(() => handle.close());

describe('payments at the same moment', () => {
  it('two clerks paying the same debt: one payment goes through, the other is refused (row lock on what is owed)', async () => {
    const pay = (requestId: string) =>
      payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: township, date: '2025-04-01', amountFen: 40_000, requestId }).then(
        () => 'paid',
        (e: unknown) => (e instanceof AppError ? e.code : Promise.reject(e)),
      );
    const outcomes = await Promise.all([pay('clerk-a-0000001'), pay('clerk-b-0000001')]);
    expect(outcomes.sort()).toEqual(['paid', 'payment_exceeds_owed']);
    expect(await balanceFen(handle.db, { pool: POOL, year: 2025, account: 'payable_institution', institutionId: township })).toBe(20_000);
    expect(await balanceFen(handle.db, { pool: POOL, year: 2025, account: 'bank' })).toBe(960_000);
    expect((await checkFund(handle.db)).ok).toBe(true);
  });

  it('the same request sent twice at once posts once', async () => {
    const body = { pool: POOL, year: 2025, institutionId: township, date: '2025-04-02', amountFen: 5_000, requestId: 'double-click-0001' };
    const [a, b] = await Promise.all([payInstitution(handle.db, fundActor, body), payInstitution(handle.db, fundActor, body)]);
    expect(a.transactionId).toBe(b.transactionId);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(await balanceFen(handle.db, { pool: POOL, year: 2025, account: 'payable_institution', institutionId: township })).toBe(15_000);
  });
});
