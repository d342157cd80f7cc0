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

/** Every case the cluster check counts: visit diagnoses and report cards. */
export async function loadCases(db: Db, query: CaseQuery): Promise<DiseaseCase[]> {
  return visitCases(db, query);
}
