import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addDays, todayInShanghai } from '../../../core/dates.ts';
import { XLSX_TYPE } from '../../../core/xlsx/read-sheet.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { addFamilyWithChild, createClinics } from '../registry/test-fixtures.ts';
import { REGISTER_COLUMNS } from './register-columns.ts';

let t: TestApp;
let clinics: Awaited<ReturnType<typeof createClinics>>;
const today = todayInShanghai();

beforeAll(async () => {
  t = await createTestApp();
  clinics = await createClinics(t.handle.db, t.county);
});
afterAll(() => t.close());

type Row = Partial<Record<(typeof REGISTER_COLUMNS)[number]['header'], string | number | Date>>;
async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('登记册');
  const headers = REGISTER_COLUMNS.map((c) => c.header);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function upload(username: string, rows: Row[], institutionId = clinics.dongling) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'POST', url: `/api/immunization/import?institutionId=${institutionId}`, headers: { cookie, 'content-type': XLSX_TYPE }, payload: await workbook(rows) });
}
const count = async (table: 'imm_dose' | 'imm_child' | 'audit_log') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('importing a clinic register', () => {
  it('imports a good file in one go: children found by ID or by name + birth date + village, new ones registered; one audit entry', async () => {
    const a = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '导入甲', 200);
    const b = await addFamilyWithChild(t.handle.db, t.county.areas.westVillage, '导入乙', 150);
    await t.as('township'); // logging in is audited too
    const before = { doses: await count('imm_dose'), children: await count('imm_child'), audit: await count('audit_log') };
    const res = await upload('township', [
      { 姓名: '导入甲', 身份证号: a.idNumber, 疫苗: '乙肝疫苗', 剂次: 1, 接种日期: new Date(`${a.birthDate}T00:00:00Z`), 监护人: '甲妈', 联系电话: '13900000001' },
      { 姓名: '导入甲', 身份证号: a.idNumber, 疫苗: 'hepb', 剂次: 2, 接种日期: addDays(a.birthDate, 35).replaceAll('-', '/'), 批号: 'OLD-1', 接种人员: '护士乙' },
      { 姓名: '导入甲', 身份证号: a.idNumber, 疫苗: 'BCG', 剂次: 1, 接种日期: a.birthDate, 接种单位: '县妇幼保健院' },
      { 姓名: '导入乙', 出生日期: b.birthDate, 村: '西岭村', 疫苗: '卡介苗', 剂次: '1', 接种日期: b.birthDate, 监护人: '乙爸' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 4, children: 2, newChildren: 2, doses: 4 });
    expect(await count('imm_dose')).toBe(before.doses + 4);
    expect(await count('imm_child')).toBe(before.children + 2);
    expect(await count('audit_log')).toBe(before.audit + 1);
    const { cookie } = await t.as('township');
    const list = (await t.app.inject({ method: 'GET', url: `/api/immunization/children?q=${a.idNumber}`, headers: { cookie } })).json();
    const record = (await t.app.inject({ method: 'GET', url: `/api/immunization/children/${list.items[0].id}`, headers: { cookie } })).json();
    expect(record).toMatchObject({ guardianName: '甲妈', guardianPhone: '13900000001', areaName: '东岭村', clinicName: '东岭镇卫生院' });
    expect(record.doses.map((d: { vaccine: string; dose: number; source: string; placeName: string; batchNo: string | null }) => [d.vaccine, d.dose, d.source, d.placeName, d.batchNo])).toEqual([
      ['HepB', 1, 'import', '东岭镇卫生院', null],
      ['BCG', 1, 'import', '县妇幼保健院', null],
      ['HepB', 2, 'import', '东岭镇卫生院', 'OLD-1'],
    ]);
  });

  it('lists every bad row with its column and writes nothing', async () => {
    const c = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '坏行丙', 300);
    const city = await addFamilyWithChild(t.handle.db, t.county.areas.community, '城里丁', 300);
    // An expired batch in the clinic's stock.
    const { cookie } = await t.as('township');
    await t.app.inject({
      method: 'POST',
      url: '/api/immunization/batches',
      headers: { cookie },
      payload: { institutionId: clinics.dongling, vaccine: 'IPV', manufacturer: '某公司', batchNo: 'IPV-OLD', expiry: addDays(today, -200), quantity: 5, receivedOn: addDays(today, -290) },
    });
    const before = { doses: await count('imm_dose'), children: await count('imm_child'), audit: await count('audit_log') };
    const base = { 姓名: '坏行丙', 身份证号: c.idNumber, 监护人: '丙妈' };
    const res = await upload('township', [
      { ...base, 疫苗: 'HepB', 剂次: 1, 接种日期: c.birthDate }, // row 2: good
      { ...base, 疫苗: 'HepB', 剂次: 3, 接种日期: addDays(c.birthDate, 200) }, // row 3: dose 2 skipped
      { ...base, 疫苗: 'XX疫苗', 剂次: 1, 接种日期: c.birthDate }, // row 4: unknown vaccine
      { ...base, 疫苗: 'BCG', 剂次: 1, 接种日期: addDays(c.birthDate, -3) }, // row 5: before birth
      { ...base, 疫苗: 'HepB', 剂次: 1, 接种日期: c.birthDate }, // row 6: duplicate of row 2
      { ...base, 疫苗: 'IPV', 剂次: 1, 接种日期: addDays(today, -100), 批号: 'IPV-OLD' }, // row 7: expired batch
      { 姓名: '城里丁', 身份证号: city.idNumber, 疫苗: 'BCG', 剂次: 1, 接种日期: city.birthDate, 监护人: '丁妈' }, // row 8: out of scope
      { 姓名: '无名', 出生日期: '2025-02-30', 疫苗: 'BCG', 剂次: 0, 接种日期: '昨天' }, // row 9: several faults
      { ...base, 疫苗: 'MMR', 剂次: 1, 接种日期: addDays(today, 1) }, // row 10: after today
    ]);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('register_invalid');
    const rows = error.details.rows as Array<{ row: number; column: string; message: string }>;
    const at = (row: number) => rows.filter((p) => p.row === row).map((p) => `${p.column}:${p.message}`);
    expect(new Set(rows.map((p) => p.row))).toEqual(new Set([3, 4, 5, 6, 7, 8, 9, 10]));
    expect(at(3)).toEqual([expect.stringMatching(/^剂次:HepB 第3剂缺少第2剂的记录/)]);
    expect(at(4)).toEqual([expect.stringMatching(/^疫苗:未知的疫苗「XX疫苗」/)]);
    expect(at(5)).toEqual([expect.stringMatching(/^接种日期:BCG 第1剂的接种日期 .* 早于出生日期/)]);
    expect(at(6)).toEqual(['剂次:HepB 第1剂与第 2 行重复']);
    expect(at(7)).toEqual([`批号:批号 IPV-OLD 已于 ${addDays(today, -200)} 过期，不能用于 ${addDays(today, -100)} 的接种`]);
    expect(at(8)).toEqual([expect.stringMatching(/^身份证号:在您的管辖范围内未找到身份证号为/)]);
    expect(at(9).map((m) => m.split(':')[0])).toEqual(expect.arrayContaining(['村', '出生日期', '剂次', '接种日期']));
    expect(at(10)).toEqual([expect.stringMatching(/^接种日期:接种日期 .* 不能晚于今天/)]);
    expect(error.message).toMatch(/^接种登记册有 8 行有误，未导入任何数据。第 3 行「剂次」/);
    expect({ doses: await count('imm_dose'), children: await count('imm_child'), audit: await count('audit_log') }).toEqual(before);
  });

  it('checks against the records already held: a duplicate and a skipped dose across file and database', async () => {
    const d = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '已有戊', 120);
    const first = await upload('township', [{ 姓名: '已有戊', 身份证号: d.idNumber, 疫苗: 'HepB', 剂次: 1, 接种日期: d.birthDate, 监护人: '戊妈' }]);
    expect(first.statusCode, first.body).toBe(200);
    const second = await upload('township', [
      { 姓名: '已有戊', 身份证号: d.idNumber, 疫苗: 'HepB', 剂次: 1, 接种日期: d.birthDate },
      { 姓名: '已有戊', 身份证号: d.idNumber, 疫苗: 'HepB', 剂次: 3, 接种日期: addDays(d.birthDate, 100) },
    ]);
    expect(second.statusCode).toBe(400);
    expect(second.json().error.details.rows).toEqual([
      { row: 2, column: '剂次', message: `该儿童已有 HepB 第1剂的记录（${d.birthDate}），不能重复导入` },
      { row: 3, column: '剂次', message: expect.stringMatching(/缺少第2剂/) },
    ]);
    // Dose 2 in the file makes dose 3 valid; the existing dose 1 is not imported again.
    const third = await upload('township', [
      { 姓名: '已有戊', 身份证号: d.idNumber, 疫苗: 'HepB', 剂次: 3, 接种日期: addDays(d.birthDate, 100) },
      { 姓名: '已有戊', 身份证号: d.idNumber, 疫苗: 'HepB', 剂次: 2, 接种日期: addDays(d.birthDate, 40) },
    ]);
    expect(third.statusCode, third.body).toBe(200);
    expect(third.json()).toMatchObject({ children: 1, newChildren: 0, doses: 2 });
  });

  it('asks for a guardian for a child without a record, and refuses a village doctor', async () => {
    const e = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '无监护己', 100);
    const res = await upload('township', [{ 姓名: '无监护己', 身份证号: e.idNumber, 疫苗: 'BCG', 剂次: 1, 接种日期: e.birthDate }]);
    expect(res.json().error.details.rows).toEqual([{ row: 2, column: '监护人', message: expect.stringContaining('请在其任一行填写监护人') }]);
    expect((await upload('doctor_east', [{ 姓名: '无监护己', 身份证号: e.idNumber, 疫苗: 'BCG', 剂次: 1, 接种日期: e.birthDate }])).statusCode).toBe(403);
  });

  it('offers a template whose headers the import reads', async () => {
    const { cookie } = await t.as('township');
    const res = await t.app.inject({ method: 'GET', url: '/api/immunization/import/template.xlsx', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTER_COLUMNS.map((c) => c.header));
  });
});
