/**
 * Import of a clinic's historic vaccination register (接种登记册, .xlsx). Every row is checked first: the child found
 * in scope (by ID number, or by name + birth date + village), the vaccine known (code or Chinese name), the dose
 * number and date, doses skipped or out of order considering the file and the records already held, duplicates in
 * the file or the database, a batch of the clinic's stock expired on the dose date. Then either everything is written
 * in one transaction with one audit entry, or nothing is and the answer lists every bad row.
 *
 * Children not yet under management are registered by the import (living where their household is, guardian from
 * the file). Historic doses do not touch today's stock: a batch number is kept as written.
 */
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { isUniqueViolation } from '../../../core/db/unique-violation.ts';
import { todayInShanghai } from '../../../core/dates.ts';
import { AppError } from '../../../core/errors.ts';
import { villagesWithTownships } from '../../../core/areas/village-list.ts';
import { checkPhone } from '../../../core/institutions/institution-rules.ts';
import { listInstitutions } from '../../../core/institutions/institutions.ts';
import { personListQuery, personsByIds } from '../../../core/people/persons.ts';
import { toPersonSummary, type PersonSummary } from '../../../core/people/person-query.ts';
import { parseResidentId } from '../../../core/people/resident-id.ts';
import { cellDate, readSheet, type SheetRow } from '../../../core/xlsx/read-sheet.ts';
import { plan } from '../plan.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { PlanInputError } from '../validate-input.ts';
import type { GivenDose } from '../types.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import { batchProblem } from '../batches/batch-rules.ts';
import { clinicIdOf, clinicInScope, type Clinic } from '../registry/access.ts';
import { MAX_REGISTER_ROWS, REGISTER_COLUMNS, REGISTER_HEADER, type RegisterKey } from './register-columns.ts';

export interface RegisterProblem {
  /** The Excel row number (the header is row 1). */
  row: number;
  /** The header, e.g. 剂次; '' for the whole row. */
  column: string;
  message: string;
}

export interface RegisterImportResult {
  rows: number;
  children: number;
  newChildren: number;
  doses: number;
}

/** A vaccine by code (any case) or by its Chinese name. */
const VACCINE_LOOKUP = new Map<string, string>(
  [...NIP_SCHEDULES.vaccines.values()].flatMap((v) => [
    [v.code.toLowerCase(), v.code],
    [v.name, v.code],
  ]),
);

interface ParsedRow {
  row: number;
  cells: Record<RegisterKey, string>;
  idNumber: string | null;
  birthDate: string | null;
  vaccine: string | null;
  dose: number | null;
  date: string | null;
}

/** A person the file may name, with the villages the row's 村 may say: where the household is, where the child lives. */
interface Candidate {
  person: PersonSummary;
  villages: string[];
}

/** The child each row is about, once found. */
interface ChildRef {
  personId: number;
  birthDate: string;
  /** imm_child.id, or null for a child the import registers. */
  childId: number | null;
  conditions: ChildCondition[];
  householdAreaId: number;
}

