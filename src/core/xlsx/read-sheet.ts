/**
 * Reading an uploaded workbook (.xlsx) whose first sheet is a table: columns found by their header in row 1 (any order,
 * extra columns ignored), empty rows skipped, every fault of the file itself an error naming the file. The imports
 * (NCMS roster, immunization register) check the rows themselves.
 */
import ExcelJS from 'exceljs';
import { invalid } from '../errors.ts';
import { isRealDate } from '../dates.ts';

export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  required: boolean;
}

export interface SheetRow<K extends string> {
  /** The Excel row number (the header is row 1). */
  row: number;
  /** What each cell shows, trimmed; '' for a missing column or empty cell. */
  cells: Record<K, string>;
  /** The cell values as stored: a number where text was expected (an ID that lost its digits), a Date. */
  values: Record<K, ExcelJS.CellValue>;
}

export interface SheetOptions {
  /** What the file is, in messages: 花名册, 接种登记册. */
  what: string;
  maxRows: number;
  /** Said when the file has more rows, e.g. 请按村分开上传. */
  tooManyHint: string;
  /** Error codes of an empty and an oversized file. */
  emptyCode: string;
  tooLargeCode: string;
}

/** What a cell shows (rich text, formula results and hyperlinks included), trimmed. */
export function cellText(cell: ExcelJS.Cell): string {
  return cell.value == null ? '' : cell.text.trim();
}

export async function readSheet<K extends string>(file: Buffer, columns: readonly SheetColumn<K>[], options: SheetOptions): Promise<SheetRow<K>[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid('file', '无法读取上传的文件：请上传 Excel 工作簿（.xlsx）', 'unreadable_file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file', '工作簿中没有工作表', 'unreadable_file');
  const where = new Map<K, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell).replace(/\s+/g, '');
    const column = columns.find((c) => c.header === header);
    if (column && !where.has(column.key)) where.set(column.key, col);
  });
  const missing = columns.filter((c) => c.required && !where.has(c.key)).map((c) => `「${c.header}」`);
  if (missing.length) throw invalid('file', `${options.what}第 1 行缺少栏目${missing.join('、')}，请使用下载的模板`, 'missing_columns');

  const rows: SheetRow<K>[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = {} as Record<K, string>;
    const values = {} as Record<K, ExcelJS.CellValue>;
    for (const c of columns) {
      const cell = where.has(c.key) ? row.getCell(where.get(c.key)!) : undefined;
      cells[c.key] = cell ? cellText(cell) : '';
      values[c.key] = cell ? cell.value : null;
    }
    if (Object.values<string>(cells).every((v) => v === '')) return;
    rows.push({ row: number, cells, values });
  });
  if (rows.length === 0) throw invalid('file', `${options.what}中没有数据行`, options.emptyCode);
  if (rows.length > options.maxRows) throw invalid('file', `${options.what}最多 ${options.maxRows} 行，${options.tooManyHint}`, options.tooLargeCode);
  return rows;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A date cell as 'YYYY-MM-DD': an Excel date, or text written 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日 or
 * 20250301; null when it is none of them or no real day.
 */
export function cellDate(value: ExcelJS.CellValue, text: string): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(text.trim());
  if (!m) return null;
  const date = `${m[1]}-${(m[2] ?? m[4])!.padStart(2, '0')}-${(m[3] ?? m[5])!.padStart(2, '0')}`;
  return isRealDate(date) ? date : null;
}
