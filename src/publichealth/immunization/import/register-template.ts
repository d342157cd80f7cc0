import ExcelJS from 'exceljs';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { REGISTER_COLUMNS, REGISTER_SHEET_NAME } from './register-columns.ts';

/** An empty register workbook with the expected headers, a vaccine picker and a sheet of instructions. */
export async function registerTemplate(actor: Actor): Promise<Buffer> {
  requirePermission(actor, 'immunization.write');
  const vaccines = [...NIP_SCHEDULES.vaccines.values()];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const sheet = workbook.addWorksheet(REGISTER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = REGISTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Text format, or Excel turns an 18-digit ID into a number and loses its last digits.
  for (const key of ['idNumber', 'batchNo', 'guardianPhone']) sheet.getColumn(key).numFmt = '@';
  const vaccineColumn = sheet.getColumn('vaccine').letter;
  const names = vaccines.map((v) => v.name).join(',');
  for (let row = 2; row <= 1000; row++) {
    sheet.getCell(`${vaccineColumn}${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${names}"`] };
  }

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '栏目', key: 'a', width: 16 },
    { header: '说明', key: 'b', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of REGISTER_COLUMNS) help.addRow({ a: `${c.header}${c.required ? '（必填）' : ''}`, b: c.hint });
  help.addRow({});
  help.addRow({ a: '疫苗代码', b: '疫苗名称' }).font = { bold: true };
  for (const v of vaccines) help.addRow({ a: v.code, b: v.name });
  help.addRow({});
  help.addRow({ a: '注意', b: '整个文件有任何一行出错时不会导入任何数据，请按提示改正后重新上传。剂次按每种疫苗分别计数，不能跳过。' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
