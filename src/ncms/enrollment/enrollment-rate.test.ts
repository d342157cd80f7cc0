import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/auth/actor.ts';
import { setPersonStatus } from '../../core/people/persons.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeExampleScheme, addHousehold } from '../testing/enrollment-fixtures.ts';
import { enrollHousehold } from './enrollment.ts';
import { rateFigures } from './enrollment-rate.ts';

let t: TestApp;
const system = systemActor();
async function get(username: string, url: string) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

/**
 * The tiny population, by hand:
 *   东岭村: A, B, C alive; D died in 2024 (never enrolled); E enrolled in 2025, then died.
 *           enrolled A, B, E = 3; should enroll A, B, C, E = 4 → 75.00 %
 *   西岭村: F, G, H alive, all enrolled → 3 / 3 = 100 %
 *   东岭镇 and the county total: 6 / 7 = 85.71 % (≥ 85 % default target)
 *   北门社区 (urban): I enrolled, J not → counted on neither side.
 */
beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  await activeExampleScheme(db, 2025);
  const { eastVillage, westVillage, community } = t.county.areas;
  const east = await addHousehold(db, eastVillage, ['A', 'B', 'C', 'D', 'E']);
  const westHousehold = await addHousehold(db, westVillage, ['F', 'G', 'H']);
  const town = await addHousehold(db, community, ['I', 'J']);
  const [a, b, , d, e] = east.members;
  await setPersonStatus(db, system, d!.id, { status: 'deceased', date: '2024-06-01' });
  const enroll = (h: { id: number }, members: Array<{ id: number }>) =>
    enrollHousehold(db, system, { householdId: h.id, year: 2025, collectedOn: '2025-01-05', members: members.map((m) => ({ personId: m.id, category: 'self_paid' })) });
  await enroll(east, [a!, b!, e!]);
  await setPersonStatus(db, system, e!.id, { status: 'deceased', date: '2025-03-01' });
  await enroll(westHousehold, westHousehold.members);
  await enroll(town, [town.members[0]!]);
});
afterAll(() => t.close());

describe('enrollment rates (参合率)', () => {
  it('counts rural residents per village and township against the default 85 % target', async () => {
    const res = await get('ncms', '/api/ncms/enrollment-rates?year=2025');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.target).toBe(0.85);
    expect(body.villages).toEqual([
      expect.objectContaining({ name: '东岭村', townshipName: '东岭镇', enrolled: 3, shouldEnroll: 4, rate: 0.75, meetsTarget: false }),
      expect.objectContaining({ name: '西岭村', townshipName: '东岭镇', enrolled: 3, shouldEnroll: 3, rate: 1, meetsTarget: true }),
    ]);
    expect(body.townships).toEqual([expect.objectContaining({ name: '东岭镇', enrolled: 6, shouldEnroll: 7, rate: 0.8571, meetsTarget: true })]);
    expect(body.total).toEqual({ enrolled: 6, shouldEnroll: 7, rate: 0.8571, meetsTarget: true });
  });

  it('uses the target set for the year, and another year starts from nobody enrolled', async () => {
    const { cookie } = await t.as('ncms');
    const set = await t.app.inject({ method: 'PUT', url: '/api/ncms/enrollment-targets/2025', headers: { cookie }, payload: { target: 0.9 } });
    expect(set.statusCode).toBe(200);
    const body = (await get('auditor', '/api/ncms/enrollment-rates?year=2025')).json();
    expect(body.target).toBe(0.9);
    expect(body.total).toEqual({ enrolled: 6, shouldEnroll: 7, rate: 0.8571, meetsTarget: false });
    const next = (await get('ncms', '/api/ncms/enrollment-rates?year=2026')).json();
    expect(next.target).toBe(0.85);
    // Nobody has enrolled for 2026; E has died and is no longer someone who should.
    expect(next.total).toEqual({ enrolled: 0, shouldEnroll: 6, rate: 0, meetsTarget: false });
    const forbidden = await t.app.inject({ method: 'PUT', url: '/api/ncms/enrollment-targets/2025', headers: await t.as('auditor'), payload: { target: 0.5 } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('limits the figures to the caller scope and the chosen area', async () => {
    const west = (await get('doctor_west', '/api/ncms/enrollment-rates?year=2025')).json();
    expect(west.villages.map((v: { name: string }) => v.name)).toEqual(['西岭村']);
    expect(west.total).toMatchObject({ enrolled: 3, shouldEnroll: 3 });
    const east = (await get('township', `/api/ncms/enrollment-rates?year=2025&areaId=${t.county.areas.eastVillage}`)).json();
    expect(east.total).toMatchObject({ enrolled: 3, shouldEnroll: 4, rate: 0.75 });
    expect((await get('doctor_west', `/api/ncms/enrollment-rates?year=2025&areaId=${t.county.areas.eastVillage}`)).statusCode).toBe(404);
  });

  it('compares with the target exactly and rounds the shown rate to 4 decimals', () => {
    expect(rateFigures(17, 20, 850_000)).toEqual({ enrolled: 17, shouldEnroll: 20, rate: 0.85, meetsTarget: true });
    expect(rateFigures(8499, 10000, 850_000).meetsTarget).toBe(false);
    expect(rateFigures(2, 3, 850_000).rate).toBe(0.6667);
    expect(rateFigures(0, 0, 850_000)).toEqual({ enrolled: 0, shouldEnroll: 0, rate: null, meetsTarget: null });
  });
});
