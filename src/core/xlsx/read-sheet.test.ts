import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellDate, readSheet } from './read-sheet.ts';

const columns = [
  { key: 'name', header: '姓名', required: true },
  { key: 'id', header: '身份证号', required: true },
  { key: 'note', header: '备注', required: false },
] as const;
const options = { what: '登记册', maxRows: 3, tooManyHint: '请分开上传', emptyCode: 'empty', tooLargeCode: 'too_large' };

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('表');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readSheet', () => {
  it('finds columns by header in any order, ignores extra columns, skips empty rows, keeps the stored values', async () => {
    const file = await workbook([['多余', '身份证号', ' 姓 名 '], ['x', 430702202501010011, '张三'], [], ['', '', ''], ['y', '43070220250101002X', '李四']]);
    const rows = await readSheet(file, columns, options);
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [2, { name: '张三', id: '430702202501010000', note: '' }],
      [5, { name: '李四', id: '43070220250101002X', note: '' }],
    ]);
    expect(typeof rows[0]!.values.id).toBe('number');
  });

  it('names the missing required columns, an empty and an oversized file', async () => {
    await expect(readSheet(await workbook([['姓名']]), columns, options)).rejects.toMatchObject({ code: 'missing_columns', message: '登记册第 1 行缺少栏目「身份证号」，请使用下载的模板' });
    await expect(readSheet(await workbook([['姓名', '身份证号']]), columns, options)).rejects.toMatchObject({ code: 'empty' });
    const many = await workbook([['姓名', '身份证号'], ...Array.from({ length: 4 }, (_, i) => [`人${i}`, `${i}`])]);
    await expect(readSheet(many, columns, options)).rejects.toMatchObject({ code: 'too_large', message: '登记册最多 3 行，请分开上传' });
    await expect(readSheet(Buffer.from('not a workbook'), columns, options)).rejects.toMatchObject({ code: 'unreadable_file' });
  });
});

describe('cellDate', () => {
  it('reads Excel dates and the ways clerks write a date; null for anything else', () => {
    expect(cellDate(new Date('2025-03-01T00:00:00Z'), 'whatever')).toBe('2025-03-01');
    for (const text of ['2025-03-01', '2025/3/1', '2025.3.1', '2025年3月1日', '20250301', ' 2025-3-01 ']) expect(cellDate(text, text)).toBe('2025-03-01');
    for (const text of ['2025-02-30', '25-3-1', '昨天', '', '2025年3月']) expect(cellDate(text, text)).toBeNull();
  });
});
