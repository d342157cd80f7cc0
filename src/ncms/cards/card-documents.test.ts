import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { systemActor } from '../../core/auth/actor.ts';
import { pdfText } from '../../core/pdf/pdf-text.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeExampleScheme, addHousehold } from '../testing/enrollment-fixtures.ts';
import { enrollHousehold } from '../enrollment/enrollment.ts';
import { renderCards } from './card-pdf.ts';
import type { HouseholdCardView } from './card-records.ts';

let t: TestApp;
let family: Awaited<ReturnType<typeof addHousehold>>;
let single: Awaited<ReturnType<typeof addHousehold>>;
let unenrolled: Awaited<ReturnType<typeof addHousehold>>;
const east = () => t.county.areas.eastVillage;

beforeAll(async () => {
  t = await createTestApp();
  await activeExampleScheme(t.handle.db, 2025);
  const system = systemActor('东岭村医');
  family = await addHousehold(t.handle.db, east(), ['王建国', '李桂兰', '王小明']);
  single = await addHousehold(t.handle.db, east(), ['赵大山']);
  unenrolled = await addHousehold(t.handle.db, east(), ['钱未参']);
  const enroll = (householdId: number, receiptNo: string, members: Array<{ personId: number; category: string }>) =>
    enrollHousehold(t.handle.db, system, { householdId, year: 2025, collectedOn: '2025-01-10', receiptNo, members });
  await enroll(family.id, 'SJ-0001', [
    { personId: family.members[0]!.id, category: 'self_paid' },
    { personId: family.members[1]!.id, category: 'self_paid' },
    { personId: family.members[2]!.id, category: 'dibao' },
  ]);
  await enroll(single.id, 'SJ-0002', [{ personId: single.members[0]!.id, category: 'self_paid' }]);
  const { cookie } = await t.as('doctor_east');
  const res = await t.app.inject({ method: 'POST', url: '/api/ncms/cards/issue-village', headers: { cookie }, payload: { areaId: east(), year: 2025, issuedOn: '2025-02-01' } });
  expect(res.json().issued).toHaveLength(2);
});
afterAll(() => t.close());

async function get(username: string, url: string) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}
const lines = (page: string) => page.split('\n');

