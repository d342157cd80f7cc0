import ExcelJS from 'exceljs';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { contributionCategories } from './categories.ts';
import { ROSTER_COLUMNS, ROSTER_SHEET_NAME } from './roster-columns.ts';

/** An empty roster workbook with the expected headers, a category picker and a sheet of instructions. */
export async function rosterTemplate(db: Db, actor: Actor): Promise<Buffer> {
  requirePermission(actor, 'ncms.enroll');
  const categories = await contributionCategories(db);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const sheet = workbook.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Text format, or Excel turns an 18-digit ID into a number and loses its last digits.
  sheet.getColumn('idNumber').numFmt = '@';
  sheet.getColumn('receiptNo').numFmt = '@';
  sheet.getColumn('householdNo').numFmt = '@';
  const categoryColumn = sheet.getColumn('category').letter;
  const names = categories.map((c) => c.name).join(',');
  for (let row = 2; row <= 1000; row++) {
    sheet.getCell(`${categoryColumn}${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${names}"`] };
  }

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '栏目', key: 'a', width: 14 },
    { header: '说明', key: 'b', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS) help.addRow({ a: `${c.header}${c.required ? '（必填）' : ''}`, b: c.hint });
  help.addRow({});
  help.addRow({ a: '参合类别', b: '缴费方' }).font = { bold: true };
  for (const c of categories) help.addRow({ a: c.name, b: c.payerName });
  help.addRow({});
  help.addRow({ a: '注意', b: '整个文件有任何一行出错时不会导入任何数据，请按提示改正后重新上传。' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
