/** Reading cards: the scoped list with its filters, and one card with its history and what the reader may do to it. */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { can } from '../../../core/auth/roles.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { prefixPattern } from '../../../core/db/like.ts';
import { addDays } from '../../../core/dates.ts';
import { notFound } from '../../../core/errors.ts';
import { pageRequest, type Page, type PageRequest } from '../../../core/list-page.ts';
import type { CardAction, CardStatus } from '../db/cards-schema.ts';
import { NOTIFIABLE_LISTS } from '../notifiable/index.ts';
import { listById } from '../notifiable/load.ts';
import { isReporterOrCdc, scopedCards } from './card-access.ts';
import { TRANSITIONS } from './card-rules.ts';

/** '病毒性肝炎（乙型肝炎）' from the list the card was reported under. */
export function diseaseLabel(r: { list_id: string; disease_id: string; form_id: string | null }): string {
  const disease = listById(NOTIFIABLE_LISTS, r.list_id)?.diseases.find((d) => d.id === r.disease_id);
  if (!disease) return r.disease_id;
  const form = disease.forms.find((f) => f.id === r.form_id);
  return form ? `${disease.name}（${form.name}）` : disease.name;
}

/** Shanghai midnight of a date, as a timestamptz bound. */
export const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export interface CardFilter extends Partial<PageRequest> {
  status?: CardStatus | undefined;
  diseaseId?: string | undefined;
  institutionId?: number | undefined;
  areaId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  onTime?: boolean | undefined;
  classA?: boolean | undefined;
  q?: string | undefined;
}

export interface CardSummary {
  id: number;
  patientName: string;
  sex: 'M' | 'F';
  disease: string;
  diseaseId: string;
  diseaseClass: 'A' | 'B' | 'C';
  classA: boolean;
  icd10: string;
  caseClass: string;
  institutionId: number;
  institutionName: string;
  areaName: string;
  diagnosedAt: string;
  reportedAt: string;
  timeLimitHours: number;
  onTime: boolean;
  status: CardStatus;
  version: number;
}

function summaryQuery(db: Db, actor: Actor) {
  return scopedCards(db, actor)
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .innerJoin('area as v', 'v.id', 'c.area_id');
}

const summaryColumns = [
  'c.id', 'c.patient_name', 'c.sex', 'c.list_id', 'c.disease_id', 'c.form_id', 'c.disease_class', 'c.class_a', 'c.icd10', 'c.case_class',
  'c.institution_id', 'i.name as institution_name', 'v.name as area_name', 'c.diagnosed_at', 'c.reported_at', 'c.time_limit_hours', 'c.on_time', 'c.status', 'c.version',
] as const;

type SummaryRow = Awaited<ReturnType<ReturnType<ReturnType<typeof summaryQuery>['select']>['executeTakeFirstOrThrow']>> & Record<string, any>;

function toSummary(r: SummaryRow): CardSummary {
  return {
    id: r.id, patientName: r.patient_name, sex: r.sex, disease: diseaseLabel(r), diseaseId: r.disease_id, diseaseClass: r.disease_class, classA: r.class_a, icd10: r.icd10,
    caseClass: r.case_class, institutionId: r.institution_id, institutionName: r.institution_name, areaName: r.area_name, diagnosedAt: r.diagnosed_at.toISOString(),
    reportedAt: r.reported_at.toISOString(), timeLimitHours: r.time_limit_hours, onTime: r.on_time, status: r.status, version: r.version,
  };
}

