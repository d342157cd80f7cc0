/**
 * Visit files from clinics' outpatient logs: a CSV (UTF-8 or the GBK Excel writes on Chinese Windows) or an .xlsx with
 * the template's columns, one visit per row, several diagnosis codes in one cell. Imported for the user's own
 * institution through the same all-or-nothing intake as the API; faults name the row number of the file.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { invalid } from '../../../core/errors.ts';
import { cellDate, readSheet, type SheetColumn } from '../../../core/xlsx/read-sheet.ts';
import type { VisitInput } from './visit-input.ts';
import { excelWallClock } from './visit-time.ts';
import { receiveVisits, type ReceiveResult } from './receive-visits.ts';
import { parseCsv } from './csv.ts';

export const MAX_FILE_ROWS = 10_000;

type Column = 'visitId' | 'name' | 'idNumber' | 'birthDate' | 'sex' | 'address' | 'village' | 'department' | 'visitedAt' | 'diagnoses' | 'diagnosisNames';
export const VISIT_FILE_COLUMNS: readonly SheetColumn<Column>[] = [
  { key: 'visitId', header: '就诊编号', required: true },
  { key: 'name', header: '姓名', required: true },
  { key: 'idNumber', header: '身份证号', required: false },
  { key: 'birthDate', header: '出生日期', required: false },
  { key: 'sex', header: '性别', required: false },
  { key: 'address', header: '住址', required: false },
  { key: 'village', header: '所在村', required: false },
  { key: 'department', header: '科室', required: false },
  { key: 'visitedAt', header: '就诊时间', required: true },
  { key: 'diagnoses', header: '诊断编码', required: true },
  { key: 'diagnosisNames', header: '诊断名称', required: false },
];

const SHEET_OPTIONS = {
  what: '就诊登记文件',
  maxRows: MAX_FILE_ROWS,
  tooManyHint: '请按月份分开上传',
  emptyCode: 'visit_file_empty',
  tooLargeCode: 'visit_file_too_large',
};

type Row = { row: number; cells: Record<Column, string>; visitedAt: string; birthDate: string };

/** One row as a visit: codes split on ；;，,、 and spaces, names paired with them when given. */
export function rowToVisit(r: Row): VisitInput {
  const split = (text: string) => text.split(/[;；,，、\s]+/).filter(Boolean);
  const names = split(r.cells.diagnosisNames);
  return {
    visitId: r.cells.visitId,
    patient: { name: r.cells.name, idNumber: r.cells.idNumber, birthDate: r.birthDate, sex: r.cells.sex, address: r.cells.address, village: r.cells.village },
    department: r.cells.department,
    visitedAt: r.visitedAt,
    diagnoses: split(r.cells.diagnoses).map((code, i) => ({ code, name: names[i] ?? null })),
  };
}

const isXlsx = (file: Buffer) => file.length > 3 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;

