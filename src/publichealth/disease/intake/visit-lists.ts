/**
 * Reading visits, and linking an unmatched one to a resident by hand. Scope is by the sending institution: a hospital
 * doctor sees their own institution's visits, township staff the institutions in their township, village doctors their
 * clinic, the CDC, the bureau and auditors every institution.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import type { Database } from '../../../database.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { conflict, notFound } from '../../../core/errors.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { pageRequest, type Page, type PageRequest } from '../../../core/list-page.ts';
import { listTotal } from '../../../core/people/person-query.ts';
import { findPersonInScope } from '../../../core/people/persons.ts';
import { institutionBasics, institutionIdsIn } from '../../../core/institutions/institutions.ts';
import { pathInScope } from '../../../core/auth/actor.ts';
import { addDays } from '../../../core/dates.ts';
import { findIcd10, normalizeIcd10 } from '../icd10/icd10.ts';
import type { VisitMatchMethod, VisitSource } from '../db/intake-schema.ts';
import { senderAreaPath } from './sender-area.ts';
import { moveLinkedVisitInRollup } from '../ranking/visit-rollup.ts';

export const MATCH_METHOD_NAMES: Record<VisitMatchMethod, string> = {
  id_number: '身份证号',
  name_birth_village: '姓名+出生日期+村',
  manual: '人工关联',
  unmatched: '未匹配',
};

export interface VisitRow {
  id: number;
  institutionId: number;
  institutionName: string;
  visitId: string;
  patientName: string;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  address: string | null;
  personId: number | null;
  matchMethod: VisitMatchMethod;
  residenceAreaName: string | null;
  department: string | null;
  visitedAt: Date;
  source: VisitSource;
  receivedAt: Date;
  diagnoses: Array<{ code: string; name: string }>;
}

export interface VisitFilter extends Partial<PageRequest> {
  institutionId?: number | undefined;
  /** Shanghai dates, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** A code ('B26.9': that code) or a category ('B26': every code in it). */
  icd10?: string | undefined;
  unmatched?: boolean | undefined;
  /** Patient name (beginning) or ID number. */
  q?: string | undefined;
}

/** The ids of the institutions whose visits the actor sees, as a filter on disease_visit.institution_id. */
export function visitScope(db: Db, actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'disease_visit'>) =>
    actor.role === 'hospital_doctor'
      ? eb('disease_visit.institution_id', '=', actor.institutionId ?? -1)
      : eb('disease_visit.institution_id', 'in', institutionIdsIn(db, actor.scope));
}

/** The first instant of a Shanghai day. */
export const startOfDay = (date: string) => new Date(`${date}T00:00:00+08:00`);
const endOfDay = (date: string) => startOfDay(addDays(date, 1));

export async function listVisits(db: Db, actor: Actor, filter: VisitFilter = {}): Promise<Page<VisitRow> & { totalCapped: boolean }> {
  requirePermission(actor, 'disease.read');
  const { page, pageSize, offset } = pageRequest(filter);
  let query = db.selectFrom('disease_visit').where(visitScope(db, actor));
  if (filter.institutionId) query = query.where('disease_visit.institution_id', '=', filter.institutionId);
  if (filter.from) query = query.where('disease_visit.visited_at', '>=', startOfDay(filter.from));
  if (filter.to) query = query.where('disease_visit.visited_at', '<', endOfDay(filter.to));
  if (filter.unmatched) query = query.where('disease_visit.person_id', 'is', null);
  const q = filter.q?.trim();
  if (q) query = /^\d{6}/.test(q) ? query.where('disease_visit.id_number', '=', q.toUpperCase()) : query.where('disease_visit.patient_name', 'like', `${q.replace(/[\\%_]/g, '\\$&')}%`);
  const code = filter.icd10 ? normalizeIcd10(filter.icd10) : null;
  if (filter.icd10) {
    const column = code && code.length === 3 ? 'd.category' : 'd.icd10';
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('disease_visit_diagnosis as d').select(sql`1`.as('one')).whereRef('d.visit_id', '=', 'disease_visit.id').where(column, '=', code ?? filter.icd10!.trim().toUpperCase())),
    );
  }
  const rows = await query
    .innerJoin('institution as i', 'i.id', 'disease_visit.institution_id')
    .leftJoin('area as a', 'a.id', 'disease_visit.residence_area_id')
    .selectAll('disease_visit')
    .select(['i.name as institution_name', 'a.name as area_name'])
    .orderBy('disease_visit.visited_at', 'desc')
    .orderBy('disease_visit.id', 'desc')
    .limit(pageSize)
    .offset(offset)
    .execute();
  const count = await listTotal(db, query.select('disease_visit.id'), 10_000, { offset, pageSize }, rows.length);
  const diagnoses = await diagnosesOf(db, rows.map((r) => r.id));
  const items = rows.map((r) => ({
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    visitId: r.sender_visit_id,
    patientName: r.patient_name,
    idNumber: r.id_number,
    birthDate: r.birth_date,
    sex: r.sex,
    address: r.address,
    personId: r.person_id,
    matchMethod: r.match_method,
    residenceAreaName: r.area_name,
    department: r.department,
    visitedAt: r.visited_at,
    source: r.source,
    receivedAt: r.received_at,
    diagnoses: diagnoses.get(r.id) ?? [],
  }));
  return { items, ...count, page, pageSize };
}

