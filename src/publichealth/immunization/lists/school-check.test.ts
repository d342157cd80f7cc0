import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { makeResidentId } from '../../../core/people/resident-id.ts';
import type { GivenDose } from '../types.ts';
import type { ListChild } from './child-plan.ts';
import { checkRoster, schoolCheck, type RosterInput } from './school-check.ts';
import { readSchoolRoster } from './school-roster-xlsx.ts';

const TODAY = '2026-09-01';

const child = (childId: number, name: string, birthDate: string, idNumber: string | null, given: GivenDose[]): ListChild => ({
  childId,
  name,
  idNumber,
  birthDate,
  given,
  conditions: [],
  areaId: 1,
  areaName: '东岭村',
  guardianName: `${name}家长`,
  guardianPhone: null,
  address: '',
});

/** Every dose of the schedule a child born 2022-03-01 should have by 4 y 6 m, each on its due day. */
const complete: GivenDose[] = [
  ['HepB', 1, '2022-03-01'],
  ['HepB', 2, '2022-04-01'],
  ['HepB', 3, '2022-09-01'],
  ['BCG', 1, '2022-03-01'],
  ['IPV', 1, '2022-05-01'],
  ['IPV', 2, '2022-06-01'],
  ['bOPV', 1, '2022-07-01'],
  ['bOPV', 2, '2026-03-01'],
  ['DTaP', 1, '2022-06-01'],
  ['DTaP', 2, '2022-07-01'],
  ['DTaP', 3, '2022-08-01'],
  ['DTaP', 4, '2023-09-01'],
  ['MMR', 1, '2022-11-01'],
  ['MMR', 2, '2023-09-01'],
  ['JE-L', 1, '2022-12-01'],
  ['JE-L', 2, '2024-03-01'],
  ['MPSV-A', 1, '2022-09-01'],
  ['MPSV-A', 2, '2022-12-01'],
  ['MPSV-AC', 1, '2025-03-01'],
  ['HepA-L', 1, '2023-10-01'],
].map(([vaccine, dose, date]) => ({ vaccine: vaccine as string, dose: dose as number, date: date as string }));

const idOf = (birth: string, seq: number) => makeResidentId('430702', birth, seq);

describe('school entry check', () => {
  const full = child(1, '张一', '2022-03-01', idOf('2022-03-01', 11), complete);
  const missingMmr2 = child(2, '李二', '2022-03-01', null, complete.filter((g) => !(g.vaccine === 'MMR' && g.dose === 2)));
  const candidates = [full, missingMmr2];

  it('finds children by ID or by name and birth date, lists missing doses, and counts the summary', () => {
    const rows = checkRoster(
      [
        { row: 2, name: '张一', idNumber: idOf('2022-03-01', 11), className: '小一班' },
        { row: 3, name: '李二', idNumber: idOf('2022-03-01', 22), className: '小一班' }, // registered without ID: name + birth
        { row: 4, name: '王三', birthDate: '2022-05-05', className: '小二班' },
      ],
      TODAY,
    );
    const result = schoolCheck(rows, candidates, TODAY);
    expect(result.rows.map((r) => [r.name, r.outcome, r.childId])).toEqual([
      ['张一', 'qualified', 1],
      ['李二', 'needs_catch_up', 2],
      ['王三', 'not_found', null],
    ]);
    expect(result.rows[1]!.missing).toEqual([expect.objectContaining({ vaccine: 'MMR', dose: 2, status: 'overdue', earliest: TODAY })]);
    expect(result.rows[1]!.className).toBe('小一班');
    expect(result.summary).toEqual({ checked: 3, qualified: 1, needsCatchUp: 1, missingDoses: 1, notFound: 1, recordProblems: 0 });
  });

  it('flags a name that differs from the registered one matched by ID', () => {
    const rows = checkRoster([{ row: 2, name: '张壹', idNumber: idOf('2022-03-01', 11) }], TODAY);
    expect(schoolCheck(rows, candidates, TODAY).rows[0]).toMatchObject({ outcome: 'qualified', message: expect.stringContaining('不一致') });
  });

  it('reports every bad row at once, naming row and column', () => {
    const bad: RosterInput[] = [
      { row: 2, name: '', birthDate: '2022-01-01' },
      { row: 3, name: '赵四', idNumber: '430702202201010001' },
      { row: 4, name: '钱五' },
      { row: 5, name: '孙六', idNumber: idOf('2022-03-01', 11), birthDate: '2022-03-02' },
      { row: 6, name: '周七', birthDate: '2022-02-30' },
      { row: 7, name: '吴八', birthDate: '2022-01-01' },
      { row: 8, name: '吴八', birthDate: '2022-01-01' },
    ];
    try {
      checkRoster(bad, TODAY);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const rows = ((e as AppError).details as { rows: { row: number; column: string; message: string }[] }).rows;
      expect(rows.map((r) => [r.row, r.column])).toEqual([
        [2, '姓名'],
        [3, '身份证号'],
        [4, '出生日期'],
        [5, '出生日期'],
        [6, '出生日期'],
        [8, '姓名'],
      ]);
      expect((e as AppError).message).toMatch(/花名册有 6 行有误/);
    }
  });

  it('reads the roster workbook: headers in any order, Excel dates and text dates, a numeric ID reported', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(['班级', '姓名', '出生日期', '身份证号']);
    sheet.addRow(['小一班', '张一', null, idOf('2022-03-01', 11)]);
    sheet.addRow(['小一班', '李二', new Date(Date.UTC(2022, 2, 1)), null]);
    sheet.addRow(['小二班', '王三', '2022/5/5', null]);
    sheet.addRow([]);
    sheet.addRow(['小二班', '赵四', null, 430702202201010000]);
    const rows = await readSchoolRoster(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows.map((r) => [r.row, r.name, r.birthDate, r.className])).toEqual([
      [2, '张一', '', '小一班'],
      [3, '李二', '2022-03-01', '小一班'],
      [4, '王三', '2022-05-05', '小二班'],
      [6, '赵四', '', '小二班'],
    ]);
    expect(rows[3]!.idProblem).toMatch(/存成了数字/);
    expect(() => checkRoster(rows, TODAY)).toThrow(/第 6 行「身份证号」/);
  });

  it('refuses a workbook without the name column', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['学号', '出生日期']);
    await expect(readSchoolRoster(Buffer.from(await workbook.xlsx.writeBuffer()))).rejects.toThrow(/姓名/);
    await expect(readSchoolRoster(Buffer.from('not a workbook'))).rejects.toThrow(/无法读取/);
  });
});
