/**
 * The loading around 漏报 detection: a period's visit diagnoses of notifiable categories (through the diagnosis
 * category index) and the cards that could answer them, then the pure detection, the missed list and the rates.
 */
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { institutionIdsIn } from '../../../core/institutions/institutions.ts';
import { addDays } from '../../../core/dates.ts';
import { invalid } from '../../../core/errors.ts';
import { pageRequest, type Page, type PageRequest } from '../../../core/list-page.ts';
import { NOTIFIABLE_LISTS } from '../notifiable/index.ts';
import { diseaseLabel, shanghaiMidnight } from './card-query.ts';
import { detectMissedReports, type CaseOutcome, type CardRow, type VisitCase } from './missed-detect.ts';
import { RATE_DEFINITIONS, reportRates, type RateRow } from './report-rates.ts';

export interface Period {
  /** Shanghai dates, both included, of the visits (diagnoses) looked at. */
  from: string;
  to: string;
}

/** Every category any loaded list can match, and the widest answering window. */
const CATEGORIES = [...new Set(NOTIFIABLE_LISTS.versions.flatMap((v) => v.categories))];
const MATCH_DAYS = Math.max(...NOTIFIABLE_LISTS.versions.map((v) => v.matchDays));
const MAX_DAYS = 366;

function checkPeriod(period: Period): void {
  if (period.from > period.to) throw invalid('from', '开始日期晚于结束日期，请重新选择时段');
  if (addDays(period.from, MAX_DAYS) <= period.to) throw invalid('to', `一次最多统计 ${MAX_DAYS} 天，请缩短时段`);
}

/**
 * The two queries behind detection: the period's visit diagnoses of notifiable categories in the actor's scope (the
 * visit's institution or the patient's village), through the diagnosis category index, and the live cards diagnosed
 * within the answering window around the period (any card may answer a visit in scope, wherever it was reported).
 */
export function detectionQueries(db: Db, actor: Actor, period: Period) {
  checkPeriod(period);
  const start = shanghaiMidnight(period.from);
  const end = shanghaiMidnight(addDays(period.to, 1));
  let visits = db
    .selectFrom('disease_visit_diagnosis as d')
    .innerJoin('disease_visit as v', 'v.id', 'd.visit_id')
    .select(['v.id', 'v.institution_id', 'v.person_id', 'v.id_number', 'v.patient_name', 'v.birth_date', 'v.residence_area_id', 'v.visited_at', 'd.icd10'])
    .where('d.category', 'in', CATEGORIES)
    .where('v.visited_at', '>=', start)
    .where('v.visited_at', '<', end);
  if (actor.scope.path !== '/') {
    visits = visits.where((eb) => eb.or([eb('v.institution_id', 'in', institutionIdsIn(db, actor.scope)), eb('v.residence_area_id', 'in', areaIdsIn(db, actor.scope))]));
  }
  const cards = db
    .selectFrom('disease_card')
    .select(['id', 'institution_id', 'person_id', 'id_number', 'patient_name', 'birth_date', 'disease_id', 'diagnosed_at', 'reported_at', 'on_time'])
    .where('status', '<>', 'deleted')
    .where('diagnosed_at', '>=', new Date(start.getTime() - MATCH_DAYS * 86_400_000))
    .where('diagnosed_at', '<', new Date(end.getTime() + MATCH_DAYS * 86_400_000));
  return { visits, cards, start, end };
}

/** The cases of a period's visits in the actor's scope, detected; and the cards diagnosed in the period. */
export async function detectCases(db: Db, actor: Actor, period: Period, now: Date): Promise<{ cases: VisitCase[]; cards: Array<CardRow & { onTime: boolean }> }> {
  const { visits, cards, start, end } = detectionQueries(db, actor, period);
  const [visitRows, cardRows] = await Promise.all([visits.execute(), cards.execute()]);
  const cardList = cardRows.map((c) => ({
    id: c.id, institutionId: c.institution_id, personId: c.person_id, idNumber: c.id_number, patientName: c.patient_name, birthDate: c.birth_date,
    diseaseId: c.disease_id, diagnosedAt: c.diagnosed_at, reportedAt: c.reported_at, onTime: c.on_time,
  }));
  const cases = detectMissedReports(
    visitRows.map((v) => ({
      visitId: Number(v.id), institutionId: v.institution_id, personId: v.person_id, idNumber: v.id_number, patientName: v.patient_name,
      birthDate: v.birth_date, residenceAreaId: v.residence_area_id, visitedAt: v.visited_at, icd10: v.icd10,
    })),
    cardList,
    NOTIFIABLE_LISTS,
    now,
  );
  return { cases, cards: cardList.filter((c) => c.diagnosedAt >= start && c.diagnosedAt < end) };
}

export interface MissedFilter extends Period, Partial<PageRequest> {
  institutionId?: number | undefined;
  outcome?: CaseOutcome | undefined;
}