export async function importRegister(db: Db, actor: Actor, institutionId: number | undefined, file: Buffer): Promise<RegisterImportResult> {
  requirePermission(actor, 'immunization.write');
  const sheet = await readSheet(file, REGISTER_COLUMNS, {
    what: '接种登记册',
    maxRows: MAX_REGISTER_ROWS,
    tooManyHint: '请分开上传',
    emptyCode: 'empty_register',
    tooLargeCode: 'register_too_large',
  });
  const today = todayInShanghai();
  return inTransaction(db, async (trx) => {
    const clinic = await clinicInScope(trx, actor, clinicIdOf(actor, institutionId));
    const problems: RegisterProblem[] = [];
    const problem = (row: number, key: RegisterKey | '', message: string) => problems.push({ row, column: key ? REGISTER_HEADER[key] : '', message });

    const rows = sheet.map((r) => parseRow(r, today, problem));
    const candidates = await findCandidates(trx, actor, rows);
    const registered = await registeredChildren(trx, actor, [...new Set([...candidates.values()].flat().map((c) => c.person.id))]);

    // The child of every row.
    const childOf = new Map<number, ChildRef>(); // Excel row → child
    for (const r of rows) {
      const person = matchPerson(r, candidates, problem);
      if (!person) continue;
      const child = registered.get(person.id);
      if (child && !child.inScope) {
        problem(r.row, 'name', `「${person.name}」的接种档案由其他接种单位管理，不能在此导入；如已迁入，请原单位先登记迁出`);
        continue;
      }
      if (child && child.status !== 'active') {
        problem(r.row, 'name', `「${person.name}」的接种档案状态为${child.status === 'dead' ? '死亡' : '迁出'}，不能导入接种记录`);
        continue;
      }
      if (r.birthDate && r.idNumber && r.birthDate !== person.birthDate) {
        problem(r.row, 'birthDate', `出生日期 ${r.birthDate} 与人口信息中的出生日期 ${person.birthDate} 不一致`);
      }
      childOf.set(r.row, { personId: person.id, birthDate: person.birthDate, childId: child?.id ?? null, conditions: child?.conditions ?? [], householdAreaId: person.areaId });
    }

    const newChildren = await checkNewChildren(trx, actor, clinic, rows, childOf, problem);
    const places = await resolvePlaces(trx, actor, clinic, rows);
    await checkBatches(trx, clinic, rows, problem);
    const existing = await existingDoses(trx, [...new Set([...childOf.values()].flatMap((c) => (c.childId === null ? [] : [c.childId])))]);
    checkSequences(rows, childOf, existing, today, problem);

    if (problems.length) {
      problems.sort((a, b) => a.row - b.row);
      const badRows = new Set(problems.map((p) => p.row)).size;
      const first = problems[0]!;
      throw new AppError('register_invalid', `接种登记册有 ${badRows} 行有误，未导入任何数据。第 ${first.row} 行${first.column ? `「${first.column}」` : ''}：${first.message}`, 400, {
        field: 'file',
        rows: problems,
      });
    }

    // Write: new children first, then every dose.
    const childIds = new Map<number, number>(); // personId → imm_child.id
    for (const c of childOf.values()) if (c.childId !== null) childIds.set(c.personId, c.childId);
    const fresh = [...newChildren].map(([personId, n]) => ({
      person_id: personId,
      clinic_id: clinic.id,
      area_id: n.areaId,
      residence: 'local' as const,
      guardian_name: n.guardianName,
      guardian_phone: n.guardianPhone,
      registered_by: actor.userId,
      registered_by_name: actor.name,
    }));
    for (let i = 0; i < fresh.length; i += 1000) {
      const inserted = await trx
        .insertInto('imm_child')
        .values(fresh.slice(i, i + 1000))
        .returning(['id', 'person_id'])
        .execute()
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) throw new AppError('already_registered', '登记册中有儿童刚刚已由他人建档（同时提交），未导入任何数据，请重新上传', 409, { field: 'file' });
          throw e;
        });
      for (const r of inserted) childIds.set(r.person_id, r.id);
    }
    const doses = rows.map((r) => {
      const place = places.get(r.cells.place)!;
      return {
        child_id: childIds.get(childOf.get(r.row)!.personId)!,
        vaccine: r.vaccine!,
        dose: r.dose!,
        given_on: r.date!,
        batch_no: r.cells.batchNo || null,
        institution_id: place.institutionId,
        place_name: place.placeName,
        vaccinator: r.cells.vaccinator || null,
        source: 'import' as const,
        entered_by: actor.userId,
        entered_by_name: actor.name,
      };
    });
    for (let i = 0; i < doses.length; i += 1000) await trx.insertInto('imm_dose').values(doses.slice(i, i + 1000)).execute();
    const result: RegisterImportResult = { rows: rows.length, children: childIds.size, newChildren: newChildren.size, doses: doses.length };
    await recordAudit(trx, actor, { action: 'import', entity: 'imm_dose', areaId: clinic.areaId, after: { institutionId: clinic.id, ...result } });
    return result;
  });
}

