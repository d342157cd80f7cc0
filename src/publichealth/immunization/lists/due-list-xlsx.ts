/**
 * The due list as a printable workbook (接种通知名单) for the vaccination day: one row per child with the doses to
 * give, the guardian to call and a column to tick; landscape A4, one page wide, the header repeated on every page.
 */
import ExcelJS from 'exceljs';
import type { DueList } from './due-list.ts';
import type { ListArea } from './lists.ts';

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '村（社区）', width: 12 },
  { header: '姓名', width: 10 },
  { header: '出生日期', width: 12 },
  { header: '月龄', width: 8 },
  { header: '监护人', width: 10 },
  { header: '联系电话', width: 14 },
  { header: '应种疫苗', width: 46 },
  { header: '备注', width: 24 },
  { header: '已通知/已种', width: 12 },
];

export async function dueListWorkbook(list: DueList & ListArea): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('接种通知名单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).value = `${list.areaName} 预防接种通知名单`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  const doses = list.children.reduce((n, c) => n + c.doses.length, 0);
  sheet.getCell(2, 1).value = `接种日期：${list.date}　应种儿童 ${list.children.length} 人、${doses} 剂次${list.heldBack ? `（另有 ${list.heldBack} 剂次因间隔要求当日不能接种）` : ''}`;
  const header = sheet.getRow(3);
  header.values = COLUMNS.map((c) => c.header);
  header.font = { bold: true };
  list.children.forEach((c, i) => {
    const row = sheet.addRow([
      i + 1,
      c.areaName,
      c.name,
      c.birthDate,
      c.age,
      c.guardianName,
      c.guardianPhone ?? '',
      c.doses.map((d) => `${d.vaccineName}第${d.dose}剂${d.status === 'overdue' ? '（逾期）' : ''}`).join('、'),
      [...new Set(c.doses.flatMap((d) => (d.note ? [d.note] : [])))].join('；'),
      '',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  for (let r = 3; r <= sheet.rowCount; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
