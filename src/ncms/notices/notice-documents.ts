/**
 * The notice as printed (A4, for the village notice board) and as an Excel file. Both are rendered from the stored
 * content and the publication record only, with the publication time as the document's time, so a published notice
 * downloads byte for byte the same every time. A draft (not published) says so in its title line.
 */
import ExcelJS from 'exceljs';
import { renderPdf, shanghaiTime } from '../../core/pdf/render.ts';
import { PDF_FONT } from '../../core/pdf/fonts.ts';
import { heading, keyValues } from '../../core/pdf/blocks.ts';
import { table, type PdfColumn } from '../../core/pdf/table.ts';
import { fenText } from '../fund/money.ts';
import { EMPTY_MONTH_TEXT, periodText, type NoticeContent, type NoticeRow } from './notice-content.ts';

export interface Publication {
  version: number;
  publishedAt: Date;
  publishedByName: string;
  correctionReason: string | null;
}

type Column = PdfColumn<NoticeRow & { no: string }> & { xlsxWidth: number; money?: boolean };

const COLUMNS: Column[] = [
  { header: '序号', width: 0.6, xlsxWidth: 6, align: 'center', value: (r) => r.no },
  { header: '姓名', width: 0.9, xlsxWidth: 10, value: (r) => r.name },
  { header: '身份证号', width: 2.1, xlsxWidth: 22, value: (r) => r.idNumber },
  { header: '就诊机构', width: 1.9, xlsxWidth: 22, value: (r) => r.institution },
  { header: '类别', width: 1.2, xlsxWidth: 16, value: (r) => r.kind },
  { header: '入院/就诊日期', width: 1.3, xlsxWidth: 13, value: (r) => r.admittedOn },
  { header: '出院日期', width: 1.3, xlsxWidth: 13, value: (r) => r.dischargedOn },
  { header: '总费用（元）', width: 1.2, xlsxWidth: 13, align: 'right', money: true, value: (r) => fenText(r.totalFen) },
  { header: '补偿金额（元）', width: 1.2, xlsxWidth: 13, align: 'right', money: true, value: (r) => fenText(r.payFen) },
];

export const noticeTitle = (c: NoticeContent) => `${c.village.name}新农合补偿公示`;
const monthText = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;
export const noticeFileName = (c: NoticeContent, p: Publication | null, extension: string) =>
  `新农合补偿公示-${c.village.township}${c.village.name}-${c.month}${p ? `-第${p.version}版` : '-预览'}.${extension}`;

function subtitle(c: NoticeContent, p: Publication | null): string {
  const status = p ? (p.version > 1 ? `（第 ${p.version} 版，更正）` : '') : '（预览稿，未发布）';
  return `${c.village.county}${c.village.township}　公示期间：${periodText(c.month)}${status}`;
}

function fundLines(c: NoticeContent): Array<[string, string]> {
  if (!c.fund) return [['基金收支', '本年度基金账目尚未建立']];
  const f = c.fund;
  return [
    [`${monthText(c.month)}基金收入`, `${fenText(f.monthIncomeFen)} 元`],
    [`${monthText(c.month)}基金支出`, `${fenText(f.monthSpendingFen)} 元`],
    [`${f.year}年1月至${Number(c.month.slice(5))}月累计收入`, `${fenText(f.yearIncomeFen)} 元`],
    [`${f.year}年1月至${Number(c.month.slice(5))}月累计支出`, `${fenText(f.yearSpendingFen)} 元`],
  ];
}

const numbered = (c: NoticeContent) => c.rows.map((r, i) => ({ ...r, no: String(i + 1) }));
const totalRow = (c: NoticeContent) => ({ no: '', name: '合计', idNumber: `共 ${c.count} 人次`, institution: '', kind: '', admittedOn: '', dischargedOn: '', claimNo: '', totalFen: c.totalFen, payFen: c.payFen });
const objectionText = (c: NoticeContent) =>
  `公示期 ${c.objectionDays} 天，自公示之日起计算。对公示内容有异议的，请在公示期内向${c.publisher}反映，或拨打监督电话。`;

export async function noticePdf(c: NoticeContent, p: Publication | null): Promise<Buffer> {
  const at = p?.publishedAt ?? new Date();
  // The publication time as print and creation time: every download of a published notice is the same file.
  return renderPdf({ title: noticeTitle(c), subject: `新农合补偿公示 ${c.month}`, printedAt: at }, (doc) => {
    heading(doc, noticeTitle(c));
    doc.fontSize(10).text(subtitle(c, p), { align: 'center' }).moveDown(0.5);
    if (c.rows.length === 0) {
      doc.font(PDF_FONT.bold).fontSize(13).text(EMPTY_MONTH_TEXT, { align: 'center' }).moveDown(1);
      doc.font(PDF_FONT.regular).fontSize(11);
    } else {
      table(doc, COLUMNS, [...numbered(c), totalRow(c)], { fontSize: 8, emphasise: (i) => i === c.rows.length });
    }
    heading(doc, `新农合基金收支情况（统筹区 ${c.fund?.pool ?? '—'}）`, 2);
    keyValues(doc, fundLines(c));
    if (p?.correctionReason) keyValues(doc, [['更正说明', p.correctionReason]], { columns: 1 });
    keyValues(doc, [['说明', objectionText(c)]], { columns: 1 });
    keyValues(doc, [
      ['公示单位', c.publisher],
      ['监督电话', c.complaintPhone || null],
      ['公示日期', p ? shanghaiTime(p.publishedAt).slice(0, 10) : null],
      ['发布人', p?.publishedByName ?? null],
    ]);
  });
}

export async function noticeXlsx(c: NoticeContent, p: Publication | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const at = p?.publishedAt ?? new Date();
  workbook.created = at;
  workbook.modified = at;
  const sheet = workbook.addWorksheet('补偿公示', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = COLUMNS.map((col) => ({ width: col.xlsxWidth }));
  const banner = (row: number, text: string, bold = false) => {
    sheet.mergeCells(row, 1, row, COLUMNS.length);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.alignment = { horizontal: 'center' };
    if (bold) cell.font = { bold: true, size: 14 };
  };
  banner(1, noticeTitle(c), true);
  banner(2, subtitle(c, p));
  sheet.addRow(COLUMNS.map((col) => col.header)).font = { bold: true };
  // Money as numbers (yuan, 2 decimals) so the figures add up in Excel; ID and dates as text.
  const values = (r: NoticeRow & { no: string }) => COLUMNS.map((col) => (col.money ? Number(col.value(r)) : col.value(r)));
  if (c.rows.length === 0) sheet.addRow([EMPTY_MONTH_TEXT]);
  for (const r of numbered(c)) sheet.addRow(values(r));
  sheet.addRow(values(totalRow(c))).font = { bold: true };
  COLUMNS.forEach((col, i) => {
    if (col.money) sheet.getColumn(i + 1).numFmt = '0.00';
  });
  sheet.addRow([]);
  for (const [label, value] of fundLines(c)) sheet.addRow([label, '', value]);
  if (p?.correctionReason) sheet.addRow(['更正说明', '', p.correctionReason]);
  sheet.addRow(['说明', '', objectionText(c)]);
  sheet.addRow(['公示单位', '', c.publisher]);
  sheet.addRow(['监督电话', '', c.complaintPhone]);
  sheet.addRow(['公示日期', '', p ? shanghaiTime(p.publishedAt).slice(0, 10) : '未发布']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
