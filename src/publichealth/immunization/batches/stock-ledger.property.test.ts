import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DbHandle } from '../../../core/db/connection.ts';
import { systemActor, type Actor } from '../../../core/auth/actor.ts';
import { addDays, todayInShanghai } from '../../../core/dates.ts';
import { AppError } from '../../../core/errors.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import { createTinyCounty } from '../../../testing/fixtures.ts';
import { addFamilyWithChild, createClinics } from '../registry/test-fixtures.ts';
import { registerChild } from '../registry/children.ts';
import { correctDose, deleteDose, recordDose } from '../registry/doses.ts';
import { receiveBatch } from './batches.ts';

let h: DbHandle;
let actor: Actor;
const childIds: number[] = [];
const batchIds: number[] = [];
const today = todayInShanghai();

beforeAll(async () => {
  h = await createTestDb();
  const county = await createTinyCounty(h.db);
  const clinics = await createClinics(h.db, county);
  actor = { ...systemActor('库存属性测试'), institutionId: clinics.dongling };
  for (let i = 0; i < 3; i++) {
    const person = await addFamilyWithChild(h.db, county.areas.eastVillage, `库存娃${i}`, 400);
    childIds.push(await registerChild(h.db, actor, { personId: person.personId, areaId: county.areas.eastVillage, guardianName: '家长' }));
  }
  for (const [vaccine, expiryDays, quantity] of [['HepB', 30, 2], ['HepB', 300, 3], ['BCG', 300, 2], ['HepB', -200, 2]] as const) {
    const b = await receiveBatch(h.db, actor, { vaccine, manufacturer: '某公司', batchNo: `L-${batchIds.length}`, expiry: addDays(today, expiryDays), quantity, receivedOn: addDays(today, -390) });
    batchIds.push(b.id);
  }
}, 120_000);
afterAll(() => h.close());

const op = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), child: fc.nat(2), vaccine: fc.constantFrom('HepB', 'BCG'), batch: fc.option(fc.nat(3), { nil: undefined }), daysAgo: fc.integer({ min: 0, max: 399 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(50), batch: fc.nat(3), daysAgo: fc.option(fc.integer({ min: 0, max: 399 }), { nil: undefined }) }),
);

/** Refusals are expected (no stock, expired, skipped dose, later dose needs it); anything else fails the property. */
async function tolerate(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
  }
}

describe('stock ledger', () => {
  it('property: after any doses, corrections and deletions, each batch holds received − doses using it, equal to the sum of its movements, never negative', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const o of ops) {
          const doses = await h.db.selectFrom('imm_dose').select('id').orderBy('id').execute();
          if (o.kind === 'record') {
            await tolerate(() => recordDose(h.db, actor, childIds[o.child]!, { vaccine: o.vaccine, date: addDays(today, -o.daysAgo), batchId: o.batch === undefined ? undefined : batchIds[o.batch] }));
          } else if (doses.length) {
            const doseId = doses[o.pick % doses.length]!.id;
            if (o.kind === 'delete') await tolerate(() => deleteDose(h.db, actor, doseId, '属性测试'));
            else await tolerate(() => correctDose(h.db, actor, doseId, { batchId: batchIds[o.batch], date: o.daysAgo === undefined ? undefined : addDays(today, -o.daysAgo), reason: '属性测试' }));
          }
        }
        const batches = await h.db.selectFrom('imm_batch').select(['id', 'received_qty', 'remaining']).execute();
        for (const b of batches) {
          const used = await h.db.selectFrom('imm_dose').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', b.id).executeTakeFirstOrThrow();
          const moved = await h.db.selectFrom('imm_stock_movement').select((eb) => eb.fn.sum<number>('quantity').as('n')).where('batch_id', '=', b.id).executeTakeFirstOrThrow();
          expect(b.remaining).toBeGreaterThanOrEqual(0);
          expect(b.remaining).toBe(b.received_qty - Number(used.n));
          expect(b.remaining).toBe(Number(moved.n));
        }
      }),
      { numRuns: 15 },
    );
  }, 300_000);
});
