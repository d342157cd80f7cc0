import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import type { DbHandle } from '../db/connection.ts';
import { createHousehold } from './households.ts';
import { householdIdsWithMembersBorn } from './persons.ts';
import { makeResidentId } from './resident-id.ts';

let t: DbHandle;
let county: Awaited<ReturnType<typeof createTinyCounty>>;
const households: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDb();
  county = await createTinyCounty(t.db);
  const add = async (key: string, areaId: number, birthDates: string[]) => {
    households[key] = await createHousehold(t.db, systemActor(), {
      areaId,
      address: key,
      members: birthDates.map((b, i) => ({ name: `${key}${i}`, idNumber: makeResidentId('430702', b, 10 + i + Object.keys(households).length * 10), relation: i === 0 ? 'head' : 'son' })),
    });
  };
  await add('east-young', county.areas.eastVillage, ['1990-01-01', '2022-05-01']);
  await add('east-old', county.areas.eastVillage, ['1960-01-01', '1985-03-03']);
  await add('west-young', county.areas.westVillage, ['1992-02-02', '2019-12-31', '2026-01-01']);
});
afterAll(() => t.close());

describe('householdIdsWithMembersBorn', () => {
  it('lists the households with a member born in the range, both ends included, once each, in id order', async () => {
    const ids = await householdIdsWithMembersBorn(t.db, systemActor(), { from: '2019-12-31', to: '2026-01-01' });
    expect(ids).toEqual([households['east-young'], households['west-young']].sort((a, b) => a! - b!));
    expect(await householdIdsWithMembersBorn(t.db, systemActor(), { from: '2020-01-01', to: '2025-12-31' })).toEqual([households['east-young']]);
  });

  it('keeps to the actor scope', async () => {
    const doctorWest: Actor = { userId: null, name: '西岭村医', role: 'village_doctor', scope: { areaId: county.areas.westVillage, path: (await t.db.selectFrom('area').select('path').where('id', '=', county.areas.westVillage).executeTakeFirstOrThrow()).path }, institutionId: null };
    expect(await householdIdsWithMembersBorn(t.db, doctorWest, { from: '2019-01-01', to: '2026-12-31' })).toEqual([households['west-young']]);
  });
});
