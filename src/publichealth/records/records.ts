/**
 * 居民健康档案: one record per resident, numbered per village, holding the personal basic information sheet in
 * sections. Every write runs in one transaction with its audit entry and a version row (the sections before and
 * after), so the record's own history and the audit log tell the same story.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { canonicalJson } from '../../core/audit/canonical.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { isRealDate, todayInShanghai } from '../../core/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { getArea } from '../../core/areas/areas.ts';
import { getInstitution } from '../../core/institutions/institutions.ts';
import { findPersonInScope } from '../../core/people/persons.ts';
import type { PersonSummary } from '../../core/people/person-query.ts';
import type { RecordMedium } from './db/schema.ts';
import { BasicInfoSchema, basicInfoProblem, SECTION_KEYS, type BasicInfo } from './basic-info.ts';
import { completeness, type Completeness } from './completeness.ts';
import { recordNumber } from './record-number.ts';
import { recordStatus, type RecordStatus } from './status.ts';

export interface RecordFields {
  medium?: RecordMedium | undefined;
  institutionId?: number | null | undefined; // 建档单位
  responsibleDoctor?: string | null | undefined; // 责任医生
}

export interface NewRecord extends RecordFields {
  createdOn?: string | undefined; // 建档日期, default today; a record transcribed from paper keeps its own
  sections?: BasicInfo | undefined;
}

export interface RecordPatch extends RecordFields {
  /** The version the edit was made on: an edit of an older version is refused rather than overwriting. */
  version: number;
  sections?: BasicInfo | undefined;
}

export interface RecordView {
  id: number;
  personId: number;
  recordNo: string;
  medium: RecordMedium;
  createdOn: string;
  institutionId: number | null;
  institutionName: string | null;
  responsibleDoctor: string | null;
  createdByName: string;
  version: number;
  updatedAt: string;
  sections: BasicInfo;
  status: RecordStatus;
  completeness: Completeness;
}

export interface PersonRecord {
  person: PersonSummary;
  record: RecordView | null;
}

const recordColumns = [
  'id', 'person_id', 'record_no', 'medium', 'created_on', 'institution_id', 'institution_name', 'responsible_doctor',
  'created_by_name', 'version', 'updated_at', 'basic_info',
] as const;
type RecordRow = Awaited<ReturnType<ReturnType<typeof selectRecord>['executeTakeFirstOrThrow']>>;
const selectRecord = (db: Db) => db.selectFrom('health_record').select(recordColumns);

function toView(row: RecordRow, person: PersonSummary): RecordView {
  const sections = (row.basic_info ?? {}) as BasicInfo;
  return {
    id: row.id,
    personId: row.person_id,
    recordNo: row.record_no,
    medium: row.medium,
    createdOn: row.created_on,
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    responsibleDoctor: row.responsible_doctor,
    createdByName: row.created_by_name,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    sections,
    status: recordStatus(person),
    completeness: completeness({ institutionName: row.institution_name, responsibleDoctor: row.responsible_doctor, basicInfo: sections }),
  };
}

/** The resident, if the caller may see them; a record answers 404 exactly like its resident outside the scope. */
export async function personForRecord(db: Db, actor: Actor, personId: number, what = '人员'): Promise<PersonSummary> {
  try {
    return await findPersonInScope(db, actor, personId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound(what);
    throw e;
  }
}

/** A resident and their record (null when none was opened yet). */
export async function getPersonRecord(db: Db, actor: Actor, personId: number): Promise<PersonRecord> {
  requirePermission(actor, 'records.read');
  const person = await personForRecord(db, actor, personId);
  const row = await selectRecord(db).where('person_id', '=', personId).executeTakeFirst();
  return { person, record: row ? toView(row, person) : null };
}

/** The sections as checked input: the schema, then the rules across fields and dates. */
function checkSections(input: unknown, person: PersonSummary): BasicInfo {
  const parsed = BasicInfoSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['sections', ...issue.path].join('.');
    const message = issue.code === 'unrecognized_keys' ? `「${field}」不是档案中的栏目` : issue.message;
    throw invalid(field, message);
  }
  const problem = basicInfoProblem(parsed.data, { birthDate: person.birthDate, today: todayInShanghai() });
  if (problem) throw invalid(problem.field, problem.message);
  return parsed.data;
}

function checkDoctor(name: string | null | undefined): string | null | undefined {
  if (name === undefined || name === null) return name;
  const trimmed = name.trim();
  if (trimmed.length > 40) throw invalid('responsibleDoctor', '责任医生姓名最多 40 字');
  return trimmed || null;
}

