import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { todayInShanghai } from '../dates.ts';
import { bandCutoffs, yearsBefore } from './age-bands.ts';

let t: TestApp;
const today = todayInShanghai();

// Residents of the tiny county, by hand: [village, sex, age in years (0 = born today), alive].
const PEOPLE: Array<['eastVillage' | 'westVillage' | 'community', 'M' | 'F', number, boolean]> = [
  ['eastVillage', 'M', 65, true], // 65+ on the very birthday
  ['eastVillage', 'F', 34, true],
  ['eastVillage', 'M', 0, true],
  ['eastVillage', 'F', 40, true],
  ['eastVillage', 'F', 80, false], // deceased: not counted
  ['westVillage', 'M', 7, true],
  ['westVillage', 'F', 70, true],
  ['community', 'M', 15, true],
];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  const { areas } = t.county;
  // Two households in 东岭村, one in 西岭村, one in 北门社区.
  const householdOf: Record<string, number[]> = {};
  for (const [key, n] of [['eastVillage', 2], ['westVillage', 1], ['community', 1]] as const) {
    householdOf[key] = [];
    for (let i = 1; i <= n; i++) {
      const { id } = await db
        .insertInto('household')
        .values({ area_id: areas[key], household_no: String(i).padStart(4, '0') })
        .returning('id')
        .executeTakeFirstOrThrow();
      householdOf[key].push(id);
    }
  }
  for (const [i, [key, sex, age, alive]] of PEOPLE.entries()) {
    await db
      .insertInto('person')
      .values({
        household_id: householdOf[key]![i % householdOf[key]!.length]!,
        name: `居民${i}`,
        sex,
        birth_date: yearsBefore(today, age),
        status: alive ? 'alive' : 'deceased',
        status_date: alive ? null : today,
      })
      .execute();
  }
  const institutions = [
    ['H001', 'county_hospital', 'county', areas.county, true],
    ['T001', 'township_hc', 'township', areas.town, true],
    ['V001', 'village_clinic', 'village', areas.eastVillage, true],
    ['V002', 'village_clinic', 'village', areas.westVillage, true],
    ['V003', 'village_clinic', 'village', areas.westVillage, false], // closed: not counted
  ] as const;
  for (const [code, kind, level, areaId, active] of institutions) {
    await db.insertInto('institution').values({ code, name: code, kind, level, area_id: areaId, active }).execute();
  }
});
afterAll(() => t.close());

async function overview(user: string) {
  const { cookie } = await t.as(user);
  const res = await t.app.inject({ method: 'GET', url: '/api/overview', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('age bands', () => {
  it('turns 7 on the seventh birthday, and a 29 February birthday counts from the 28th in common years', () => {
    expect(bandCutoffs('2026-11-23')).toEqual([
      { band: 4, bornOnOrBefore: '1961-11-23' },
      { band: 3, bornOnOrBefore: '1991-11-23' },
      { band: 2, bornOnOrBefore: '2011-11-23' },
      { band: 1, bornOnOrBefore: '2019-11-23' },
    ]);
    expect(yearsBefore('2028-02-29', 7)).toBe('2021-02-28');
  });
});

describe('GET /api/overview', () => {
  it('counts the whole county for the bureau admin', async () => {
    const o = await overview('admin');
    expect(o).toMatchObject({ townships: 2, villages: 3, households: 4, residents: 7, byLevel: 'township' });
    expect(o.residentsByArea).toEqual([
      { areaId: t.county.areas.street, name: '城关街道', count: 1 },
      { areaId: t.county.areas.town, name: '东岭镇', count: 6 },
    ]);
    expect(o.institutionsByKind).toEqual([
      { kind: 'village_clinic', name: '村卫生室', count: 2 },
      { kind: 'county_hospital', name: '县人民医院/综合医院', count: 1 },
      { kind: 'township_hc', name: '乡镇卫生院', count: 1 },
    ]);
    expect(o.pyramid).toEqual([
      { band: '0-6岁', male: 1, female: 0 },
      { band: '7-14岁', male: 1, female: 0 },
      { band: '15-34岁', male: 1, female: 1 },
      { band: '35-64岁', male: 0, female: 1 },
      { band: '65岁及以上', male: 1, female: 1 },
    ]);
  });

  it('breaks a township down by village', async () => {
    const o = await overview('township');
    expect(o).toMatchObject({ townships: 1, villages: 2, households: 3, residents: 6, byLevel: 'village' });
    expect(o.residentsByArea.map((a: { name: string; count: number }) => [a.name, a.count])).toEqual([
      ['东岭村', 4],
      ['西岭村', 2],
    ]);
  });

  it('shows a village doctor only their own village', async () => {
    const o = await overview('doctor_west');
    expect(o).toMatchObject({ townships: 0, villages: 1, households: 1, residents: 2, byLevel: 'village' });
    expect(o.residentsByArea).toEqual([{ areaId: t.county.areas.westVillage, name: '西岭村', count: 2 }]);
    expect(o.institutionsByKind).toEqual([{ kind: 'village_clinic', name: '村卫生室', count: 1 }]);
    expect(o.pyramid.map((b: { male: number; female: number }) => b.male + b.female)).toEqual([0, 1, 0, 0, 1]);
  });

  it('refuses a caller who is not logged in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/overview' });
    expect(res.statusCode).toBe(401);
  });
});
