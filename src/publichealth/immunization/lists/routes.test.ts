import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { makeResidentId } from '../../../core/people/resident-id.ts';
import { XLSX_TYPE } from '../../../ncms/enrollment/roster-columns.ts';
import { addTestChild, createTestClinic } from './testing.ts';

let t: TestApp;
const ids: Record<string, number> = {};
const DAY = '2026-03-10';
const newbornId = makeResidentId('430702', '2026-01-10', 11);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  const { town, eastVillage, westVillage, community } = t.county.areas;
  const clinic = await createTestClinic(db, town);
  // 东岭村: a newborn with HepB 1 and BCG (HepB 2 overdue, IPV 1 and DTaP 1 due on the day), a 2-year-old never vaccinated.
  ids.newborn = await addTestChild(db, clinic, {
    name: '东新生',
    birthDate: '2026-01-10',
    idNumber: newbornId,
    areaId: eastVillage,
    guardianPhone: '13800000001',
    doses: [
      ['HepB', 1, '2026-01-10'],
      ['BCG', 1, '2026-01-11'],
    ],
  });
  ids.never = await addTestChild(db, clinic, { name: '东未种', birthDate: '2024-01-01', areaId: eastVillage });
  // 西岭村: a migrant living here, registered in the east village's household book; and one who moved away.
  ids.migrant = await addTestChild(db, clinic, { name: '西流动', birthDate: '2025-06-01', areaId: westVillage, householdAreaId: eastVillage, residence: 'migrant_in' });
  ids.gone = await addTestChild(db, clinic, { name: '西迁出', birthDate: '2025-06-01', areaId: westVillage, status: 'moved_away', statusDate: '2025-12-01' });
  // 北门社区 (another township).
  ids.street = await addTestChild(db, clinic, { name: '北社区', birthDate: '2025-01-01', areaId: community });
});
afterAll(() => t.close());

async function get(user: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: await t.as(user) });
}

describe('due list', () => {
  it('lists the township’s children due on the day with their doses and guardian, not the moved-away child', async () => {
    const res = await get('township', `/api/immunization/due-list?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.children.map((c: { name: string }) => c.name).sort()).toEqual(['东新生', '东未种', '西流动'].sort());
    const newborn = body.children.find((c: { name: string }) => c.name === '东新生');
    expect(newborn).toMatchObject({ guardianName: '东新生家长', guardianPhone: '13800000001', areaName: '东岭村', age: '2月龄' });
    expect(newborn.doses.map((d: { vaccine: string; dose: number; status: string }) => `${d.vaccine}${d.dose}:${d.status}`)).toEqual(['HepB2:overdue', 'IPV1:due', 'DTaP1:due']);
  });

  it('narrows to a village; a village doctor sees only theirs and gets 404 for another village', async () => {
    const west = await get('cdc', `/api/immunization/due-list?date=${DAY}&areaId=${t.county.areas.westVillage}`);
    expect(west.json().children.map((c: { name: string }) => c.name)).toEqual(['西流动']);
    expect(west.json().areaName).toBe('西岭村');
    const own = await get('doctor_east', `/api/immunization/due-list?date=${DAY}`);
    expect(own.json().children.map((c: { name: string }) => c.name).sort()).toEqual(['东新生', '东未种'].sort());
    expect((await get('doctor_east', `/api/immunization/due-list?date=${DAY}&areaId=${t.county.areas.westVillage}`)).statusCode).toBe(404);
    expect((await get('township', `/api/immunization/due-list?date=${DAY}&areaId=${t.county.areas.community}`)).statusCode).toBe(404);
  });

  it('refuses a user without the permission and a bad date', async () => {
    expect((await get('ncms', `/api/immunization/due-list?date=${DAY}`)).statusCode).toBe(403);
    const bad = await get('cdc', '/api/immunization/due-list?date=2026-02-30');
    expect(bad.statusCode).toBe(400);
  });

  it('prints the list as a workbook', async () => {
    const res = await get('township', `/api/immunization/due-list.xlsx?date=${DAY}&areaId=${t.county.areas.eastVillage}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(1, 1).text).toBe('东岭村 预防接种通知名单');
    expect(sheet.getRow(3).getCell(3).text).toBe('姓名');
    const names = [sheet.getRow(4).getCell(3).text, sheet.getRow(5).getCell(3).text];
    expect(names.sort()).toEqual(['东新生', '东未种'].sort());
    const newbornRow = [4, 5].find((r) => sheet.getRow(r).getCell(3).text === '东新生')!;
    expect(sheet.getRow(newbornRow).getCell(8).text).toBe('乙肝疫苗第2剂（逾期）、脊灰灭活疫苗第1剂、百白破疫苗第1剂');
  });
});

describe('overdue list', () => {
  it('puts the child overdue longest first', async () => {
    const res = await get('cdc', `/api/immunization/overdue?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    const names = res.json().children.map((c: { name: string }) => c.name);
    expect(names[0]).toBe('东未种');
    expect(names).toContain('北社区');
    expect(names).not.toContain('西迁出');
  });
});

describe('school check', () => {
  it('checks a JSON roster: found by ID with its missing doses, not found, summary', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/immunization/school-check?date=${DAY}`,
      headers: await t.as('township'),
      payload: { rows: [{ name: '东新生', idNumber: newbornId, className: '托一班' }, { name: '东未种', birthDate: '2024-01-01' }, { name: '北社区', birthDate: '2025-01-01' }] },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows.map((r: { name: string; outcome: string }) => [r.name, r.outcome])).toEqual([
      ['东新生', 'needs_catch_up'],
      ['东未种', 'needs_catch_up'],
      ['北社区', 'not_found'], // lives outside the township's scope
    ]);
    expect(body.summary).toMatchObject({ checked: 3, qualified: 0, needsCatchUp: 2, notFound: 1 });
  });

  it('takes the roster as a workbook and lists every bad row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(['姓名', '身份证号', '出生日期', '班级']);
    sheet.addRow(['东未种', null, '2024-01-01', '小班']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    const headers = { ...(await t.as('cdc')), 'content-type': XLSX_TYPE };
    const ok = await t.app.inject({ method: 'POST', url: `/api/immunization/school-check?date=${DAY}`, headers, payload: good });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rows[0]).toMatchObject({ name: '东未种', className: '小班', outcome: 'needs_catch_up' });

    sheet.addRow(['', null, '2024-01-01', '小班']);
    sheet.addRow(['错日期', null, '2024-13-01', '小班']);
    const bad = await t.app.inject({ method: 'POST', url: '/api/immunization/school-check', headers, payload: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.rows.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [3, '姓名'],
      [4, '出生日期'],
    ]);
  });

  it('explains a malformed JSON roster', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/immunization/school-check', headers: await t.as('cdc'), payload: { children: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/花名册应为/);
  });
});
