import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connection.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty, type TinyCounty } from '../../testing/fixtures.ts';
import { systemActor } from '../auth/actor.ts';
import { actorForUser } from '../auth/sessions.ts';
import { mergeAreas, splitArea } from '../areas/area-history.ts';
import { addMember, createHousehold } from './households.ts';
import { searchPersons } from './persons.ts';

// Scoped search reads the village copied onto each person (person.area_id); these prove the copy
// always equals the household's village, whichever way a person or household gets there.

let handle: DbHandle;
let county: TinyCounty;

beforeAll(async () => {
  handle = await createTestDb();
  county = await createTinyCounty(handle.db);
});
afterAll(() => handle.close());

const actorOf = async (username: keyof TinyCounty['userIds']) => (await actorForUser(handle.db, county.userIds[username]!))!;

/** Persons whose copied village differs from their household's. */
async function drifted() {
  return handle.db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .select(['person.name', 'person.area_id', 'household.area_id as household_area_id'])
    .whereRef('person.area_id', 'is distinct from', 'household.area_id')
    .execute();
}

async function household(areaId: number, name: string) {
  const id = await createHousehold(handle.db, systemActor(), { areaId, address: `${name}住址`, members: [{ name, sex: 'F', birthDate: '1970-01-01', relation: 'head' }] });
  await addMember(handle.db, systemActor(), id, { name: `${name}之女`, sex: 'F', birthDate: '2000-01-01', relation: 'daughter' });
  return id;
}

const namesFor = async (username: keyof TinyCounty['userIds'], q: string) =>
  (await searchPersons(handle.db, await actorOf(username), { q })).items.map((p) => `${p.name}@${p.areaName}`).sort();

describe('person.area_id', () => {
  it('is the household village for new households and members', async () => {
    await household(county.areas.westVillage, '甲西');
    const [person] = await handle.db.selectFrom('person').select('area_id').where('name', '=', '甲西之女').execute();
    expect(person!.area_id).toBe(county.areas.westVillage);
    expect(await namesFor('doctor_west', '甲')).toEqual(['甲西@西岭村', '甲西之女@西岭村']);
    expect(await namesFor('doctor_east', '甲')).toEqual([]);
  });

  it('cannot be written different from the household village', async () => {
    const householdId = await household(county.areas.eastVillage, '乙东');
    const insert = handle.db
      .insertInto('person')
      .values({ household_id: householdId, area_id: county.areas.westVillage, name: '乙错', sex: 'M', birth_date: '1990-01-01' })
      .execute();
    await expect(insert).rejects.toThrow(/person_household_area/);
    await expect(handle.db.updateTable('person').set({ area_id: county.areas.westVillage }).where('name', '=', '乙东').execute()).rejects.toThrow(/person_household_area/);
  });

  it('follows households moved by a split and by a merge, so the new village finds them', async () => {
    const moved = await household(county.areas.eastVillage, '丙东');
    const rest = await handle.db.selectFrom('household').select('id').where('area_id', '=', county.areas.eastVillage).where('id', '!=', moved).execute();
    const [partId] = await splitArea(handle.db, systemActor(), county.areas.eastVillage, {
      effective: '2025-01-01',
      parts: [
        { code: '430702100202', name: '东岭新村', householdIds: [moved] },
        { code: '430702100203', name: '东岭老村', householdIds: rest.map((h) => h.id) },
      ],
    });
    expect(await drifted()).toEqual([]);
    expect(await namesFor('township', '丙')).toEqual(['丙东@东岭新村', '丙东之女@东岭新村']);
    expect(await namesFor('doctor_east', '丙')).toEqual([]);

    await mergeAreas(handle.db, systemActor(), { fromIds: [partId!], intoId: county.areas.westVillage, effective: '2025-06-01' });
    expect(await drifted()).toEqual([]);
    expect(await namesFor('doctor_west', '丙')).toEqual(['丙东@西岭村', '丙东之女@西岭村']);
  });
});
