import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '../../core/dates.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { addFamilyWithChild, createClinics } from './registry/test-fixtures.ts';

// The registry's doses on the resident health record: in the timeline as services, so the record is in dynamic use.

let t: TestApp;
let personId: number;
const today = todayInShanghai();

beforeAll(async () => {
  t = await createTestApp();
  const clinics = await createClinics(t.handle.db, t.county);
  const child = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '档案娃', 60);
  personId = child.personId;
  const { cookie } = await t.as('township');
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: `/api${url}`, headers: { cookie }, payload });
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json();
  };
  const registered = await post('/immunization/children', { personId, clinicId: clinics.dongling, areaId: t.county.areas.eastVillage, guardianName: '档案娃妈妈' });
  await post('/immunization/batches', { institutionId: clinics.dongling, vaccine: 'BCG', manufacturer: '某公司', batchNo: 'BCG-001', expiry: addDays(today, 300), quantity: 5, receivedOn: addDays(today, -90) });
  await post(`/immunization/children/${registered.id}/doses`, { vaccine: 'BCG', date: addDays(today, -50), institutionId: clinics.dongling, vaccinator: '护士乙' });
  await post(`/records/persons/${personId}`, {});
});
afterAll(() => t.close());

async function get(username: string, url: string) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
}

describe('immunization on the health record timeline', () => {
  it('shows each dose as a service with its clinic and batch', async () => {
    const res = await get('doctor_east', `/records/persons/${personId}/timeline?modules=immunization`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { date: addDays(today, -50), module: 'immunization', kind: 'dose', title: '接种 卡介苗 第1剂', detail: '批号 BCG-001；接种人 护士乙', institutionName: '东岭镇卫生院', service: true },
    ]);
    expect(res.json().warnings).toEqual([]);
  });

  it('makes the record in dynamic use, and counts it in the use rate', async () => {
    const overview = (await get('doctor_east', `/records/persons/${personId}`)).json();
    expect(overview.dynamicUse).toMatchObject({ inUse: true, lastService: addDays(today, -50) });
    const year = (await get('township', `/records/indicators?from=${addDays(today, -364)}&to=${today}&areaId=${t.county.areas.eastVillage}`)).json();
    expect(year.total.counts).toMatchObject({ records: 1, dynamic: 1 });
    expect(year.total.useRate.rate).toBe(1);
    const before = (await get('township', `/records/indicators?from=${addDays(today, -40)}&to=${today}&areaId=${t.county.areas.eastVillage}`)).json();
    expect(before.total.counts).toMatchObject({ records: 1, dynamic: 0 });
  });
});
