/**
 * The class roster workbook for 入托入学查验: columns 姓名, 身份证号, 出生日期, 班级 found by their headers on the first
 * sheet's first row (any order, extra columns ignored). Dates typed as Excel dates or as text (2020-03-01,
 * 2020/3/1, 2020.3.1, 20200301) are read; an ID Excel stored as a number has lost its last digits and is reported.
 */
import ExcelJS from 'exceljs';
import { invalid } from '../../../core/errors.ts';
import type { RosterInput } from './school-check.ts';

export const SCHOOL_ROSTER_COLUMNS = [
  { key: 'name', header: '姓名' },
  { key: 'idNumber', header: '身份证号' },
  { key: 'birthDate', header: '出生日期' },
  { key: 'className', header: '班级' },
] as const;
type Key = (typeof SCHOOL_ROSTER_COLUMNS)[number]['key'];

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as YYYY-MM-DD when it reads as one; otherwise its text, for the check to report. */
function dateText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  // ExcelJS gives dates as UTC midnight of the day typed.
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const text = cell.value == null ? '' : cell.text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : text;
}

export async function readSchoolRoster(file: Buffer): Promise<RosterInput[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid('file', '无法读取上传的文件：请上传 Excel 工作簿（.xlsx）', 'unreadable_file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file', '工作簿中没有工作表', 'unreadable_file');
  const where = new Map<Key, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = (cell.value == null ? '' : cell.text).replace(/\s+/g, '');
    const column = SCHOOL_ROSTER_COLUMNS.find((c) => c.header === header);
    if (column && !where.has(column.key)) where.set(column.key, col);
  });
  if (!where.has('name') || (!where.has('idNumber') && !where.has('birthDate'))) {
    throw invalid('file', '花名册第 1 行应有「姓名」栏，以及「身份证号」或「出生日期」栏（可另有「班级」栏）', 'missing_columns');
  }
  const rows: RosterInput[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cell = (key: Key) => (where.has(key) ? row.getCell(where.get(key)!) : undefined);
    const text = (key: Key) => {
      const c = cell(key);
      return c && c.value != null ? c.text.trim() : '';
    };
    const idCell = cell('idNumber');
    const birth = cell('birthDate');
    const input: RosterInput = { row: number, name: text('name'), idNumber: text('idNumber'), birthDate: birth ? dateText(birth) : '', className: text('className') };
    if (!input.name && !input.idNumber && !input.birthDate && !input.className) return;
    if (idCell && typeof idCell.value === 'number') {
      input.idProblem = `身份证号被 Excel 存成了数字（显示为 ${input.idNumber}，末几位已丢失），请将该列设为文本格式后重新填写`;
    }
    rows.push(input);
  });
  return rows;
}
