/**
 * Import of a village roster (花名册, .xlsx): every row is checked first (identity, category, amount, duplicates in
 * the file and in the database); then either the whole file is enrolled in one transaction, or nothing is written
 * and the answer lists every bad row with its row number, column and a Chinese message.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { readSheet } from '../../core/xlsx/read-sheet.ts';
import { householdsByIds } from '../../core/people/households.ts';
import { personListQuery } from '../../core/people/persons.ts';
import { parseResidentId } from '../../core/people/resident-id.ts';
import { toPersonSummary, type PersonSummary } from '../../core/people/person-query.ts';
import { fenToYuan, yuanToFen } from '../scheme/decimal.ts';
import { contributionCategories, type ContributionCategory } from './categories.ts';
import { alreadyEnrolledMessage, notEnrollableMessage } from './duplicates.ts';
import { checkYear, enrollHouseholds, schemesByVillage, type EnrollingHousehold, type MemberToEnroll } from './enrollment.ts';
import { ROSTER_COLUMNS, ROSTER_HEADER, type RosterKey } from './roster-columns.ts';

/** A township's roster at most (a county of 60 000 enrolled people imports in a few files). */
export const MAX_ROSTER_ROWS = 60_000;

export interface RosterProblem {
  row: number; // the Excel row number (the header is row 1)
  column: string; // the header, e.g. 身份证号; '' for the whole row
  message: string;
}

export interface RosterImportResult {
  year: number;
  rows: number;
  households: number;
  enrollments: number;
}

interface RosterRow {
  row: number;
  cells: Record<RosterKey, string>;
  idIsNumber: boolean; // Excel stored the ID as a number: its last digits are gone
}

/** The first sheet's rows keyed by column, found by their headers (any order, extra columns ignored). */
async function readRoster(file: Buffer): Promise<RosterRow[]> {
  const rows = await readSheet(file, ROSTER_COLUMNS, {
    what: '花名册',
    maxRows: MAX_ROSTER_ROWS,
    tooManyHint: '请按村分开上传',
    emptyCode: 'empty_roster',
    tooLargeCode: 'roster_too_large',
  });
  return rows.map((r) => ({ row: r.row, cells: r.cells, idIsNumber: typeof r.values.idNumber === 'number' }));
}

/**
 * The persons in the caller's scope whose IDs the roster lists, by ID: one query per thousand IDs through the people
 * module's list query (a search per row would cost two queries a row). IDs that do not parse are left to the row checks.
 */
async function personsByIdNumber(db: Db, actor: Actor, rows: RosterRow[]): Promise<Map<string, PersonSummary>> {
  const ids = [
    ...new Set(
      rows.flatMap((r) => {
        try {
          return r.idIsNumber ? [] : [parseResidentId(r.cells.idNumber).idNumber];
        } catch {
          return [];
        }
      }),
    ),
  ];
  const found = new Map<string, PersonSummary>();
  const { ordered } = await personListQuery(db, actor, {});
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = await ordered.where('person.id_number', 'in', ids.slice(i, i + 1000)).execute();
    for (const row of chunk) found.set(row.id_number!, toPersonSummary(row));
  }
  return found;
}

interface CheckedRow {
  row: number;
  person: PersonSummary;
  category: ContributionCategory;
  receiptNo: string | null;
}

/**
 * Enrolls every person of a roster for `year`, or nothing. Persons are matched by ID number within the caller's
 * scope through the people module; a person outside it reads as not found.
 */