/** The rows of an uploaded file, .xlsx or CSV, as read (not yet checked). */
export async function readVisitFile(file: Buffer): Promise<Row[]> {
  if (isXlsx(file)) {
    const rows = await readSheet(file, VISIT_FILE_COLUMNS, SHEET_OPTIONS);
    return rows.map((r) => ({
      row: r.row,
      cells: r.cells,
      visitedAt: r.values.visitedAt instanceof Date ? excelWallClock(r.values.visitedAt) : r.cells.visitedAt,
      birthDate: r.cells.birthDate === '' ? '' : (cellDate(r.values.birthDate, r.cells.birthDate) ?? r.cells.birthDate),
    }));
  }
  const rows = parseCsv(decodeText(file));
  const header = (rows[0] ?? []).map((h) => h.replace(/\s+/g, ''));
  const where = new Map(VISIT_FILE_COLUMNS.map((c) => [c.key, header.indexOf(c.header)] as const));
  const missing = VISIT_FILE_COLUMNS.filter((c) => c.required && where.get(c.key)! < 0).map((c) => `「${c.header}」`);
  if (missing.length) throw invalid('file', `无法读取文件：第 1 行缺少栏目${missing.join('、')}。请上传 Excel（.xlsx）或逗号分隔的 CSV 文件，并使用下载的模板`, 'missing_columns');
  const out: Row[] = [];
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const get = (key: Column) => (where.get(key)! >= 0 ? (cells[where.get(key)!] ?? '').trim() : '');
    const record = Object.fromEntries(VISIT_FILE_COLUMNS.map((c) => [c.key, get(c.key)])) as Record<Column, string>;
    out.push({ row: i + 2, cells: record, visitedAt: record.visitedAt, birthDate: record.birthDate === '' ? '' : (cellDate(null, record.birthDate) ?? record.birthDate) });
  });
  if (out.length === 0) throw invalid('file', '就诊登记文件中没有数据行', SHEET_OPTIONS.emptyCode);
  if (out.length > MAX_FILE_ROWS) throw invalid('file', `就诊登记文件最多 ${MAX_FILE_ROWS} 行，${SHEET_OPTIONS.tooManyHint}`, SHEET_OPTIONS.tooLargeCode);
  return out;
}

/** UTF-8 (with or without BOM), else GB18030, the superset of the GBK that Excel saves CSV in on Chinese Windows. */
function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** Imports a visit file for the user's own institution; all or nothing (receive-visits.ts). */
export async function importVisitFile(db: Db, actor: Actor, file: Buffer, fileName: string, now: Date): Promise<ReceiveResult> {
  requirePermission(actor, 'visits.import');
  if (actor.institutionId === null) throw invalid('file', '您的账号没有关联医疗机构，不能导入就诊数据。请联系卫健局管理员在用户管理中设置您所在的机构', 'no_institution');
  const rows = await readVisitFile(file);
  return receiveVisits(db, { institutionId: actor.institutionId, source: 'file', actor, fileName }, rows.map((r) => ({ input: rowToVisit(r), row: r.row })), now);
}

/** The import template: the columns on the first sheet, how to fill them on the second. */
export async function visitFileTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('就诊登记');
  sheet.addRow(VISIT_FILE_COLUMNS.map((c) => c.header));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = [14, 10, 22, 12, 6, 28, 12, 10, 18, 18, 24][i] ?? 12;
    column.numFmt = '@'; // text: an ID number typed in stays 18 digits
  });
  const help = workbook.addWorksheet('填写说明');
  const lines: string[][] = [
    ['栏目', '是否必填', '说明'],
    ['就诊编号', '必填', '本机构的门诊号或流水号，同一机构内不重复；重新上传同一文件时，已导入的行会被识别，不会重复'],
    ['姓名', '必填', '患者姓名'],
    ['身份证号', '有则填写', '18 位（或旧版 15 位）；请把单元格设为文本，避免变成科学计数法'],
    ['出生日期', '没有身份证号时必填', '如 2019-03-05'],
    ['性别', '选填', '男 / 女'],
    ['住址', '选填', '写明村名（如 东岭镇东岭村三组），用于按“姓名 + 出生日期 + 村”匹配居民'],
    ['所在村', '选填', '村名或 12 位区划代码'],
    ['科室', '选填', '如 内科、儿科'],
    ['就诊时间', '必填', '如 2026-03-05 09:30（北京时间）；只写日期按当天 0 点'],
    ['诊断编码', '必填', 'ICD-10 编码，多个诊断用分号隔开，第一个为主要诊断，如 B26.9;J06.9'],
    ['诊断名称', '选填', '仅供核对，以编码为准'],
    ['', '', '整个文件要么全部导入，要么一行都不导入：有错误时会列出每一个出错的行号和原因，改正后重新上传整个文件即可。也可上传同样栏目的 CSV 文件。'],
  ];
  for (const line of lines) help.addRow(line);
  help.getColumn(3).width = 90;
  help.getColumn(1).width = 12;
  help.getColumn(2).width = 18;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