function parseRow(r: SheetRow<RegisterKey>, today: string, problem: (row: number, key: RegisterKey | '', message: string) => void): ParsedRow {
  const { cells, values } = r;
  const parsed: ParsedRow = { row: r.row, cells, idNumber: null, birthDate: null, vaccine: null, dose: null, date: null };
  if (!cells.name) problem(r.row, 'name', '姓名不能为空');
  if (cells.idNumber) {
    if (typeof values.idNumber === 'number') {
      problem(r.row, 'idNumber', `身份证号被 Excel 存成了数字（显示为 ${cells.idNumber}，末几位已丢失），请将该列设为文本格式后重新填写`);
    } else {
      try {
        parsed.idNumber = parseResidentId(cells.idNumber, 'idNumber', today).idNumber;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        problem(r.row, 'idNumber', e.message);
      }
    }
  } else if (!cells.birthDate || !cells.village) {
    problem(r.row, cells.birthDate ? 'village' : 'birthDate', '没有身份证号时，须填写出生日期和村，才能找到该儿童');
  }
  if (cells.birthDate) {
    parsed.birthDate = cellDate(values.birthDate, cells.birthDate);
    if (!parsed.birthDate) problem(r.row, 'birthDate', `出生日期「${cells.birthDate}」不是有效日期（如 2025-03-01）`);
  }
  if (!cells.vaccine) problem(r.row, 'vaccine', '疫苗不能为空');
  else {
    parsed.vaccine = VACCINE_LOOKUP.get(cells.vaccine.toLowerCase()) ?? VACCINE_LOOKUP.get(cells.vaccine) ?? null;
    if (!parsed.vaccine) problem(r.row, 'vaccine', `未知的疫苗「${cells.vaccine}」，应为疫苗代码或名称，如 HepB 或 乙肝疫苗（见模板中的疫苗表）`);
  }
  const dose = Number(cells.dose);
  if (!cells.dose) problem(r.row, 'dose', '剂次不能为空');
  else if (!Number.isInteger(dose) || dose < 1) problem(r.row, 'dose', `剂次「${cells.dose}」应为从 1 开始的整数`);
  else parsed.dose = dose;
  if (!cells.date) problem(r.row, 'date', '接种日期不能为空');
  else {
    parsed.date = cellDate(values.date, cells.date);
    if (!parsed.date) problem(r.row, 'date', `接种日期「${cells.date}」不是有效日期（如 2025-03-01）`);
    else if (parsed.date > today) {
      problem(r.row, 'date', `接种日期 ${parsed.date} 不能晚于今天`);
      parsed.date = null;
    }
  }
  return parsed;
}

/**
 * The persons the file may name, by ID number and by name: those in the caller's scope through the people module,
 * plus the persons of children managed in scope whose households are elsewhere (migrants).
 */
async function findCandidates(trx: Db, actor: Actor, rows: ParsedRow[]): Promise<Map<string, Candidate[]>> {
  const byKey = new Map<string, Candidate[]>();
  const add = (person: PersonSummary, villages: string[]) => {
    for (const key of [person.idNumber ? `id:${person.idNumber}` : null, `name:${person.name}`]) {
      if (!key) continue;
      const list = byKey.get(key) ?? [];
      const known = list.find((c) => c.person.id === person.id);
      if (known) known.villages.push(...villages);
      else list.push({ person, villages: [...villages] });
      byKey.set(key, list);
    }
  };
  const ids = [...new Set(rows.flatMap((r) => (r.idNumber ? [r.idNumber] : [])))];
  const names = [...new Set(rows.flatMap((r) => (!r.idNumber && r.cells.name ? [r.cells.name] : [])))];
  const { ordered } = await personListQuery(trx, actor, {});
  for (const [column, values] of [['person.id_number', ids], ['person.name', names]] as const) {
    for (let i = 0; i < values.length; i += 1000) {
      for (const row of await ordered.where(column, 'in', values.slice(i, i + 1000)).execute()) {
        const person = toPersonSummary(row);
        add(person, [person.areaName]);
      }
    }
  }
  const managed = await trx
    .selectFrom('imm_child')
    .innerJoin('area', 'area.id', 'imm_child.area_id')
    .select(['imm_child.person_id', 'area.name as area_name'])
    .where('imm_child.area_id', 'in', areaIdsIn(trx, actor.scope))
    .execute();
  const persons = await personsByIds(trx, managed.map((m) => m.person_id));
  for (const m of managed) {
    const person = persons.get(m.person_id)!;
    if ((person.idNumber && ids.includes(person.idNumber)) || names.includes(person.name)) add(person, [m.area_name, person.areaName]);
  }
  return byKey;
}