export interface MissedItem {
  visitId: number;
  institutionId: number;
  /** 责任报告单位: the institution that diagnosed. */
  institutionName: string;
  patientName: string;
  areaName: string | null;
  visitedAt: string;
  deadline: string;
  icd10: string;
  disease: string;
  classA: boolean;
  hours: number;
  outcome: CaseOutcome;
  cardId: number | null;
  cardInstitutionName: string | null;
}

/** The institution's and the CDC's list: missed cases by default (or any outcome), oldest deadline first. */
export async function listMissedReports(db: Db, actor: Actor, filter: MissedFilter, now: Date = new Date()): Promise<Page<MissedItem> & { counts: Record<CaseOutcome, number> }> {
  requirePermission(actor, 'disease.read');
  const { page, pageSize, offset } = pageRequest(filter);
  const { cases } = await detectCases(db, actor, filter, now);
  const inInstitution = filter.institutionId ? cases.filter((c) => c.institutionId === filter.institutionId) : cases;
  const counts: Record<CaseOutcome, number> = { reported: 0, late: 0, missed: 0, pending: 0 };
  for (const c of inInstitution) counts[c.outcome] += 1;
  const chosen = inInstitution.filter((c) => c.outcome === (filter.outcome ?? 'missed')).sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a.visitId - b.visitId);
  const pageCases = chosen.slice(offset, offset + pageSize);
  const institutionIds = [...new Set(pageCases.flatMap((c) => [c.institutionId, c.cardInstitutionId ?? c.institutionId]))];
  const areaIds = [...new Set(pageCases.flatMap((c) => (c.residenceAreaId === null ? [] : [c.residenceAreaId])))];
  const [institutions, areas] = await Promise.all([
    institutionIds.length ? db.selectFrom('institution').select(['id', 'name']).where('id', 'in', institutionIds).execute() : [],
    areaIds.length ? db.selectFrom('area').select(['id', 'name']).where('id', 'in', areaIds).execute() : [],
  ]);
  const institutionName = new Map(institutions.map((i) => [i.id, i.name]));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const items = pageCases.map((c) => ({
    visitId: c.visitId,
    institutionId: c.institutionId,
    institutionName: institutionName.get(c.institutionId) ?? '',
    patientName: c.patientName,
    areaName: c.residenceAreaId === null ? null : (areaName.get(c.residenceAreaId) ?? null),
    visitedAt: c.visitedAt.toISOString(),
    deadline: c.deadline.toISOString(),
    icd10: c.icd10,
    disease: diseaseLabel({ list_id: c.listId, disease_id: c.diseaseId, form_id: null }),
    classA: c.classA,
    hours: c.hours,
    outcome: c.outcome,
    cardId: c.cardId,
    cardInstitutionName: c.cardInstitutionId === null ? null : (institutionName.get(c.cardInstitutionId) ?? null),
  }));
  return { items, total: chosen.length, page, pageSize, counts };
}

export interface RatesReport {
  period: Period;
  definitions: typeof RATE_DEFINITIONS;
  institutions: RateRow[];
  townships: RateRow[];
  total: RateRow;
}

/** Reporting and timely rates per institution and per township (the institution's township; 县直 for county ones). */
export async function reportingRates(db: Db, actor: Actor, period: Period, now: Date = new Date()): Promise<RatesReport> {
  requirePermission(actor, 'disease.read');
  const { cases, cards } = await detectCases(db, actor, period, now);
  const institutions = await db
    .selectFrom('institution as i')
    .innerJoin('area as a', 'a.id', 'i.area_id')
    .leftJoin('area as p', 'p.id', 'a.parent_id')
    .select(['i.id', 'i.code', 'i.name', 'a.level', 'a.id as area_id', 'a.code as area_code', 'a.name as area_name', 'p.id as parent_id', 'p.code as parent_code', 'p.name as parent_name'])
    .where('i.id', 'in', institutionIdsIn(db, actor.scope))
    .execute();
  const byId = new Map(institutions.map((i) => [i.id, i]));
  const township = (id: number) => {
    const i = byId.get(id);
    if (!i) return undefined;
    if (i.level === 'township') return { key: i.area_code, name: i.area_name };
    if (i.level === 'village') return { key: i.parent_code!, name: i.parent_name! };
    return { key: '0', name: '县直机构' };
  };
  const ownCards = cards.map((c) => ({ institutionId: c.institutionId, onTime: c.onTime }));
  const institutionRows = reportRates(cases, ownCards, (id) => {
    const i = byId.get(id);
    return i && { key: `${township(id)!.key}:${i.code}`, name: i.name };
  });
  const [total] = reportRates(cases, ownCards, (id) => (byId.has(id) ? { key: 'all', name: '合计' } : undefined));
  return {
    period,
    definitions: RATE_DEFINITIONS,
    institutions: institutionRows,
    townships: reportRates(cases, ownCards, township),
    total: total ?? { key: 'all', name: '合计', registered: 0, reported: 0, missed: 0, reportingRate: null, cards: 0, onTime: 0, timelyRate: null },
  };
}
