/**
 * 入托、入学查验接种证: a class roster checked against the registry. Pure: the caller finds the candidate children.
 *
 * - Roster rows: name, and a resident ID or a birth date (or both, which must agree); every bad row is reported.
 * - Matching: by ID number; otherwise (or when no registered child has that ID, as young children are often
 *   registered before they have one) by name and birth date when exactly one registered child without another ID
 *   has them.
 * - A matched child needs catch-up (需补种) when the engine's plan on the check day has doses due or overdue: doses
 *   the child has reached the age for and not received. Doses not yet due and doses no longer given do not count.
 * - A child not found needs its certificate checked or issued (未查到接种登记，需补办/核实接种证).
 */
import { isRealDate } from '../../../core/dates.ts';
import { AppError } from '../../../core/errors.ts';
import { parseResidentId } from '../../../core/people/resident-id.ts';
import { isProblem, planOn, type ListChild } from './child-plan.ts';
import type { ListedDose } from './due-list.ts';

export const MAX_SCHOOL_ROSTER_ROWS = 2000;

/** A roster row as read from JSON or a workbook; `row` is the Excel row (header = 1) or the list position + 1. */
export interface RosterInput {
  row: number;
  name: string;
  idNumber?: string | undefined;
  birthDate?: string | undefined;
  className?: string | undefined;
  /** A fault the reader already found in the ID cell (Excel stored it as a number). */
  idProblem?: string | undefined;
}

export interface RosterProblem {
  row: number;
  /** The column at fault (姓名, 身份证号, 出生日期), '' for the row. */
  column: string;
  message: string;
}

export interface CheckedRosterRow {
  row: number;
  name: string;
  idNumber: string | null;
  birthDate: string;
  className: string;
}

export type CheckOutcome = 'qualified' | 'needs_catch_up' | 'not_found' | 'record_problem';

export interface SchoolCheckRow extends CheckedRosterRow {
  outcome: CheckOutcome;
  /** 合格 / 需补种 / 未查到接种登记 / 接种记录有误 */
  outcomeName: string;
  childId: number | null;
  areaName: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  missing: Array<Pick<ListedDose, 'vaccine' | 'vaccineName' | 'dose' | 'status' | 'dueDate' | 'earliest' | 'note'>>;
  message: string | null;
}

export interface SchoolCheckResult {
  date: string;
  rows: SchoolCheckRow[];
  summary: {
    /** 查验人数 */
    checked: number;
    /** 合格人数 */
    qualified: number;
    /** 需补种人数 */
    needsCatchUp: number;
    /** 需补种剂次 */
    missingDoses: number;
    /** 未查到登记（需补证）人数 */
    notFound: number;
    /** 接种记录有误人数 */
    recordProblems: number;
  };
}

const OUTCOME_NAMES: Record<CheckOutcome, string> = {
  qualified: '合格',
  needs_catch_up: '需补种',
  not_found: '未查到接种登记，需补办或核实接种证',
  record_problem: '接种记录有误，请核对',
};