describe('printed documents', () => {
  it('prints a household’s card: cover with county, number, head, village, issue date; members with numbers and category', async () => {
    const res = await get('doctor_east', `/api/ncms/cards/households/${family.id}/card.pdf?year=2025`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="4307021002000001.pdf"; filename*=UTF-8''${encodeURIComponent('合作医疗证-4307021002000001.pdf')}`);
    const [page, ...more] = await pdfText(res.rawPayload);
    expect(more).toEqual([]);
    expect(lines(page!)).toEqual(expect.arrayContaining(['清河县', '新型农村合作医疗证', '证号：4307021002000001', '户主：王建国', '所在村：东岭镇东岭村', '发证日期：2025-02-01', '01', '王建国', '李桂兰', '王小明', '低保']));
    expect(lines(page!).filter((l) => l === '自缴')).toHaveLength(2);

    const none = await get('doctor_east', `/api/ncms/cards/households/${unenrolled.id}/card.pdf?year=2025`);
    expect(none.json().error).toMatchObject({ code: 'no_card', message: expect.stringContaining('还没有有效的合作医疗证') });
  });

  it('prints every valid card of a village, one per page', async () => {
    const res = await get('township', `/api/ncms/cards/villages/${east()}/cards.pdf?year=2025`);
    expect(res.statusCode).toBe(200);
    const pages = await pdfText(res.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('证号：4307021002000001');
    expect(pages[1]).toContain('证号：4307021002000002');
    expect(pages[1]).toContain('赵大山');
    expect((await get('doctor_west', `/api/ncms/cards/villages/${east()}/cards.pdf?year=2025`)).statusCode).toBe(404);
  });

  it('prints the contribution receipt: members, categories, amounts, totals in figures and capitals, collector', async () => {
    const res = await get('doctor_east', `/api/ncms/cards/households/${family.id}/receipt.pdf?year=2025`);
    expect(res.statusCode).toBe(200);
    const [page] = await pdfText(res.rawPayload);
    expect(lines(page!)).toEqual(
      expect.arrayContaining(['清河县新型农村合作医疗参合缴费收据', '收据号：SJ-0001', '缴费日期：2025-01-10', '合作医疗证号：4307021002000001', '王小明', '民政部门代缴', '个人缴纳合计', '800.00', '400.00', '本户实缴金额（大写）：人民币捌佰元整', '收款人：东岭村医']),
    );
    const none = await get('doctor_east', `/api/ncms/cards/households/${unenrolled.id}/receipt.pdf?year=2025`);
    expect(none.json().error.code).toBe('not_enrolled');
  });

  it('prints the village collection list (PDF and Excel) with every household, totals by category and signature lines', async () => {
    const pdf = await get('doctor_east', `/api/ncms/cards/villages/${east()}/collection.pdf?year=2025`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('参合费收缴清单-东岭村-2025.pdf'));
    const text = lines((await pdfText(pdf.rawPayload)).join('\n'));
    expect(text).toEqual(expect.arrayContaining(['东岭镇东岭村 2025 年度新农合参合费收缴清单', '王建国', '赵大山', '钱未参', '未参合', '合计（3 户，参合 2 户）', '1200.00', '按参合类别汇总', '本村实收个人缴费（大写）：人民币壹仟贰佰元整（¥1200.00）']));
    expect(text.some((l) => l.startsWith('乡镇财政所接收人签字'))).toBe(true);

    const xlsx = await get('doctor_east', `/api/ncms/cards/villages/${east()}/collection.xlsx?year=2025`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('收缴清单')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[2]).toEqual(['户编号', '户主', '户人数', '参合人数', '自缴人数', '个人缴纳（元）', '代缴人数', '代缴金额（元）', '收据号', '备注']);
    expect(rows[3]).toEqual([family.householdNo, '王建国', 3, 3, 2, 800, 1, 400, 'SJ-0001', '']);
    expect(rows[5]!.slice(0, 2)).toEqual([unenrolled.householdNo, '钱未参']);
    expect(rows[5]![9]).toBe('未参合');
    expect(rows[6]!.slice(1, 8)).toEqual(['合计（3 户，参合 2 户）', 5, 4, 3, 1200, 1, 400]);
    expect(rows).toContainEqual(['低保', '民政部门代缴', 1, 400]);
    expect(rows).toContainEqual(['乡镇财政所接收人签字：', '']);
    expect((await get('doctor_west', `/api/ncms/cards/villages/${east()}/collection.xlsx?year=2025`)).statusCode).toBe(404);
  });

  it('renders a village of 400 households’ cards, one page each', async () => {
    const card = (i: number): HouseholdCardView => ({
      householdId: i,
      householdNo: String(i).padStart(4, '0'),
      headName: `村民${i}`,
      address: `东岭村${(i % 9) + 1}组`,
      areaId: 1,
      areaName: '东岭村',
      year: 2025,
      enrolled: true,
      cardNo: `430702100200${String(i).padStart(4, '0')}`,
      card: { id: i, version: 1, status: 'valid', year: 2025, issuedOn: '2025-02-01', issuedByName: '东岭村医', voidReason: null, voidedOn: null, voidedByName: null, handover: null },
      versions: [],
      members: Array.from({ length: 4 }, (_, m) => ({
        personId: i * 10 + m,
        memberNo: m + 1,
        medicalNo: null,
        name: `成员${i}-${m}`,
        sex: m % 2 ? 'F' : 'M',
        birthDate: '1980-05-06',
        relationName: m === 0 ? '户主' : '子',
        idNumber: '430702198005060019',
        status: 'alive',
        enrollment: { category: 'self_paid', categoryName: '自缴', payerName: '个人缴纳', amountFen: 40000 },
      })),
    });
    const pdf = await renderCards('东岭村合作医疗证', Array.from({ length: 400 }, (_, i) => card(i + 1)), { county: '清河县', township: '东岭镇', village: '东岭村' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(400);
    expect(pages[399]).toContain('证号：4307021002000400');
  });
});
