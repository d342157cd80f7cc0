import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../../database.ts';
import type { PersonStatus, Sex } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { notFound } from '../errors.ts';
import { convertFifteen } from './resident-id.ts';

// The scoped queries every people read goes through: a person is seen through their household's area.

export interface PersonSummary {
  id: number;
  name: string;
  idNumber: string | null;
  sex: Sex;
  birthDate: string;
  status: PersonStatus;
  statusDate: string | null;
  relation: string | null;
  householdId: number;
  householdNo: string;
  areaId: number;
  areaName: string;
}

/** Persons (with household and area joined) inside the actor's scope. */
export function scopedPersons(db: Db, actor: Actor) {
  return db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .innerJoin('area', 'area.id', 'household.area_id')
    .where('household.area_id', 'in', areaIdsIn(db, actor.scope));
}

export const personSummaryColumns = [
  'person.id',
  'person.name',
  'person.id_number',
  'person.sex',
  'person.birth_date',
  'person.status',
  'person.status_date',
  'person.relation',
  'person.household_id',
  'household.household_no',
  'household.area_id',
  'area.name as area_name',
] as const;

export function toPersonSummary(r: {
  id: number;
  name: string;
  id_number: string | null;
  sex: Sex;
  birth_date: string;
  status: PersonStatus;
  status_date: string | null;
  relation: string | null;
  household_id: number | null;
  household_no: string;
  area_id: number;
  area_name: string;
}): PersonSummary {
  return {
    id: r.id,
    name: r.name,
    idNumber: r.id_number,
    sex: r.sex,
    birthDate: r.birth_date,
    status: r.status,
    statusDate: r.status_date,
    relation: r.relation,
    householdId: r.household_id!,
    householdNo: r.household_no,
    areaId: r.area_id,
    areaName: r.area_name,
  };
}

/**
 * The ids of the areas a list covers: the caller's scope, narrowed to `areaId` and everything below
 * it; null when that is every area there is (a county-wide caller, not narrowed), so the list needs no
 * area filter at all. An area outside the scope answers like a missing one (404), so a doctor cannot
 * even learn that the neighbouring village's id exists. Lists filter on these ids as literal values
 * (on the person's or household's area_id) so the planner knows how narrow a village is and walks
 * only its rows; the area table is small enough to read whole for it.
 */
export async function listAreaIds(db: Db, actor: Actor, areaId?: number): Promise<number[] | null> {
  const areas = await db.selectFrom('area').select(['id', 'path']).execute();
  let within = actor.scope.path;
  if (areaId !== undefined) {
    const area = areas.find((a) => a.id === areaId);
    if (!area || !pathInScope(actor.scope, area.path)) throw notFound('区划');
    within = area.path;
  }
  const ids = areas.filter((a) => a.path.startsWith(within)).map((a) => a.id);
  if (ids.length === 0) throw notFound('区划');
  return ids.length === areas.length ? null : ids;
}

/** A search text that is a whole resident ID, as stored (15 digits converted, x upper-cased); else null. */
export function idNumberQuery(q: string): string | null {
  const compact = q.replace(/\s+/g, '').toUpperCase();
  if (/^\d{15}$/.test(compact)) return convertFifteen(compact);
  if (/^\d{17}[\dX]$/.test(compact)) return compact;
  return null;
}

// Counting a whole county to show "共 530000 条" is slow and useless: stop at a cap and say so.
// A name prefix can match tens of thousands county-wide, and counting each match costs a household
// lookup: name searches stop sooner ("1000+"), which is also the point where a clerk should narrow it.
export const COUNT_CAP = 10_000;
export const NAME_COUNT_CAP = 1_000;

/**
 * A list's total for the page just read: a page that is not full ends the list and so tells the
 * total exactly (a search by ID, a rare name, the last page) without a count; otherwise it is counted
 * up to the cap. Searches run on every keystroke, and most narrow ones end on their first page.
 */
export async function listTotal(
  db: Db,
  query: SelectQueryBuilder<Database, any, any>,
  cap: number,
  page: { offset: number; pageSize: number },
  rowsOnPage: number,
): Promise<{ total: number; totalCapped: boolean }> {
  if (rowsOnPage < page.pageSize && (rowsOnPage > 0 || page.offset === 0)) return { total: page.offset + rowsOnPage, totalCapped: false };
  return cappedCount(db, query, cap);
}

/** How many rows a list has, counting no further than `cap`. */
export async function cappedCount(db: Db, query: SelectQueryBuilder<Database, any, any>, cap = COUNT_CAP): Promise<{ total: number; totalCapped: boolean }> {
  const limited = query.clearSelect().clearOrderBy().select(sql<number>`1`.as('one')).limit(cap + 1);
  const { n } = await db
    .selectFrom(limited.as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { total: Math.min(n, cap), totalCapped: n > cap };
}