export async function importRoster(db: Db, actor: Actor, year: number, file: Buffer): Promise<RosterImportResult> {
  requirePermission(actor, 'ncms.enroll');
  checkYear(year);
  const rows = await readRoster(file);
  return inTransaction(db, async (trx) => {
    const categories = await contributionCategories(trx);
    const categoryNames = categories.map((c) => c.name).join('、');
    const problems: RosterProblem[] = [];
    const problem = (row: number, key: RosterKey | '', message: string) => problems.push({ row, column: key ? ROSTER_HEADER[key] : '', message });
    const firstRowOfId = new Map<string, number>();
    const checked: CheckedRow[] = [];
    const schemeOf = await schemesByVillage(trx, actor, year);
    const persons = await personsByIdNumber(trx, actor, rows);
    const households = new Map((await householdsByIds(trx, actor, [...persons.values()].map((p) => p.householdId))).map((h) => [h.id, h]));

    for (const r of rows) {
      const { cells } = r;
      const before = problems.length;
      if (!cells.name) problem(r.row, 'name', '姓名不能为空');
      const category = categories.find((c) => c.name === cells.category || c.code === cells.category);
      if (!cells.category) problem(r.row, 'category', `参合类别不能为空，应为：${categoryNames}`);
      else if (!category) problem(r.row, 'category', `参合类别「${cells.category}」无效，应为：${categoryNames}`);
      const amountFen = cells.amount ? yuanToFen(cells.amount) : null;
      if (typeof amountFen === 'string' || (amountFen !== null && amountFen < 0)) problem(r.row, 'amount', `缴费金额「${cells.amount}」应为不超过两位小数的金额（元）`);

      let idNumber: string | null = null;
      if (!cells.idNumber) problem(r.row, 'idNumber', '身份证号不能为空');
      else if (r.idIsNumber) problem(r.row, 'idNumber', `身份证号被 Excel 存成了数字（显示为 ${cells.idNumber}，末几位已丢失），请将该列设为文本格式后重新填写`);
      else {
        try {
          idNumber = parseResidentId(cells.idNumber).idNumber;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          problem(r.row, 'idNumber', e.message);
        }
      }
      if (idNumber) {
        const first = firstRowOfId.get(idNumber);
        if (first !== undefined) problem(r.row, 'idNumber', `身份证号 ${idNumber} 与第 ${first} 行重复，同一人只能出现一次`);
        else firstRowOfId.set(idNumber, r.row);
      }
      if (!idNumber || problems.length > before) continue;

      const person = persons.get(idNumber);
      if (!person) {
        problem(r.row, 'idNumber', `在您的管辖范围内未找到身份证号为 ${idNumber} 的人员，请先在人口信息中登记`);
        continue;
      }
      if (person.name !== cells.name) problem(r.row, 'name', `姓名「${cells.name}」与人口信息中该身份证号的姓名「${person.name}」不一致`);
      if (cells.householdNo && cells.householdNo.padStart(4, '0') !== person.householdNo) {
        problem(r.row, 'householdNo', `户编号「${cells.householdNo}」与人口信息中的户编号 ${person.householdNo} 不一致`);
      }
      const gone = notEnrollableMessage(person.status, person.statusDate);
      if (gone) problem(r.row, 'idNumber', `「${person.name}」${gone}`);
      const household = households.get(person.householdId)!;
      if (cells.headName && household.headName !== cells.headName) {
        problem(r.row, 'headName', `户主姓名「${cells.headName}」与人口信息中的户主「${household.headName ?? '（未登记）'}」不一致`);
      }
      const standardFen = schemeOf(household.areaId)?.scheme.financing.individualFen ?? null;
      if (standardFen === null) problem(r.row, '', `「${household.areaName}」${year} 年度尚无执行中的补偿方案，暂不能登记参合`);
      else if (category && typeof amountFen === 'number') {
        const allowed = category.subsidised ? [0, standardFen] : [standardFen];
        if (!allowed.includes(amountFen)) {
          const expected = category.subsidised ? `0 或 ${fenToYuan(standardFen).toFixed(2)}` : fenToYuan(standardFen).toFixed(2);
          problem(r.row, 'amount', `缴费金额 ${cells.amount} 元与 ${year} 年度个人缴费标准不符：${category.name}应填 ${expected} 元`);
        }
      }
      if (problems.length === before) checked.push({ row: r.row, person, category: category!, receiptNo: cells.receiptNo || null });
    }

    // Already enrolled this year (in any category): the "two cards" fault.
    if (checked.length) {
      const existing = await trx
        .selectFrom('ncms_enrollment')
        .innerJoin('ncms_contribution_category as c', 'c.code', 'ncms_enrollment.category')
        .select(['ncms_enrollment.person_id', 'c.name'])
        .where('ncms_enrollment.year', '=', year)
        .where('ncms_enrollment.person_id', 'in', checked.map((c) => c.person.id))
        .execute();
      const enrolledAs = new Map(existing.map((e) => [e.person_id, e.name]));
      for (const c of checked) {
        const was = enrolledAs.get(c.person.id);
        if (was) problem(c.row, 'idNumber', `「${c.person.name}」${alreadyEnrolledMessage(year, was, c.category.name)}`);
      }
    }

    if (problems.length) {
      problems.sort((a, b) => a.row - b.row);
      const badRows = new Set(problems.map((p) => p.row)).size;
      const first = problems[0]!;
      throw new AppError('roster_invalid', `花名册有 ${badRows} 行有误，未导入任何数据。第 ${first.row} 行${first.column ? `「${first.column}」` : ''}：${first.message}`, 400, {
        field: 'file',
        rows: problems,
      });
    }

    // Households in the order the file first names them, each with its members in file order: the rows the form
    // would write household by household, through the same set-based path.
    const byHousehold = new Map<number, { household: EnrollingHousehold; members: MemberToEnroll[] }>();
    for (const c of checked) {
      const entry = byHousehold.get(c.person.householdId) ?? { household: households.get(c.person.householdId)!, members: [] };
      entry.members.push({ person: c.person, category: c.category, receiptNo: c.receiptNo });
      byHousehold.set(c.person.householdId, entry);
    }
    const written = await enrollHouseholds(trx, actor, year, [...byHousehold.values()], { collectedOn: todayInShanghai() });
    const enrollments = written.reduce((n, h) => n + h.enrollments.length, 0);
    const result = { year, rows: rows.length, households: byHousehold.size, enrollments };
    await recordAudit(trx, actor, { action: 'import', entity: 'ncms_enrollment', areaId: actor.scope.areaId, after: result });
    return result;
  });
}
