import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { systemActor } from '../auth/actor.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty, type TinyCounty } from '../../testing/fixtures.ts';
import { createHousehold } from './households.ts';
import { makeResidentId } from './resident-id.ts';
import { findPersonInScope, personsByIds } from './persons.ts';

let h: DbHandle;
let county: TinyCounty;
let westPersonId: number;
const westId = makeResidentId('430702', '2025-06-01', 11);
const eastDoctor = (): Actor => ({ userId: null, name: '东岭村医', role: 'village_doctor', scope: { areaId: county.areas.eastVillage, path: `/${county.areas.county}/${county.areas.town}/${county.areas.eastVillage}/` } }) as Actor;

beforeAll(async () => {
  h = await createTestDb();
  county = await createTinyCounty(h.db);
  const household = await createHousehold(h.db, systemActor(), { areaId: county.areas.westVillage, address: '西岭', members: [{ name: '赵小宝', idNumber: westId, relation: 'head' }] });
  westPersonId = (await h.db.selectFrom('person').select('id').where('household_id', '=', household).executeTakeFirstOrThrow()).id;
});
afterAll(() => h.close());

describe('personsByIds (for modules that scope their own records)', () => {
  it('personsByIds reads persons outside the caller scope, with their household area', async () => {
    await expect(findPersonInScope(h.db, eastDoctor(), westPersonId)).rejects.toMatchObject({ code: 'not_found' });
    const found = await personsByIds(h.db, [westPersonId, westPersonId, 999_999]);
    expect([...found.keys()]).toEqual([westPersonId]);
    expect(found.get(westPersonId)).toMatchObject({ name: '赵小宝', birthDate: '2025-06-01', areaName: '西岭村' });
  });
});
