import type { Db } from '../core/db/connection.ts';
import { systemActor } from '../core/auth/actor.ts';
import { createArea } from '../core/areas/areas.ts';
import { createUser } from '../core/auth/users.ts';
import type { Role } from '../core/auth/roles.ts';

export const TEST_PASSWORD = 'test1234';

/**
 * A tiny county for tests: 清河县 with a town of two villages and a street with one community,
 * and one user per role. Village doctors of both villages exist so tests can cross the line.
 */
export async function createTinyCounty(db: Db) {
  const actor = systemActor('测试夹具');
  return db.transaction().execute(async (trx) => {
    const county = await createArea(trx, actor, { code: '430702000000', name: '清河县', kind: 'county' });
    const town = await createArea(trx, actor, { code: '430702100000', name: '东岭镇', kind: 'town', parentId: county });
    const eastVillage = await createArea(trx, actor, { code: '430702100200', name: '东岭村', kind: 'village', parentId: town });
    const westVillage = await createArea(trx, actor, { code: '430702100201', name: '西岭村', kind: 'village', parentId: town });
    const street = await createArea(trx, actor, { code: '430702001000', name: '城关街道', kind: 'street', parentId: county });
    const community = await createArea(trx, actor, { code: '430702001001', name: '北门社区', kind: 'community', parentId: street });

    const users: Array<[string, string, Role, number]> = [
      ['admin', '局管理员', 'bureau_admin', county],
      ['ncms', '合管办经办', 'ncms_clerk', county],
      ['cdc', '疾控人员', 'cdc_staff', county],
      ['auditor', '审计员', 'auditor', county],
      ['township', '东岭镇卫生院', 'township_staff', town],
      ['doctor_east', '东岭村医', 'village_doctor', eastVillage],
      ['doctor_west', '西岭村医', 'village_doctor', westVillage],
    ];
    const userIds: Record<string, number> = {};
    for (const [username, displayName, role, areaId] of users) {
      userIds[username] = await createUser(trx, actor, { username, displayName, password: TEST_PASSWORD, role, areaId });
    }
    return { areas: { county, town, eastVillage, westVillage, street, community }, userIds };
  });
}
export type TinyCounty = Awaited<ReturnType<typeof createTinyCounty>>;
