/**
 * The village collection list (收缴清单) of a year: every household of the village with what it paid, totals by
 * contribution category and blank signature lines, handed with the money to the township finance office. As PDF
 * (to sign) and .xlsx (for the finance office's own books).
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { householdsInArea } from '../../core/people/households.ts';
import { renderPdf } from '../../core/pdf/render.ts';
import { heading, keyValues, signatureLines } from '../../core/pdf/blocks.ts';
import { table, type PdfColumn } from '../../core/pdf/table.ts';
import type { EnrollmentView } from '../enrollment/enrollment.ts';
import { checkYear, enrollmentsOfYear } from '../enrollment/enrollment.ts';
import { requireEnrollmentRead } from '../enrollment/access.ts';
import { contributionCategories } from '../enrollment/categories.ts';
import { areaNames, scopedVillage } from './card-records.ts';
import { yuanInWords } from './money-words.ts';
import { fenText } from '../fund/money.ts';

export interface CollectionRow {
  householdNo: string;
  headName: string;
  members: number | null; // living members now; null for a household enrolled here and registered elsewhere since
  enrolled: number;
  selfPaid: number; // members paying their own contribution
  paidFen: number;
  subsidised: number; // members whose contribution a fund pays
  subsidisedFen: number;
  receiptNos: string;
  note: string;
}

export interface CategoryTotal {
  name: string;
  payerName: string;
  persons: number;
  amountFen: number;
}

export interface CollectionList {
  county: string;
  township: string;
  village: string;
  year: number;
  rows: CollectionRow[];
  total: CollectionRow;
  byCategory: CategoryTotal[];
}

export const SIGNATURES = ['收款人（村医）签字', '村委会负责人签字', '乡镇财政所接收人签字', '交款日期'];

/** The list's figures: households in 户编号 order, the enrolled ones first counted from their enrollment rows. */
export async function collectionList(db: Db, actor: Actor, areaId: number, year: number): Promise<CollectionList> {
  requireEnrollmentRead(actor);
  checkYear(year);
  const village = await scopedVillage(db, actor, areaId);
  const [households, enrollments, categories, places] = await Promise.all([
    householdsInArea(db, actor, village.id),
    enrollmentsOfYear(db, actor, { year, areaId: village.id }),
    contributionCategories(db),
    areaNames(db, actor, village),
  ]);
  const byHousehold = new Map<number, EnrollmentView[]>();
  for (const e of enrollments) byHousehold.set(e.householdId, [...(byHousehold.get(e.householdId) ?? []), e]);
  const row = (householdNo: string, headName: string, members: number | null, rows: EnrollmentView[], note: string): CollectionRow => {
    const own = rows.filter((e) => e.payer === 'individual');
    const funded = rows.filter((e) => e.payer !== 'individual');
    return {
      householdNo,
      headName,
      members,
      enrolled: rows.length,
      selfPaid: own.length,
      paidFen: own.reduce((s, e) => s + e.amountFen, 0),
      subsidised: funded.length,
      subsidisedFen: funded.reduce((s, e) => s + e.amountFen, 0),
      receiptNos: [...new Set(rows.map((e) => e.receiptNo).filter(Boolean))].join('、'),
      note: rows.length === 0 ? '未参合' : note,
    };
  };
  const rows = households.map((h) => row(h.householdNo, h.headName ?? '', h.memberCount, byHousehold.get(h.id) ?? [], ''));
  const here = new Set(households.map((h) => h.id));
  for (const [householdId, list] of byHousehold) {
    if (!here.has(householdId)) rows.push(row(list[0]!.householdNo, list[0]!.personName, null, list, '已迁往他村'));
  }
  const sum = (key: 'members' | 'enrolled' | 'selfPaid' | 'paidFen' | 'subsidised' | 'subsidisedFen') => rows.reduce((s, r) => s + (r[key] ?? 0), 0);
  const enrolledHouseholds = rows.filter((r) => r.enrolled > 0).length;
  const total: CollectionRow = {
    householdNo: '',
    headName: `合计（${rows.length} 户，参合 ${enrolledHouseholds} 户）`,
    members: sum('members'),
    enrolled: sum('enrolled'),
    selfPaid: sum('selfPaid'),
    paidFen: sum('paidFen'),
    subsidised: sum('subsidised'),
    subsidisedFen: sum('subsidisedFen'),
    receiptNos: '',
    note: '',
  };
  const byCategory = categories
    .map((c) => {
      const of = enrollments.filter((e) => e.category === c.code);
      return { name: c.name, payerName: c.payerName, persons: of.length, amountFen: of.reduce((s, e) => s + e.amountFen, 0) };
    })
    .filter((c) => c.persons > 0);
  return { ...places, year, rows, total, byCategory };
}