function matchPerson(r: ParsedRow, candidates: Map<string, Candidate[]>, problem: (row: number, key: RegisterKey | '', message: string) => void): PersonSummary | null {
  if (r.idNumber) {
    const found = candidates.get(`id:${r.idNumber}`)?.[0];
    if (!found) {
      problem(r.row, 'idNumber', `在您的管辖范围内未找到身份证号为 ${r.idNumber} 的人员，请先在人口信息中登记（流动儿童请先按身份证号建立接种档案）`);
      return null;
    }
    if (r.cells.name && found.person.name !== r.cells.name) {
      problem(r.row, 'name', `姓名「${r.cells.name}」与人口信息中该身份证号的姓名「${found.person.name}」不一致`);
      return null;
    }
    return found.person;
  }
  if (!r.cells.name || !r.birthDate || !r.cells.village) return null;
  const matches = (candidates.get(`name:${r.cells.name}`) ?? []).filter((c) => c.person.birthDate === r.birthDate && c.villages.includes(r.cells.village));
  if (matches.length === 0) {
    problem(r.row, 'name', `在您的管辖范围内未找到 ${r.cells.village}「${r.cells.name}」（${r.birthDate} 出生），请核对姓名、出生日期和村，或填写身份证号`);
    return null;
  }
  if (matches.length > 1) {
    problem(r.row, 'name', `${r.cells.village}有 ${matches.length} 名「${r.cells.name}」（${r.birthDate} 出生），请填写身份证号以区分`);
    return null;
  }
  return matches[0]!.person;
}

/** The imm_child of each person, in scope or not (a child managed by another clinic cannot be imported here). */
async function registeredChildren(trx: Db, actor: Actor, personIds: number[]) {
  const found = new Map<number, { id: number; status: string; conditions: ChildCondition[]; inScope: boolean }>();
  if (personIds.length === 0) return found;
  const inScope = new Set(
    (await trx.selectFrom('imm_child').select('id').where('person_id', 'in', personIds).where('area_id', 'in', areaIdsIn(trx, actor.scope)).execute()).map((r) => r.id),
  );
  for (const r of await trx.selectFrom('imm_child').select(['id', 'person_id', 'status', 'conditions']).where('person_id', 'in', personIds).execute()) {
    found.set(r.person_id, { id: r.id, status: r.status, conditions: r.conditions, inScope: inScope.has(r.id) });
  }
  return found;
}

/**
 * The children the import registers: living in their household's village, which the clinic must serve; the guardian
 * from the first of their rows that names one.
 */
async function checkNewChildren(
  trx: Db,
  actor: Actor,
  clinic: Clinic,
  rows: ParsedRow[],
  childOf: Map<number, ChildRef>,
  problem: (row: number, key: RegisterKey | '', message: string) => void,
) {
  const served = new Set((await villagesWithTownships(trx, actor, clinic.areaId)).map((v) => v.id));
  const fresh = new Map<number, { areaId: number; guardianName: string; guardianPhone: string | null; firstRow: number }>();
  const withoutGuardian = new Map<number, number>(); // personId → first row
  for (const r of rows) {
    const c = childOf.get(r.row);
    if (!c || c.childId !== null) continue;
    if (!served.has(c.householdAreaId)) {
      problem(r.row, 'name', `「${r.cells.name}」的户籍村不在「${clinic.name}」的服务范围内，请先按流动儿童建立接种档案`);
      continue;
    }
    if (fresh.has(c.personId)) continue;
    if (!r.cells.guardianName) {
      if (!withoutGuardian.has(c.personId)) withoutGuardian.set(c.personId, r.row);
      continue;
    }
    let phone: string | null = null;
    try {
      phone = checkPhone(r.cells.guardianPhone, 'guardianPhone');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problem(r.row, 'guardianPhone', e.message);
    }
    fresh.set(c.personId, { areaId: c.householdAreaId, guardianName: r.cells.guardianName, guardianPhone: phone, firstRow: r.row });
  }
  for (const [personId, row] of withoutGuardian) {
    if (!fresh.has(personId)) problem(row, 'guardianName', '该儿童尚未建立接种档案，导入时将建档：请在其任一行填写监护人');
  }
  return fresh;
}

/** 接种单位 text → an institution of the directory (by exact name) or a place name; empty means the import's clinic. */
async function resolvePlaces(trx: Db, actor: Actor, clinic: Clinic, rows: ParsedRow[]) {
  const places = new Map<string, { institutionId: number | null; placeName: string | null }>([['', { institutionId: clinic.id, placeName: null }]]);
  for (const name of new Set(rows.map((r) => r.cells.place))) {
    if (places.has(name)) continue;
    const same = (await listInstitutions(trx, actor, { q: name, pageSize: 200 })).items.filter((i) => i.name === name);
    places.set(name, same.length === 1 ? { institutionId: same[0]!.id, placeName: null } : { institutionId: null, placeName: name });
  }
  return places;
}

