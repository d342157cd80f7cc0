import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../auth/actor.ts';
import { createHousehold } from './households.ts';
import { cappedCount, scopedPersons } from './person-query.ts';
import { findPersonAnywhere } from './persons.ts';
import { exportPersonsXlsx } from './person-export.ts';
import { makeResidentId } from './resident-id.ts';

let t: TestApp;
const oldId = makeResidentId('430702', '1965-03-02', 123); // also written the old way: 430702650302123
const ids = {
  zhangsan: makeResidentId('430702', '1970-01-01', 11),
  zhangsanfeng: makeResidentId('430702', '1971-01-01', 13),
  lizhang: makeResidentId('430702', '1972-01-01', 16),
  wangpct: makeResidentId('430702', '1973-01-01', 17),
  wangwu: makeResidentId('430702', '1974-01-01', 19),
};

beforeAll(async () => {
  t = await createTestApp();
  const actor = systemActor();
  const { eastVillage, westVillage } = t.county.areas;
  await createHousehold(t.handle.db, actor, {
    areaId: eastVillage,
    address: '东岭村一组',
    members: [
      { name: '张三', idNumber: ids.zhangsan, relation: 'head' },
      { name: '李张', idNumber: ids.lizhang, relation: 'spouse' },
      { name: '老张', idNumber: oldId, relation: 'parent' },
    ],
  });
  await createHousehold(t.handle.db, actor, {
    areaId: westVillage,
    address: '西岭村二组',
    members: [
      { name: '张三丰', idNumber: ids.zhangsanfeng, relation: 'head' },
      { name: '王%五', idNumber: ids.wangpct, relation: 'son' },
      { name: '王五', idNumber: ids.wangwu, relation: 'son' },
    ],
  });
});
afterAll(() => t.close());

async function get(username: string, url: string) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}
const namesOf = (res: { json(): { items: Array<{ name: string }> } }) => res.json().items.map((p) => p.name);

describe('person search', () => {
  it('finds a whole ID exactly, typed as 18 characters or the old 15 digits', async () => {
    expect(namesOf(await get('admin', `/api/persons?q=${ids.zhangsan}`))).toEqual(['张三']);
    expect(namesOf(await get('admin', '/api/persons?q=430702650302123'))).toEqual(['老张']);
    const wrongCheck = ids.zhangsan.slice(0, 17) + (ids.zhangsan.endsWith('1') ? '2' : '1');
    expect(namesOf(await get('admin', `/api/persons?q=${wrongCheck}`))).toEqual([]);
  });

  it('treats other text as the start of a name, with % and _ as plain characters', async () => {
    expect(namesOf(await get('admin', `/api/persons?q=${encodeURIComponent('张')}`))).toEqual(['张三', '张三丰']);
    expect(namesOf(await get('admin', `/api/persons?q=${encodeURIComponent('王%')}`))).toEqual(['王%五']);
    expect(namesOf(await get('admin', `/api/persons?q=${encodeURIComponent('_')}`))).toEqual([]);
  });

  it('narrows to an area with everything below it, and by status', async () => {
    const town = await get('admin', `/api/persons?areaId=${t.county.areas.town}`);
    expect(town.json()).toMatchObject({ total: 6, totalCapped: false, page: 1, pageSize: 20 });
    const west = await get('admin', `/api/persons?areaId=${t.county.areas.westVillage}`);
    expect(west.json().items.every((p: { areaName: string }) => p.areaName === '西岭村')).toBe(true);
    expect(west.json().total).toBe(3);
    expect((await get('admin', '/api/persons?status=deceased')).json().total).toBe(0);
  });

  it('pages through the list', async () => {
    const all = namesOf(await get('admin', '/api/persons?pageSize=200'));
    const second = await get('admin', '/api/persons?page=2&pageSize=2');
    expect(namesOf(second)).toEqual(all.slice(2, 4));
    expect(second.json().total).toBe(6);
  });

  it('stops counting at the cap and says so', async () => {
    const query = scopedPersons(t.handle.db, systemActor());
    expect(await cappedCount(t.handle.db, query, 4)).toEqual({ total: 4, totalCapped: true });
    expect(await cappedCount(t.handle.db, query, 6)).toEqual({ total: 6, totalCapped: false });
  });

  it('takes the total from a page that is not full, and counts when the page is full', async () => {
    const totals = async (url: string) => (await get('admin', url)).json().total;
    expect(await totals('/api/persons?page=3&pageSize=4')).toBe(6); // past the end: counted
    expect(await totals('/api/persons?page=2&pageSize=4')).toBe(6); // 2 rows after 4
    expect(await totals('/api/persons?page=1&pageSize=3')).toBe(6); // full page: counted
    expect(await totals('/api/persons?q=张&pageSize=1')).toBe(2);
    expect(await totals(`/api/persons?q=${ids.wangwu}`)).toBe(1);
    expect(await totals('/api/households?page=1&pageSize=1')).toBe((await get('admin', '/api/households?pageSize=200')).json().items.length);
  });

  it('shows a person with their household members, head first', async () => {
    const found = (await get('admin', `/api/persons?q=${ids.lizhang}`)).json().items[0];
    const res = await get('admin', `/api/persons/${found.id}`);
    expect(res.json()).toMatchObject({ name: '李张', sex: 'F', relation: 'spouse', household: { address: '东岭村一组' } });
    expect(res.json().household.members.map((m: { name: string }) => m.name)).toEqual(['张三', '李张', '老张']);
  });

  it('lists households with head and member count, findable by a member’s ID or the 户编号', async () => {
    const byMember = await get('admin', `/api/households?q=${ids.wangwu}`);
    expect(byMember.json().items).toEqual([expect.objectContaining({ headName: '张三丰', headIdNumber: ids.zhangsanfeng, memberCount: 3, areaName: '西岭村' })]);
    const byHead = await get('admin', `/api/households?q=${encodeURIComponent('张三')}`);
    expect(byHead.json().items.map((h: { headName: string }) => h.headName)).toEqual(['张三', '张三丰']);
    const byNo = await get('admin', `/api/households?q=1&areaId=${t.county.areas.westVillage}`);
    expect(byNo.json().items).toEqual([expect.objectContaining({ householdNo: '0001', areaName: '西岭村' })]);
  });
});

