import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty, type TinyCounty } from '../../testing/fixtures.ts';
import type { DbHandle } from '../db/connection.ts';
import { systemActor } from '../auth/actor.ts';
import { actorForUser } from '../auth/sessions.ts';
import { createHousehold } from './households.ts';
import { setPersonStatus } from './persons.ts';
import { livingResidentsByVillage } from './resident-counts.ts';

let h: DbHandle;
let county: TinyCounty;
const ids: number[] = [];

beforeAll(async () => {
  h = await createTestDb();
  county = await createTinyCounty(h.db);
  const actor = systemActor();
  for (const [areaId, names] of [
    [county.areas.eastVillage, ['甲', '乙', '丙']],
    [county.areas.westVillage, ['丁']],
  ] as const) {
    await createHousehold(h.db, actor, { areaId, address: '一组', members: names.map((name, i) => ({ name, sex: 'M' as const, birthDate: '1980-01-01', relation: i === 0 ? 'head' : 'son' })) });
  }
  ids.push(...(await h.db.selectFrom('person').select('id').orderBy('id').execute()).map((p) => p.id));
  await setPersonStatus(h.db, actor, ids[2]!, { status: 'deceased', date: '2020-01-01' });
});
afterAll(() => h.close());

describe('livingResidentsByVillage', () => {
  it("counts the living per village, those in another module's set and each of its flags", async () => {
    const rows = h.db
      .selectFrom('person')
      .select(['person.id as person_id', sql<boolean>`person.name in ('丁', '丙')`.as('flagged')])
      .where('person.id', 'in', [ids[0]!, ids[2]!, ids[3]!]);
    const counts = await livingResidentsByVillage(h.db, systemActor(), undefined, { rows, flags: ['flagged'] });
    const byArea = Object.fromEntries(counts.map((r) => [r.areaId, r]));
    // The deceased 丙 counts nowhere, even though in the set and flagged.
    expect(byArea[county.areas.eastVillage]).toEqual({ areaId: county.areas.eastVillage, residents: 2, inSet: 1, flags: { flagged: 0 } });
    expect(byArea[county.areas.westVillage]).toEqual({ areaId: county.areas.westVillage, residents: 1, inSet: 1, flags: { flagged: 1 } });
  });

  it('keeps to the caller scope', async () => {
    const doctor = (await actorForUser(h.db, county.userIds.doctor_east!))!;
    const rows = await livingResidentsByVillage(h.db, doctor, undefined);
    expect(rows.map((r) => r.areaId)).toEqual([county.areas.eastVillage]);
    await expect(livingResidentsByVillage(h.db, doctor, county.areas.westVillage)).rejects.toMatchObject({ status: 404 });
  });
});
