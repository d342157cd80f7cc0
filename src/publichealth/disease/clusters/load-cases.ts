import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { addDays } from '../../../core/dates.ts';
import type { DiseaseCase } from './find-clusters.ts';
import { CLUSTER_THRESHOLDS } from './thresholds.ts';

export interface CaseQuery {
  /** Villages to look in; null = the whole county. */
  areaIds: readonly number[] | null;
  /** Shanghai dates, both included. */
  since: string;
  until: string;
}

/** The 3-character categories any threshold rule counts, so the query uses the diagnosis category index. */
const RULE_CATEGORIES = [...new Set(CLUSTER_THRESHOLDS.flatMap((t) => t.rules.flatMap((r) => r.icd10.map((c) => c.slice(0, 3)))))];

/** Shanghai midnight of a date, as the timestamptz bound of a visit range. */
export const shanghaiStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * Cases of the threshold diseases diagnosed at visits in the villages and dates asked: matched visits only, since an
 * unmatched visit has no village yet (it counts once it is linked and checked again).
 */
export async function visitCases(db: Db, query: CaseQuery): Promise<DiseaseCase[]> {
  if (query.areaIds?.length === 0) return [];
  let q = db
    .selectFrom('disease_visit_diagnosis as d')
    .innerJoin('disease_visit as v', 'v.id', 'd.visit_id')
    .select(['v.id', 'v.person_id', 'v.residence_area_id', 'd.icd10', sql<string>`(v.visited_at at time zone 'Asia/Shanghai')::date::text`.as('day')])
    .where('d.category', 'in', RULE_CATEGORIES)
    .where('v.person_id', 'is not', null)
    .where('v.visited_at', '>=', shanghaiStart(query.since))
    .where('v.visited_at', '<', shanghaiStart(addDays(query.until, 1)));
  if (query.areaIds) q = q.where('v.residence_area_id', 'in', [...query.areaIds]);
  const rows = await q.execute();
  return rows.map((r) => ({ source: 'visit', sourceId: Number(r.id), personKey: `p:${r.person_id}`, areaId: r.residence_area_id!, date: r.day, icd10: r.icd10 }));
}

/** Who a card is about: the resident when matched, else the ID number, else name and birth date. */
function cardPersonKey(card: { person_id: number | null; id_number: string | null; patient_name: string; birth_date: string | null }): string {
  if (card.person_id !== null) return `p:${card.person_id}`;
  if (card.id_number) return `id:${card.id_number}`;
  return `nb:${card.patient_name}|${card.birth_date ?? ''}`;
}

/** Cases of the threshold diseases on report cards (not deleted) of the villages and dates asked, by diagnosis date. */
export async function cardCases(db: Db, query: CaseQuery): Promise<DiseaseCase[]> {
  if (query.areaIds?.length === 0) return [];
  let q = db
    .selectFrom('disease_card as c')
    .select(['c.id', 'c.person_id', 'c.id_number', 'c.patient_name', 'c.birth_date', 'c.area_id', 'c.icd10', sql<string>`(c.diagnosed_at at time zone 'Asia/Shanghai')::date::text`.as('day')])
    .where('c.status', '<>', 'deleted')
    .where(sql<string>`left(c.icd10, 3)`, 'in', RULE_CATEGORIES)
    .where('c.diagnosed_at', '>=', shanghaiStart(query.since))
    .where('c.diagnosed_at', '<', shanghaiStart(addDays(query.until, 1)));
  if (query.areaIds) q = q.where('c.area_id', 'in', [...query.areaIds]);
  const rows = await q.execute();
  return rows.map((r) => ({ source: 'card', sourceId: r.id, personKey: cardPersonKey(r), areaId: r.area_id, date: r.day, icd10: r.icd10 }));
}

/** Every case the cluster check counts: visit diagnoses and report cards (the same person once, by findClusters). */
export async function loadCases(db: Db, query: CaseQuery): Promise<DiseaseCase[]> {
  return [...(await cardCases(db, query)), ...(await visitCases(db, query))];
}