const COLUMNS: Array<PdfColumn<CollectionRow> & { key: string; xlsxWidth: number; money?: boolean }> = [
  { key: 'householdNo', header: '户编号', width: 0.9, xlsxWidth: 8, align: 'center', value: (r) => r.householdNo },
  { key: 'headName', header: '户主', width: 1.6, xlsxWidth: 14, value: (r) => r.headName },
  { key: 'members', header: '户人数', width: 0.8, xlsxWidth: 8, align: 'right', value: (r) => r.members ?? '' },
  { key: 'enrolled', header: '参合人数', width: 0.9, xlsxWidth: 9, align: 'right', value: (r) => r.enrolled },
  { key: 'selfPaid', header: '自缴人数', width: 0.9, xlsxWidth: 9, align: 'right', value: (r) => r.selfPaid },
  { key: 'paidFen', header: '个人缴纳（元）', width: 1.3, xlsxWidth: 14, align: 'right', money: true, value: (r) => fenText(r.paidFen) },
  { key: 'subsidised', header: '代缴人数', width: 0.9, xlsxWidth: 9, align: 'right', value: (r) => r.subsidised },
  { key: 'subsidisedFen', header: '代缴金额（元）', width: 1.3, xlsxWidth: 14, align: 'right', money: true, value: (r) => fenText(r.subsidisedFen) },
  { key: 'receiptNos', header: '收据号', width: 1.6, xlsxWidth: 16, value: (r) => r.receiptNos },
  { key: 'note', header: '备注', width: 1, xlsxWidth: 12, value: (r) => r.note },
];

const title = (list: CollectionList) => `${list.township}${list.village} ${list.year} 年度新农合参合费收缴清单`;
const fileName = (list: CollectionList, extension: string) => `参合费收缴清单-${list.village}-${list.year}.${extension}`;

export async function collectionListPdf(db: Db, actor: Actor, areaId: number, year: number): Promise<{ pdf: Buffer; filename: string }> {
  const list = await collectionList(db, actor, areaId, year);
  const pdf = await renderPdf({ title: title(list), subject: '新农合参合费收缴清单', layout: 'landscape', margin: 40 }, (doc) => {
    heading(doc, title(list));
    doc.fontSize(10).text(`${list.county}　单位：元`, { align: 'center' }).moveDown(0.5);
    table(doc, COLUMNS, [...list.rows, list.total], { fontSize: 9, emphasise: (i) => i === list.rows.length });
    heading(doc, '按参合类别汇总', 2);
    table(
      doc,
      [
        { header: '参合类别', width: 1, value: (c: CategoryTotal) => c.name },
        { header: '缴费方', width: 1.4, value: (c) => c.payerName },
        { header: '人数', width: 0.8, align: 'right', value: (c) => c.persons },
        { header: '金额（元）', width: 1.2, align: 'right', value: (c) => fenText(c.amountFen) },
      ],
      list.byCategory,
      { fontSize: 9, width: 360 },
    );
    keyValues(doc, [['本村实收个人缴费（大写）', `人民币${yuanInWords(list.total.paidFen)}（¥${fenText(list.total.paidFen)}）`]], { columns: 1 });
    doc.moveDown(0.5);
    signatureLines(doc, SIGNATURES);
  });
  return { pdf, filename: fileName(list, 'pdf') };
}

export async function collectionListXlsx(db: Db, actor: Actor, areaId: number, year: number): Promise<{ buffer: Buffer; filename: string }> {
  const list = await collectionList(db, actor, areaId, year);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const sheet = workbook.addWorksheet('收缴清单', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.xlsxWidth }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).value = title(list);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  sheet.getCell(2, 1).value = `${list.county}　单位：元`;
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  // Money as numbers (yuan, 2 decimals) so the finance office can add them up; 户编号 and receipt numbers as text.
  const values = (r: CollectionRow) => COLUMNS.map((c) => (c.money ? Number(c.value(r)) : c.value(r)));
  for (const r of list.rows) sheet.addRow(values(r));
  sheet.addRow(values(list.total)).font = { bold: true };
  for (const c of COLUMNS) {
    if (c.money) sheet.getColumn(c.key).numFmt = '0.00';
  }
  sheet.getColumn('householdNo').numFmt = '@';
  sheet.addRow([]);
  sheet.addRow(['按参合类别汇总']).font = { bold: true };
  sheet.addRow(['参合类别', '缴费方', '人数', '金额（元）']).font = { bold: true };
  for (const c of list.byCategory) sheet.addRow([c.name, c.payerName, c.persons, Number(fenText(c.amountFen))]).getCell(4).numFmt = '0.00';
  sheet.addRow([]);
  sheet.addRow(['本村实收个人缴费（大写）', `人民币${yuanInWords(list.total.paidFen)}`]);
  sheet.addRow([]);
  for (const label of SIGNATURES) sheet.addRow([`${label}：`, '']).height = 24;
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: fileName(list, 'xlsx') };
}