async function diagnosesOf(db: Db, visitIds: number[]): Promise<Map<number, Array<{ code: string; name: string }>>> {
  const out = new Map<number, Array<{ code: string; name: string }>>();
  if (visitIds.length === 0) return out;
  const rows = await db.selectFrom('disease_visit_diagnosis').select(['visit_id', 'icd10']).where('visit_id', 'in', visitIds).orderBy('visit_id').orderBy('seq').execute();
  for (const r of rows) {
    const list = out.get(r.visit_id) ?? [];
    list.push({ code: r.icd10, name: findIcd10(r.icd10)?.name ?? '' });
    out.set(r.visit_id, list);
  }
  return out;
}

/**
 * Links an unmatched visit to a resident the user can see. The resident must live where the sending institution may
 * send for (sender-area.ts), as when the visit arrived; the link is audited and cannot be silently redone.
 */
export async function linkVisit(db: Db, actor: Actor, visitId: number, personId: number): Promise<void> {
  requirePermission(actor, 'visits.import');
  await inTransaction(db, async (trx) => {
    const visit = await trx.selectFrom('disease_visit').select(['id', 'institution_id', 'person_id', 'sender_visit_id', 'patient_name']).where('id', '=', visitId).where(visitScope(trx, actor)).forUpdate().executeTakeFirst();
    if (!visit) throw notFound('就诊记录');
    if (visit.person_id !== null) throw conflict('visit_already_linked', '这条就诊记录已关联到居民，不能再次关联；如关联有误请联系县疾控中心', 'visitId');
    const person = await findPersonInScope(trx, actor, personId);
    const institution = (await institutionBasics(trx, visit.institution_id))!;
    const { rows } = await sql<{ path: string }>`select path from area where id = ${person.areaId}`.execute(trx);
    if (!pathInScope({ areaId: null, path: senderAreaPath(institution.level, institution.areaPath) }, rows[0]!.path)) {
      throw conflict('person_out_of_area', `${person.name}住在${person.areaName}，不在${institution.name}所在乡镇的范围内，不能关联。请确认是否选错了人`, 'personId');
    }
    const linkedAt = new Date();
    await trx.updateTable('disease_visit').set({ person_id: person.id, residence_area_id: person.areaId, match_method: 'manual', linked_by_name: actor.name, linked_at: linkedAt }).where('id', '=', visitId).execute();
    await moveLinkedVisitInRollup(trx, visitId, person.areaId);
    await recordAudit(trx, actor, {
      action: 'link',
      entity: 'disease_visit',
      entityId: visitId,
      areaId: person.areaId,
      before: { personId: null, matchMethod: 'unmatched' },
      after: { personId: person.id, personName: person.name, matchMethod: 'manual', senderVisitId: visit.sender_visit_id, patientName: visit.patient_name },
    });
  });
}

/**
 * Visits with a diagnosis among `codes` (normalised codes, or 3-character categories), unscoped, for the other parts of
 * this module (missed reports, clusters, the cards demo): one row per visit and matching diagnosis.
 */
export function visitsWithDiagnoses(db: Db, filter: { codes: readonly string[]; from?: Date | undefined; to?: Date | undefined }) {
  const categories = filter.codes.filter((c) => c.length === 3);
  const codes = filter.codes.filter((c) => c.length > 3);
  let query = db
    .selectFrom('disease_visit as v')
    .innerJoin('disease_visit_diagnosis as d', 'd.visit_id', 'v.id')
    .select(['v.id as visitId', 'v.institution_id as institutionId', 'v.person_id as personId', 'v.residence_area_id as residenceAreaId', 'v.patient_name as patientName', 'v.visited_at as visitedAt', 'd.icd10', 'd.category'])
    .where((eb) => eb.or([eb('d.category', 'in', categories.length ? categories : ['']), eb('d.icd10', 'in', codes.length ? codes : [''])]));
  if (filter.from) query = query.where('v.visited_at', '>=', filter.from);
  if (filter.to) query = query.where('v.visited_at', '<', filter.to);
  return query;
}
