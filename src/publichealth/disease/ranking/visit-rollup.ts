/**
 * The visit counts the 疾病谱 reads (disease_visit_rollup, migration 0004): per Shanghai day, institution, residence
 * village (null = unmatched) and 3-character category of the principal diagnosis. Kept in the transaction that writes
 * or links the visits, so the ranking always equals a count over the visits themselves.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';

/** Which new visits to add: given ids (a received batch), or every visit from an id on (bulk loads of fresh ids). */
export type NewVisits = { ids: readonly number[] } | { idsFrom: number };

/** Adds new visits (with their principal diagnosis already written) to the counts. */
export async function addVisitsToRollup(db: Db, visits: NewVisits): Promise<void> {
  if ('ids' in visits && visits.ids.length === 0) return;
  const which = 'ids' in visits ? sql`v.id = any(${visits.ids}::bigint[])` : sql`v.id >= ${visits.idsFrom}`;
  await sql`
    insert into disease_visit_rollup as r (day, institution_id, residence_area_id, category, visits)
    select (v.visited_at at time zone 'Asia/Shanghai')::date, v.institution_id, v.residence_area_id, d.category, count(*)
    from disease_visit v join disease_visit_diagnosis d on d.visit_id = v.id and d.seq = 1
    where ${which}
    group by 1, 2, 3, 4
    on conflict (day, institution_id, residence_area_id, category) do update set visits = r.visits + excluded.visits`.execute(db);
}

/** A visit linked by hand: its count moves from the unmatched (null village) row to its new village. */
export async function moveLinkedVisitInRollup(db: Db, visitId: number, areaId: number): Promise<void> {
  const key = sql`select (v.visited_at at time zone 'Asia/Shanghai')::date as day, v.institution_id, d.category
    from disease_visit v join disease_visit_diagnosis d on d.visit_id = v.id and d.seq = 1 where v.id = ${visitId}`;
  await sql`
    update disease_visit_rollup r set visits = r.visits - 1 from (${key}) k
    where r.day = k.day and r.institution_id = k.institution_id and r.residence_area_id is null and r.category = k.category`.execute(db);
  await sql`
    delete from disease_visit_rollup r using (${key}) k
    where r.day = k.day and r.institution_id = k.institution_id and r.residence_area_id is null and r.category = k.category and r.visits = 0`.execute(db);
  await sql`
    insert into disease_visit_rollup as r (day, institution_id, residence_area_id, category, visits)
    select k.day, k.institution_id, ${areaId}::int, k.category, 1 from (${key}) k
    on conflict (day, institution_id, residence_area_id, category) do update set visits = r.visits + 1`.execute(db);
}