export async function listCards(db: Db, actor: Actor, filter: CardFilter = {}): Promise<Page<CardSummary>> {
  requirePermission(actor, 'disease.read');
  const { page, pageSize, offset } = pageRequest(filter);
  let query = summaryQuery(db, actor);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  else query = query.where('c.status', '<>', 'deleted');
  if (filter.diseaseId) query = query.where('c.disease_id', '=', filter.diseaseId);
  if (filter.institutionId) query = query.where('c.institution_id', '=', filter.institutionId);
  if (filter.onTime !== undefined) query = query.where('c.on_time', '=', filter.onTime);
  if (filter.classA !== undefined) query = query.where('c.class_a', '=', filter.classA);
  if (filter.from) query = query.where('c.diagnosed_at', '>=', shanghaiMidnight(filter.from));
  if (filter.to) query = query.where('c.diagnosed_at', '<', shanghaiMidnight(addDays(filter.to, 1)));
  if (filter.areaId) {
    const area = await db.selectFrom('area').select(['id', 'path']).where('id', '=', filter.areaId).executeTakeFirst();
    if (!area) return { items: [], total: 0, page, pageSize };
    query = query.where('c.area_id', 'in', areaIdsIn(db, { areaId: area.id, path: area.path }));
  }
  const q = filter.q?.trim();
  if (q) query = query.where((eb) => eb.or([eb('c.patient_name', 'like', prefixPattern(q)), eb('c.id_number', '=', q.toUpperCase())]));
  const [rows, count] = await Promise.all([
    query.select([...summaryColumns]).orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').limit(pageSize).offset(offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: count.n, page, pageSize };
}

export interface CardEvent {
  version: number;
  action: CardAction;
  fromStatus: CardStatus | null;
  toStatus: CardStatus;
  at: string;
  byName: string;
  reason: string | null;
  /** For a revision: the fields that changed, as they were → as they became. */
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

/** The card's fields compared across a revision (the stored snapshot is the row before). */
const COMPARED = ['patient_name', 'id_number', 'sex', 'birth_date', 'age_years', 'parent_name', 'phone', 'occupation', 'work_unit', 'address', 'area_id', 'icd10', 'disease_id', 'case_class', 'course', 'onset_date', 'diagnosed_at', 'death_date', 'remarks'] as const;

export async function getCard(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'disease.read');
  const row = await summaryQuery(db, actor)
    .leftJoin('area as t', 't.id', 'v.parent_id')
    .leftJoin('disease_card_alert as a', 'a.card_id', 'c.id')
    .selectAll('c')
    .select(['i.name as institution_name', 'v.name as area_name', 't.name as township_name', 'a.id as alert_id', 'a.acknowledged_at', 'a.acknowledged_by_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('传染病报告卡');
  const events = await db.selectFrom('disease_card_event').selectAll().where('card_id', '=', id).orderBy('id').execute();
  // Each revision's snapshot is the card before it; the card after it is the next snapshot, or the card now.
  const snapshots = events.filter((e) => e.action === 'revise').map((e) => e.before as Record<string, unknown>);
  let revisionIndex = 0;
  const history: CardEvent[] = events.map((e) => {
    let changes: CardEvent['changes'] = [];
    if (e.action === 'revise') {
      const before = snapshots[revisionIndex]!;
      const after = (snapshots[revisionIndex + 1] ?? row) as Record<string, unknown>;
      revisionIndex += 1;
      changes = COMPARED.filter((f) => comparable(before[f]) !== comparable(after[f])).map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
    }
    return { version: e.version, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, at: e.at.toISOString(), byName: e.by_name, reason: e.reason, changes };
  });
  return {
    ...toSummary(row),
    visitId: row.visit_id === null ? null : Number(row.visit_id),
    personId: row.person_id,
    areaId: row.area_id,
    townshipName: row.township_name,
    idNumber: row.id_number,
    birthDate: row.birth_date,
    ageYears: row.age_years,
    parentName: row.parent_name,
    phone: row.phone,
    occupation: row.occupation,
    workUnit: row.work_unit,
    address: row.address,
    formId: row.form_id,
    course: row.course,
    onsetDate: row.onset_date,
    deathDate: row.death_date,
    doctorName: row.doctor_name,
    remarks: row.remarks,
    enteredBy: row.entered_by_name,
    checkedAt: row.checked_at?.toISOString() ?? null,
    checkedBy: row.checked_by_name,
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    confirmedBy: row.confirmed_by_name,
    deletedAt: row.deleted_at?.toISOString() ?? null,
    deletedBy: row.deleted_by_name,
    deleteReason: row.delete_reason,
    alert: row.alert_id === null ? null : { id: row.alert_id, acknowledgedAt: row.acknowledged_at?.toISOString() ?? null, acknowledgedBy: row.acknowledged_by_name },
    history,
    actions: allowedActions(actor, row),
  };
}
export type CardDetail = Awaited<ReturnType<typeof getCard>>;

// Dates and times compare as text: a snapshot holds JSON strings, the row Date objects.
function comparable(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toISOString();
  return JSON.stringify(v ?? null);
}

/** What the reader may do to the card now, so the page shows only buttons that will work. */
export function allowedActions(actor: Actor, card: { status: CardStatus; institution_id: number }): Array<keyof typeof TRANSITIONS> {
  return (Object.keys(TRANSITIONS) as Array<keyof typeof TRANSITIONS>).filter((a) => {
    const t = TRANSITIONS[a];
    if (!t.from.includes(card.status) || !can(actor.role, t.permission)) return false;
    return !t.reporterOrCdc || isReporterOrCdc(actor, card.institution_id);
  });
}