/** A batch number the clinic holds for that vaccine must not have expired on the dose date. */
async function checkBatches(trx: Db, clinic: Clinic, rows: ParsedRow[], problem: (row: number, key: RegisterKey | '', message: string) => void) {
  const numbers = [...new Set(rows.flatMap((r) => (r.cells.batchNo && !r.cells.place ? [r.cells.batchNo] : [])))];
  if (numbers.length === 0) return;
  const batches = await trx
    .selectFrom('imm_batch')
    .select(['id', 'institution_id', 'vaccine', 'batch_no', 'expiry', 'received_on', 'remaining'])
    .where('institution_id', '=', clinic.id)
    .where('batch_no', 'in', numbers)
    .execute();
  for (const r of rows) {
    if (!r.vaccine || !r.date || r.cells.place) continue;
    const b = batches.find((x) => x.batch_no === r.cells.batchNo && x.vaccine === r.vaccine);
    if (!b) continue;
    // Historic doses take no stock, so only the expiry counts.
    const reason = batchProblem(
      { id: b.id, institutionId: b.institution_id, vaccine: b.vaccine, batchNo: b.batch_no, expiry: b.expiry, receivedOn: r.date, remaining: 1 },
      { vaccine: r.vaccine, institutionId: clinic.id, date: r.date },
    );
    if (reason) problem(r.row, 'batchNo', reason);
  }
}

async function existingDoses(trx: Db, childIds: number[]) {
  const byChild = new Map<number, GivenDose[]>();
  if (childIds.length === 0) return byChild;
  const rows = await trx.selectFrom('imm_dose').select(['child_id', 'vaccine', 'dose', 'given_on']).where('child_id', 'in', childIds).orderBy('given_on').execute();
  for (const r of rows) {
    const list = byChild.get(r.child_id) ?? [];
    list.push({ vaccine: r.vaccine, dose: r.dose, date: r.given_on });
    byChild.set(r.child_id, list);
  }
  return byChild;
}

/**
 * Per child: before birth, duplicates in the file and against the database, then the engine's checks (dose number
 * skipped, out of date order, more doses than the series) over the records held plus the file's rows.
 */
function checkSequences(
  rows: ParsedRow[],
  childOf: Map<number, ChildRef>,
  existing: Map<number, GivenDose[]>,
  today: string,
  problem: (row: number, key: RegisterKey | '', message: string) => void,
) {
  const byPerson = new Map<number, { child: ChildRef; rows: ParsedRow[] }>();
  for (const r of rows) {
    const child = childOf.get(r.row);
    if (!child || !r.vaccine || !r.dose || !r.date) continue;
    const entry = byPerson.get(child.personId) ?? { child, rows: [] };
    entry.rows.push(r);
    byPerson.set(child.personId, entry);
  }
  for (const { child, rows: own } of byPerson.values()) {
    const held = child.childId === null ? [] : (existing.get(child.childId) ?? []);
    const firstRow = new Map<string, number>();
    const checked: ParsedRow[] = [];
    for (const r of own) {
      const key = `${r.vaccine}#${r.dose}`;
      const label = `${r.vaccine} 第${r.dose}剂`;
      const inDb = held.find((d) => d.vaccine === r.vaccine && d.dose === r.dose);
      if (r.date! < child.birthDate) problem(r.row, 'date', `${label}的接种日期 ${r.date} 早于出生日期 ${child.birthDate}`);
      else if (firstRow.has(key)) problem(r.row, 'dose', `${label}与第 ${firstRow.get(key)} 行重复`);
      else if (inDb) problem(r.row, 'dose', `该儿童已有 ${label}的记录（${inDb.date}），不能重复导入`);
      else checked.push(r);
      if (!firstRow.has(key)) firstRow.set(key, r.row);
    }
    const given = [...held, ...checked.map((r) => ({ vaccine: r.vaccine!, dose: r.dose!, date: r.date! }))];
    try {
      plan(child.birthDate, given, today, { conditions: child.conditions });
    } catch (e) {
      if (!(e instanceof PlanInputError)) throw e;
      for (const p of e.problems) {
        const index = Number(/^given\[(\d+)\]$/.exec(p.field)?.[1] ?? -1);
        const r = index >= held.length ? checked[index - held.length] : undefined;
        if (r) problem(r.row, 'dose', p.message);
        else problem(own[0]!.row, 'dose', `与已有接种记录不符：${p.message}`);
      }
    }
  }
}
