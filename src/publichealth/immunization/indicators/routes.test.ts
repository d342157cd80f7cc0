import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { addTestChild, createTestClinic } from '../lists/testing.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  const { town, eastVillage, westVillage, community } = t.county.areas;
  const clinic = await createTestClinic(db, town);
  await addTestChild(db, clinic, {
    name: '东新生',
    birthDate: '2026-01-10',
    areaId: eastVillage,
    certificateIssuedOn: '2026-01-20',
    doses: [
      ['HepB', 1, '2026-01-10'],
      ['BCG', 1, '2026-01-11'],
    ],
  });
  await addTestChild(db, clinic, { name: '东未种', birthDate: '2024-01-01', areaId: eastVillage });
  await addTestChild(db, clinic, { name: '西流动', birthDate: '2025-06-01', areaId: westVillage, householdAreaId: eastVillage, residence: 'migrant_in', doses: [['MMR', 1, '2026-07-01']] });
  await addTestChild(db, clinic, { name: '西迁出', birthDate: '2025-06-01', areaId: westVillage, status: 'moved_away', statusDate: '2025-12-01' });
  await addTestChild(db, clinic, { name: '北社区', birthDate: '2025-01-01', areaId: community, doses: [['MMR', 1, '2025-09-01']] });
});
afterAll(() => t.close());

async function coverage(user: string, query: string) {
  return t.app.inject({ method: 'GET', url: `/api/immunization/coverage?${query}`, headers: await t.as(user) });
}

type Figures = { key: string; eligible: number; given: number; timely: number; coverage: number | null; timeliness: number | null };
const dose = (area: { doses: Figures[] }, key: string) => area.doses.find((d) => d.key === key)!;

describe('coverage indicators', () => {
  it('gives each township’s figures with the definitions; migrants count where they live, a child gone before the age does not', async () => {
    const res = await coverage('cdc', 'period=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.period).toMatchObject({ id: '2026', name: '2026年', from: '2026-01-01' });
    expect(body.definitions.coverage).toMatch(/接种率 = 接种人数 ÷ 应种人数/);
    expect(body.doses.find((d: { key: string }) => d.key === 'MMR-1')).toMatchObject({
      name: '麻腮风疫苗 第1剂',
      completeBy: '满1岁前',
      definition: expect.stringContaining('应种 = 统计期内达到应完成接种年龄（满1岁前）'),
    });
    expect(body.areas.map((a: { name: string }) => a.name)).toEqual(['城关街道', '东岭镇']);
    const [street, town] = body.areas;
    // MMR 1 (complete by 12 months): 西流动 turns 1 on 2026-06-01 and got it late in July; 北社区 on 2026-01-01, timely.
    expect(dose(town, 'MMR-1')).toMatchObject({ eligible: 1, given: 1, timely: 0, coverage: 1, timeliness: 0 });
    expect(dose(street, 'MMR-1')).toMatchObject({ eligible: 1, given: 1, timely: 1, coverage: 1, timeliness: 1 });
    expect(dose(body.total, 'HepB-1')).toMatchObject({ eligible: 1, given: 1, timely: 1 });
    expect(dose(body.total, 'polio-1')).toMatchObject({ eligible: 1, given: 0, coverage: 0 });
    expect(town.certificate).toEqual({ managed: 3, migrants: 1, certified: 1, rate: 0.3333 });
    expect(body.total.certificate.managed).toBe(4);
  });

  it('lists villages for a township, and answers null rates (无数据) for a period nobody is due in', async () => {
    const res = await coverage('township', 'period=2026-Q3&level=village');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.areas.map((a: { name: string }) => a.name)).toEqual(['东岭村', '西岭村']);
    expect(dose(body.areas[1], 'MMR-1')).toMatchObject({ eligible: 0, coverage: null, timeliness: null });
    const empty = (await coverage('cdc', 'period=2020')).json();
    for (const d of empty.total.doses) expect(d).toMatchObject({ eligible: 0, coverage: null, timeliness: null, meetsTarget: null });
    expect(empty.total.certificate.rate).toBeNull();
  });

  it('keeps to the caller’s scope: 404 for another village or township, 403 without the permission, 400 for a bad period', async () => {
    // A village doctor asking by township still gets the village, named as such.
    const own = (await coverage('doctor_west', 'period=2026&level=township')).json();
    expect(own).toMatchObject({ level: 'village', areaName: '西岭村' });
    expect(own.areas.map((a: { name: string }) => a.name)).toEqual(['西岭村']);
    expect((await coverage('doctor_west', `period=2026&areaId=${t.county.areas.eastVillage}`)).statusCode).toBe(404);
    expect((await coverage('township', `period=2026&areaId=${t.county.areas.street}`)).statusCode).toBe(404);
    expect((await coverage('ncms', 'period=2026')).statusCode).toBe(403);
    const bad = await coverage('cdc', 'period=2026-Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'period' });
  });
});

describe('a period still running', () => {
  it('is counted up to today: a child reaching the age later in the period is not yet eligible', async () => {
    const { coverageIndicators } = await import('./coverage-service.ts');
    const actor = { userId: null, name: 'test', role: 'cdc_staff' as const, institutionId: null, scope: { areaId: t.county.areas.county, path: '/' } };
    // 西流动 turns 1 on 2026-06-01: not yet eligible for MMR 1 on 2026-05-15, eligible once the year is over.
    const running = await coverageIndicators(t.handle.db, actor, { period: '2026' }, '2026-05-15');
    expect(running.period).toMatchObject({ to: '2026-05-15', complete: false });
    const ended = await coverageIndicators(t.handle.db, actor, { period: '2026' }, '2027-01-10');
    expect(ended.period).toMatchObject({ to: '2026-12-31', complete: true });
    expect(dose(ended.total, 'MMR-1').eligible - dose(running.total, 'MMR-1').eligible).toBe(1);
  });
});

describe('several periods from one load', () => {
  it('answers each period as it is answered alone, an ended village included only while its window has children', async () => {
    const { coverageIndicators, coverageIndicatorsOfPeriods } = await import('./coverage-service.ts');
    const actor = { userId: null, name: 'test', role: 'cdc_staff' as const, institutionId: null, scope: { areaId: t.county.areas.county, path: '/' } };
    const db = t.handle.db;
    const west = t.county.areas.westVillage;
    // 西岭村 ended before 2025: shown for a period only while children born in that period's window live there (its two
    // are born 2025-06-01, so not in 2025-03's window, though in the union of the run's windows).
    await db.updateTable('area').set({ valid_to: '2024-12-31' }).where('id', '=', west).execute();
    try {
      const periods = ['2025-03', '2025-06', '2026-01', '2026-06', '2026-07', '2026-Q1', '2026'];
      for (const level of ['village', 'township'] as const) {
        const run = await coverageIndicatorsOfPeriods(db, actor, { periods, level }, '2026-06-15');
        const alone = [];
        for (const period of periods) alone.push(await coverageIndicators(db, actor, { period, level }, '2026-06-15'));
        expect(run).toEqual(alone);
      }
      const [march, june] = await coverageIndicatorsOfPeriods(db, actor, { periods: ['2025-03', '2026-06'], level: 'village' }, '2026-06-15');
      expect(march!.areas.some((a) => a.areaId === west)).toBe(false);
      expect(june!.areas.some((a) => a.areaId === west)).toBe(true);
      expect(june!.period).toMatchObject({ to: '2026-06-15', complete: false });
    } finally {
      await db.updateTable('area').set({ valid_to: null }).where('id', '=', west).execute();
    }
  });
});
