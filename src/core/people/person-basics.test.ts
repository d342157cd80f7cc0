import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { systemActor } from '../auth/actor.ts';
import type { DbHandle } from '../db/connection.ts';
import { createHousehold } from './households.ts';
import { personBasics } from './person-basics.ts';
import { makeResidentId } from './resident-id.ts';

let t: DbHandle;
const ids = { father: makeResidentId('430702', '1990-05-01', 11), girl: makeResidentId('430702', '2021-03-04', 22), boy: makeResidentId('430702', '2024-07-08', 33) };

beforeAll(async () => {
  t = await createTestDb();
  const county = await createTinyCounty(t.db);
  await createHousehold(t.db, systemActor(), {
    areaId: county.areas.eastVillage,
    address: '东岭村一组',
    members: [
      { name: '张父', idNumber: ids.father, relation: 'head' },
      { name: '张女', idNumber: ids.girl, relation: 'daughter' },
      { name: '张子', idNumber: ids.boy, relation: 'son' },
    ],
  });
});
afterAll(() => t.close());

describe('personBasics', () => {
  it('selects persons by birth dates, ID numbers or names, and joins as a subquery', async () => {
    const names = async (f: Parameters<typeof personBasics>[1]) => (await personBasics(t.db, f).orderBy('person.birth_date').execute()).map((p) => p.name);
    expect(await names({ bornFrom: '2020-01-01' })).toEqual(['张女', '张子']);
    expect(await names({ bornFrom: '2020-01-01', bornTo: '2024-07-07' })).toEqual(['张女']);
    expect(await names({ idNumbers: [ids.boy, ids.father] })).toEqual(['张父', '张子']);
    expect(await names({ idNumbers: [] })).toEqual([]);
    expect(await names({ names: ['张女'], bornFrom: '2021-03-04', bornTo: '2021-03-04' })).toEqual(['张女']);
    const joined = await t.db
      .selectFrom('household')
      .innerJoin('person as h', 'h.id', 'household.head_person_id')
      .innerJoin(personBasics(t.db, { bornFrom: '1980-01-01', bornTo: '1999-12-31' }).as('p'), 'p.id', 'h.id')
      .select(['p.name', 'p.birth_date', 'p.id_number'])
      .execute();
    expect(joined).toEqual([{ name: '张父', birth_date: '1990-05-01', id_number: ids.father }]);
  });
});