/** Every row checked; throws one 400 listing every bad row (row number, column, message), or returns them all. */
export function checkRoster(rows: readonly RosterInput[], today: string): CheckedRosterRow[] {
  if (rows.length === 0) throw new AppError('roster_empty', '花名册中没有儿童', 400, { field: 'rows' });
  if (rows.length > MAX_SCHOOL_ROSTER_ROWS) throw new AppError('roster_too_large', `花名册最多 ${MAX_SCHOOL_ROSTER_ROWS} 行，请按班级分开查验`, 400, { field: 'rows' });
  const problems: RosterProblem[] = [];
  const checked: CheckedRosterRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    const before = problems.length;
    const problem = (column: string, message: string) => problems.push({ row: r.row, column, message });
    const name = r.name.trim();
    if (!name) problem('姓名', '姓名不能为空');
    let idNumber: string | null = null;
    let birthDate = r.birthDate?.trim() || undefined;
    if (r.idProblem) problem('身份证号', r.idProblem);
    else if (r.idNumber?.trim()) {
      try {
        const id = parseResidentId(r.idNumber, 'idNumber', today);
        idNumber = id.idNumber;
        if (birthDate && birthDate !== id.birthDate) problem('出生日期', `出生日期 ${birthDate} 与身份证号中的出生日期 ${id.birthDate} 不一致`);
        birthDate = id.birthDate;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        problem('身份证号', e.message);
      }
    }
    if (!birthDate) {
      if (!r.idNumber?.trim() && !r.idProblem) problem('出生日期', '身份证号和出生日期至少填写一项');
    } else if (!isRealDate(birthDate)) problem('出生日期', `出生日期「${birthDate}」无效，应为 YYYY-MM-DD`);
    else if (birthDate > today) problem('出生日期', `出生日期 ${birthDate} 晚于今天`);
    const key = idNumber ?? `${name}|${birthDate}`;
    const first = firstRowOf.get(key);
    if (problems.length === before && first !== undefined) problem(idNumber ? '身份证号' : '姓名', `与第 ${first} 行是同一名儿童，请勿重复填写`);
    if (problems.length > before) continue;
    firstRowOf.set(key, r.row);
    checked.push({ row: r.row, name, idNumber, birthDate: birthDate!, className: r.className?.trim() ?? '' });
  }
  if (problems.length) {
    const rowsWith = new Set(problems.map((p) => p.row)).size;
    const p = problems[0]!;
    throw new AppError('roster_invalid', `花名册有 ${rowsWith} 行有误，未进行查验。第 ${p.row} 行${p.column ? `「${p.column}」` : ''}：${p.message}`, 400, {
      field: 'rows',
      rows: problems,
    });
  }
  return checked;
}

/** The registered children a roster row may be: by ID, else by name and birth date among children with no other ID. */
export function matchChild(row: CheckedRosterRow, candidates: readonly ListChild[]): { child?: ListChild; message?: string } {
  if (row.idNumber) {
    const byId = candidates.find((c) => c.idNumber === row.idNumber);
    if (byId) return { child: byId, message: byId.name === row.name ? undefined : `花名册姓名「${row.name}」与登记姓名「${byId.name}」不一致，请核实` };
  }
  const same = candidates.filter((c) => c.name === row.name && c.birthDate === row.birthDate && (c.idNumber === null || c.idNumber === row.idNumber));
  if (same.length === 1) return { child: same[0] };
  if (same.length > 1) return { message: `登记中有 ${same.length} 名同名同出生日期的儿童，请填写身份证号以便区分` };
  return {};
}

export function schoolCheck(rows: readonly CheckedRosterRow[], candidates: readonly ListChild[], date: string): SchoolCheckResult {
  const out = rows.map((row): SchoolCheckRow => {
    const { child, message } = matchChild(row, candidates);
    const base = { ...row, childId: null, areaName: null, guardianName: null, guardianPhone: null, missing: [] };
    if (!child) return { ...base, outcome: 'not_found', outcomeName: OUTCOME_NAMES.not_found, message: message ?? '在您的管辖范围内未查到该儿童的预防接种登记' };
    const found = { ...base, childId: child.childId, areaName: child.areaName, guardianName: child.guardianName, guardianPhone: child.guardianPhone };
    const p = planOn(child, date);
    if (isProblem(p)) return { ...found, outcome: 'record_problem', outcomeName: OUTCOME_NAMES.record_problem, message: p.message };
    const missing = p.doses.flatMap((d) =>
      d.status === 'due' || d.status === 'overdue' ? [{ vaccine: d.vaccine, vaccineName: d.vaccineName, dose: d.dose, status: d.status, dueDate: d.dueDate, earliest: d.earliest, note: d.note }] : [],
    );
    const outcome = missing.length ? 'needs_catch_up' : 'qualified';
    return { ...found, missing, outcome, outcomeName: OUTCOME_NAMES[outcome], message: message ?? null };
  });
  const count = (o: CheckOutcome) => out.filter((r) => r.outcome === o).length;
  return {
    date,
    rows: out,
    summary: {
      checked: out.length,
      qualified: count('qualified'),
      needsCatchUp: count('needs_catch_up'),
      missingDoses: out.reduce((n, r) => n + r.missing.length, 0),
      notFound: count('not_found'),
      recordProblems: count('record_problem'),
    },
  };
}