async function institutionName(trx: Db, actor: Actor, id: number | null | undefined): Promise<string | null | undefined> {
  if (id === undefined || id === null) return id;
  try {
    const institution = await getInstitution(trx, actor, id);
    if (!institution.active) throw invalid('institutionId', `「${institution.name}」已停用，不能作为建档单位`);
    return institution.name;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw invalid('institutionId', '所选建档单位不存在', 'unknown_institution');
    throw e;
  }
}

const MEDIA = z.enum(['electronic', 'paper']);
function checkMedium(medium: unknown): RecordMedium | undefined {
  if (medium === undefined) return undefined;
  const parsed = MEDIA.safeParse(medium);
  if (!parsed.success) throw invalid('medium', '档案形式应为电子档案或纸质档案');
  return parsed.data;
}

const missingOf = (c: Completeness) => c.missing.map((m) => m.key);
const json = (value: unknown) => JSON.stringify(value);

/**
 * Opens the resident's record. Refused: a resident outside the scope (404), one who died or moved away, one who
 * already has a record (409, naming its number), a 建档日期 before birth or after today.
 */
export async function createRecord(db: Db, actor: Actor, personId: number, input: NewRecord = {}): Promise<RecordView> {
  requirePermission(actor, 'records.write');
  const today = todayInShanghai();
  const createdOn = input.createdOn ?? today;
  if (!isRealDate(createdOn)) throw invalid('createdOn', `建档日期「${createdOn}」无效，应为 YYYY-MM-DD`);
  if (createdOn > today) throw invalid('createdOn', `建档日期 ${createdOn} 不能晚于今天`);
  return inTransaction(db, async (trx) => {
    const person = await personForRecord(trx, actor, personId);
    const status = recordStatus(person);
    if (status.status === 'closed') throw conflict('person_not_resident', `「${person.name}」已${status.reasonName}，不能新建健康档案`);
    if (createdOn < person.birthDate) throw invalid('createdOn', `建档日期 ${createdOn} 不能早于出生日期 ${person.birthDate}`);
    const existing = await trx.selectFrom('health_record').select('record_no').where('person_id', '=', personId).executeTakeFirst();
    if (existing) throw conflict('record_exists', `「${person.name}」已有健康档案（编号 ${existing.record_no}），不能重复建档`);
    const sections = checkSections(input.sections, person);
    const responsibleDoctor = checkDoctor(input.responsibleDoctor) ?? null;
    // 建档单位: the one chosen, else the institution the user works at.
    const institutionId = input.institutionId === undefined ? actor.institutionId : input.institutionId;
    const institution = (await institutionName(trx, actor, institutionId)) ?? null;
    const medium = checkMedium(input.medium) ?? 'electronic';

    const village = await getArea(trx, actor, person.areaId);
    const { last_seq } = await trx
      .insertInto('health_record_counter')
      .values({ village_code: village.code, last_seq: 1 })
      .onConflict((oc) => oc.column('village_code').doUpdateSet({ last_seq: sql`health_record_counter.last_seq + 1` }))
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const recordNo = recordNumber(village.code, last_seq);
    const done = completeness({ institutionName: institution, responsibleDoctor, basicInfo: sections });
    const values = {
      person_id: personId,
      record_no: recordNo,
      medium,
      created_on: createdOn,
      institution_id: institutionId ?? null,
      institution_name: institution,
      responsible_doctor: responsibleDoctor,
      basic_info: json(sections),
      missing_items: missingOf(done),
      created_by: actor.userId,
      created_by_name: actor.name,
    };
    let id: number;
    try {
      ({ id } = await trx.insertInto('health_record').values(values).returning('id').executeTakeFirstOrThrow());
    } catch (e) {
      // Two clerks opening the same resident's record at the same moment: the unique person_id refuses the second.
      if ((e as { code?: unknown }).code !== '23505') throw e;
      throw conflict('record_exists', `「${person.name}」的健康档案刚刚已由他人建立，请刷新后查看`);
    }
    const after = { recordNo, medium, createdOn, institutionId: values.institution_id, institutionName: institution, responsibleDoctor, sections };
    await trx
      .insertInto('health_record_version')
      .values({ record_id: id, version: 1, sections: Object.keys(sections), before: null, after: json(after), changed_by: actor.userId, changed_by_name: actor.name })
      .execute();
    await recordAudit(trx, actor, { action: 'create', entity: 'health_record', entityId: id, areaId: person.areaId, after: { personId, ...after } });
    const row = await selectRecord(trx).where('id', '=', id).executeTakeFirstOrThrow();
    return toView(row, person);
  });
}