it('finds a person anywhere in the county by id or ID number, with the village code, for county-wide care', async () => {
  const db = t.handle.db;
  const west = await findPersonAnywhere(db, { idNumber: ids.wangwu });
  expect(west).toMatchObject({ name: '王五', areaId: t.county.areas.westVillage, areaCode: '430702100201' });
  expect(west!.areaPath).toMatch(/^\/\d+\/\d+\/\d+\/$/);
  expect(await findPersonAnywhere(db, { id: west!.id })).toEqual(west);
  expect((await findPersonAnywhere(db, { idNumber: '430702650302123' }))?.name).toBe('老张');
  expect(await findPersonAnywhere(db, { idNumber: 'not an id' })).toBeNull();
  expect(await findPersonAnywhere(db, { id: 987654 })).toBeNull();
});

it('documents the people routes and serves the relation table', async () => {
  const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(Object.keys(docs.json().paths)).toEqual(expect.arrayContaining(['/api/persons', '/api/persons/export.xlsx', '/api/households/{id}/members', '/api/relations']));
  const relations = await get('doctor_east', '/api/relations');
  expect(relations.json()).toContainEqual({ code: 'parent_in_law', name: '岳父母/公婆' });
});

describe('export', () => {
  it('writes the listed persons to a workbook with Chinese headers and IDs as text', async () => {
    const res = await get('admin', `/api/persons/export.xlsx?areaId=${t.county.areas.eastVillage}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('人员名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '性别', '出生日期', '与户主关系', '状态', '状态日期', '户编号', '所属村（社区）', '家庭住址', '联系电话', '民族']);
    expect(sheet.rowCount).toBe(4);
    const zhang = sheet.getRow(2);
    expect([zhang.getCell(1).value, zhang.getCell(2).value, zhang.getCell(3).value, zhang.getCell(5).value, zhang.getCell(6).value]).toEqual(['张三', ids.zhangsan, '男', '户主', '在册']);
    const audit = await t.handle.db.selectFrom('audit_log').select('after').where('action', '=', 'export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: 3 });
  });

  it('refuses an export beyond the row limit instead of cutting it short', async () => {
    await expect(exportPersonsXlsx(t.handle.db, systemActor(), {}, 5)).rejects.toMatchObject({ code: 'export_too_large', status: 400 });
  });
});
