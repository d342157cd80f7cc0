import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../testing/test-db.ts';
import type { DbHandle } from '../db/connection.ts';
import { createTinyCounty, type TinyCounty } from '../../testing/fixtures.ts';
import type { Actor } from '../auth/actor.ts';
import { villagesWithTownships } from './village-list.ts';

let t: DbHandle;
let county: TinyCounty;
const actor = (areaId: number, path: string, role: Actor['role'] = 'cdc_staff'): Actor => ({ userId: 1, name: 'x', role, scope: { areaId, path }, institutionId: null });

beforeAll(async () => {
  t = await createTestDb();
  county = await createTinyCounty(t.db);
});
afterAll(() => t.close());

describe('villagesWithTownships', () => {
  it('lists the scope’s villages and communities with their township, narrowed to an area, 404 outside the scope', async () => {
    const { areas } = county;
    const paths = Object.fromEntries(
      (await t.db.selectFrom('area').select(['id', 'path']).execute()).map((a) => [a.id, a.path]),
    ) as Record<number, string>;
    const all = await villagesWithTownships(t.db, actor(areas.county, paths[areas.county]!));
    expect(all.map((v) => [v.name, v.townshipName])).toEqual([
      ['北门社区', '城关街道'],
      ['东岭村', '东岭镇'],
      ['西岭村', '东岭镇'],
    ]);
    const town = await villagesWithTownships(t.db, actor(areas.county, paths[areas.county]!), areas.town);
    expect(town.map((v) => v.id)).toEqual([areas.eastVillage, areas.westVillage]);
    const doctor = actor(areas.eastVillage, paths[areas.eastVillage]!, 'village_doctor');
    expect((await villagesWithTownships(t.db, doctor)).map((v) => v.id)).toEqual([areas.eastVillage]);
    await expect(villagesWithTownships(t.db, doctor, areas.westVillage)).rejects.toMatchObject({ status: 404 });
    await expect(villagesWithTownships(t.db, doctor, areas.town)).rejects.toMatchObject({ status: 404 });
  });
});