// jsonb keeps its own key order: compare canonically.
const sameJson = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Edits a record: the record fields given and each section given (replaced whole). Only what changed is written,
 * versioned and audited, each with its value before and after. Refused: a stale version (someone saved in between),
 * a closed record (the resident died or moved away).
 */
export async function updateRecord(db: Db, actor: Actor, personId: number, patch: RecordPatch): Promise<RecordView> {
  requirePermission(actor, 'records.write');
  return inTransaction(db, async (trx) => {
    const person = await personForRecord(trx, actor, personId);
    const current = await selectRecord(trx).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (!current) throw notFound('健康档案');
    const status = recordStatus(person);
    if (status.status === 'closed') throw conflict('record_closed', `「${person.name}」已${status.reasonName}（${status.closedOn ?? '日期不详'}），健康档案已结案，不能再修改`);
    if (patch.version !== current.version) {
      throw conflict('stale_version', `该档案已被他人修改（当前第 ${current.version} 版，您编辑的是第 ${patch.version} 版），请刷新后重新填写；您的草稿已保留`, 'version');
    }
    const given = checkSections(patch.sections, person);
    const stored = (current.basic_info ?? {}) as BasicInfo;
    const changedSections = SECTION_KEYS.filter((k) => given[k] !== undefined && !sameJson(given[k], stored[k]));

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const doctor = checkDoctor(patch.responsibleDoctor);
    if (doctor !== undefined && doctor !== current.responsible_doctor) {
      before.responsibleDoctor = current.responsible_doctor;
      after.responsibleDoctor = doctor;
    }
    if (patch.institutionId !== undefined && patch.institutionId !== current.institution_id) {
      before.institutionId = current.institution_id;
      before.institutionName = current.institution_name;
      after.institutionId = patch.institutionId;
      after.institutionName = await institutionName(trx, actor, patch.institutionId);
    }
    const medium = checkMedium(patch.medium);
    if (medium !== undefined && medium !== current.medium) {
      before.medium = current.medium;
      after.medium = medium;
    }
    if (changedSections.length) {
      before.sections = Object.fromEntries(changedSections.map((k) => [k, stored[k] ?? null]));
      after.sections = Object.fromEntries(changedSections.map((k) => [k, given[k]]));
    }
    const fieldNames = Object.keys(after).filter((k) => k !== 'sections' && k !== 'institutionName');
    if (fieldNames.length === 0 && changedSections.length === 0) return toView(current, person);

    const sections: BasicInfo = { ...stored, ...Object.fromEntries(changedSections.map((k) => [k, given[k]])) };
    const institution = 'institutionName' in after ? (after.institutionName as string | null) : current.institution_name;
    const responsibleDoctor = 'responsibleDoctor' in after ? (after.responsibleDoctor as string | null) : current.responsible_doctor;
    const done = completeness({ institutionName: institution, responsibleDoctor, basicInfo: sections });
    const version = current.version + 1;
    await trx
      .updateTable('health_record')
      .set({
        basic_info: json(sections),
        institution_id: 'institutionId' in after ? (after.institutionId as number | null) : current.institution_id,
        institution_name: institution,
        responsible_doctor: responsibleDoctor,
        medium: medium ?? current.medium,
        missing_items: missingOf(done),
        version,
        updated_at: sql`now()`,
      })
      .where('id', '=', current.id)
      .execute();
    await trx
      .insertInto('health_record_version')
      .values({ record_id: current.id, version, sections: [...fieldNames, ...changedSections], before: json(before), after: json(after), changed_by: actor.userId, changed_by_name: actor.name })
      .execute();
    await recordAudit(trx, actor, { action: 'update', entity: 'health_record', entityId: current.id, areaId: person.areaId, before, after });
    return toView(await selectRecord(trx).where('id', '=', current.id).executeTakeFirstOrThrow(), person);
  });
}

export interface RecordVersion {
  version: number;
  changed: string[]; // section keys and record fields
  before: unknown;
  after: unknown;
  changedByName: string;
  changedAt: string;
}

/** The record's history, newest first: what each save changed, before and after. */
export async function recordVersions(db: Db, actor: Actor, personId: number): Promise<RecordVersion[]> {
  requirePermission(actor, 'records.read');
  await personForRecord(db, actor, personId);
  const rows = await db
    .selectFrom('health_record_version as v')
    .innerJoin('health_record as r', 'r.id', 'v.record_id')
    .select(['v.version', 'v.sections', 'v.before', 'v.after', 'v.changed_by_name', 'v.changed_at'])
    .where('r.person_id', '=', personId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, changed: r.sections, before: r.before, after: r.after, changedByName: r.changed_by_name, changedAt: new Date(r.changed_at).toISOString() }));
}
