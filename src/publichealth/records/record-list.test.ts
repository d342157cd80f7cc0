import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor, type Actor } from '../../core/auth/actor.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import { createHousehold } from '../../core/people/households.ts';
import { setPersonStatus } from '../../core/people/persons.ts';
import { createRecord } from './records.ts';
import { recordIndicators } from './indicators.ts';
import { listRecords } from './record-list.ts';
import type { RecordListStatus } from './list-statuses.ts';
import { registerTimelineProvider } from './timeline/registry.ts';

let t: TestApp;
const ids: Record<string, number> = {};
const actors: Record<string, Actor> = {};
let removeProvider: () => void;
const PERIOD = { to: '2024-12-31' };

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.handle;
  const { eastVillage, westVillage } = t.county.areas;
  const m = (name: string, relation: string) => ({ name, sex: 'M' as const, birthDate: '1950-01-01', relation });
  await createHousehold(db, systemActor(), { areaId: eastVillage, address: '一组', members: [m('甲', 'head'), m('乙', 'son'), m('丙', 'son'), m('丁', 'son'), m('己', 'son')] });
  await createHousehold(db, systemActor(), { areaId: westVillage, address: '一组', members: [m('戊', 'head')] });
  for (const p of await db.selectFrom('person').select(['id', 'name']).execute()) ids[p.name] = p.id;
  for (const u of ['doctor_east', 'doctor_west', 'township', 'admin']) actors[u] = (await actorForUser(db, t.county.userIds[u]!))!;
  const doctor = actors.doctor_east!;
  await createRecord(db, doctor, ids['甲']!, { createdOn: '2024-03-01' });
  await createRecord(db, doctor, ids['乙']!, { createdOn: '2024-06-01', medium: 'paper' });
  await createRecord(db, doctor, ids['丙']!, { createdOn: '2025-02-01' }); // after the period: 未建档 as of its end
  await createRecord(db, doctor, ids['己']!, { createdOn: '2024-01-01' });
  await setPersonStatus(db, systemActor(), ids['己']!, { status: 'deceased', date: '2024-05-01' }); // leaves list and figures
  // 乙's record has every required item (the stored list of missing items is what the indicators count).
  await db.updateTable('health_record').set({ missing_items: [] }).where('person_id', '=', ids['乙']!).execute();
  // A service module that served 甲 within 2024 and 乙 before it.
  const served: Record<number, string> = { [ids['甲']!]: '2024-09-09', [ids['乙']!]: '2023-01-01' };
  removeProvider = registerTimelineProvider({
    module: 'test_visits',
    label: '测试就诊',
    fetch: async () => [],
    servedPersons: (d, _actor, range) => {
      const inRange = Object.keys(served).map(Number).filter((id) => served[id]! >= range.from && served[id]! <= range.to);
      return d.selectFrom('person').select('person.id as person_id').where('person.id', 'in', [...inRange, -1]); // never an empty in ()
    },
  });
});
afterAll(async () => {
  removeProvider();
  await t.close();
});

const names = async (actor: Actor, filter: Parameters<typeof listRecords>[2] = {}) => (await listRecords(t.handle.db, actor, { ...PERIOD, ...filter })).items.map((i) => i.person.name).sort();

describe('健康档案名单', () => {
  it("lists an area's living residents with their record as of the period's end", async () => {
    const list = await listRecords(t.handle.db, actors.township!, { ...PERIOD, areaId: t.county.areas.eastVillage });
    expect(list.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    const byName = Object.fromEntries(list.items.map((i) => [i.person.name, i.record]));
    expect(Object.keys(byName).sort()).toEqual(['丁', '丙', '乙', '甲']);
    expect(byName['丙']).toBeNull();
    expect(byName['丁']).toBeNull();
    expect(byName['甲']).toMatchObject({ createdOn: '2024-03-01', medium: 'electronic', complete: false, inUse: true });
    expect(byName['甲']!.recordNo).toMatch(/^430702100200\d{5}$/);
    expect(byName['甲']!.missing).toContain('责任医生');
    expect(byName['乙']).toMatchObject({ medium: 'paper', complete: true, missing: [], inUse: false });
    expect(list.total).toBe(4);
  });

  it("each filter's count is the indicator's numerator or the part missing from it", async () => {
    const { town } = t.county.areas;
    const { total: figures } = await recordIndicators(t.handle.db, systemActor(), { from: '2024-01-01', to: '2024-12-31', areaId: town });
    const count = async (status?: RecordListStatus) => (await listRecords(t.handle.db, actors.township!, { ...PERIOD, areaId: town, status })).total;
    expect(figures.counts).toEqual({ residents: 5, records: 2, electronic: 1, dynamic: 1, complete: 1 });
    expect(await count()).toBe(figures.recordRate.denominator);
    expect(await count('with')).toBe(figures.recordRate.numerator);
    expect(await count('without')).toBe(figures.recordRate.denominator - figures.recordRate.numerator);
    expect(await count('incomplete')).toBe(figures.completenessRate.denominator - figures.completenessRate.numerator);
    expect(await count('unused')).toBe(figures.useRate.denominator - figures.useRate.numerator);
    expect((await listRecords(t.handle.db, actors.township!, { ...PERIOD, areaId: town })).summary.counts).toEqual(figures.counts);
    expect(await names(actors.township!, { areaId: town, status: 'without' })).toEqual(['丁', '丙', '戊']);
    // Today 丙 has a record too.
    expect(await names(actors.township!, { areaId: town, status: 'without', to: undefined })).toEqual(['丁', '戊']);
  });

  it('keeps to the reader: a village doctor their village, a township its township; 404 outside', async () => {
    expect(await names(actors.doctor_west!)).toEqual(['戊']);
    expect(await names(actors.doctor_east!)).toEqual(['丁', '丙', '乙', '甲']);
    await expect(listRecords(t.handle.db, actors.doctor_east!, { areaId: t.county.areas.westVillage })).rejects.toMatchObject({ status: 404 });
    expect(await names(actors.township!)).toEqual(['丁', '丙', '乙', '戊', '甲']);
    await expect(listRecords(t.handle.db, actors.township!, { areaId: t.county.areas.community })).rejects.toMatchObject({ status: 404 });
  });

  it('over HTTP: scoped, checked, and in the OpenAPI document', async () => {
    const { cookie } = await t.as('doctor_west');
    const own = await t.app.inject({ method: 'GET', url: '/api/records?to=2024-12-31', headers: { cookie } });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ total: 1, items: [{ person: { name: '戊' }, record: null }], summary: { recordRate: { numerator: 0, denominator: 1 } } });
    expect((await t.app.inject({ method: 'GET', url: `/api/records?areaId=${t.county.areas.eastVillage}`, headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/records?status=nope', headers: { cookie } })).statusCode).toBe(400);
    const { cookie: ncms } = await t.as('ncms');
    expect((await t.app.inject({ method: 'GET', url: '/api/records', headers: { cookie: ncms } })).statusCode).toBe(403);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.json().paths['/api/records'].get.responses['200']).toBeDefined();
  });
});
