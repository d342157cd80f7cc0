import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../../database.ts';
import type { Actor } from '../auth/actor.ts';
import { listAreaIds } from './person-query.ts';

/** Another module's subquery of person ids, e.g. the residents a module served in a period. */
export type PersonIdSet = SelectQueryBuilder<Database, any, { person_id: number }>;

/**
 * Another module's rows about persons, at most one per person: `person_id` and boolean columns (flags) to count,
 * e.g. each resident's health record with `electronic` and `complete`.
 */
export type PersonFlagRows<K extends string> = SelectQueryBuilder<Database, any, { person_id: number } & Record<K, boolean | null>>;

export interface VillageResidents<K extends string> {
  areaId: number;
  /** Living residents (在册) registered in the village. */
  residents: number;
  /** How many of them have a row in the set given. */
  inSet: number;
  /** How many of them have a row with each flag true. */
  flags: Record<K, number>;
}

/**
 * Living residents per village of the caller's scope (narrowed to `areaId` and below; outside it: 404), and how
 * many of them have a row in another module's set and each of its flags, in one grouped scan with one join. This
 * lets a module count its coverage of the population (建档率, ...) without reading person rows itself. Villages
 * without living residents are left out.
 */
export async function livingResidentsByVillage<K extends string = never>(
  db: Db,
  actor: Actor,
  areaId: number | undefined,
  set?: { rows: PersonFlagRows<K>; flags: readonly K[] },
): Promise<VillageResidents<K>[]> {
  const areaIds = await listAreaIds(db, actor, areaId);
  const flags = set?.flags ?? [];
  const rows = set?.rows ?? (db.selectFrom('person').select('person.id as person_id').where(sql<boolean>`false`) as unknown as PersonFlagRows<K>);
  // The other module's columns are not in this module's types: the join is typed loosely, its SQL is the same.
  let query = (db as Kysely<any>)
    .selectFrom('person')
    .leftJoin(rows.as('s'), 's.person_id', 'person.id')
    .where('person.status', '=', 'alive');
  query = areaIds ? query.where('person.area_id', 'in', areaIds) : query.where('person.area_id', 'is not', null);
  const result = await query
    .select([
      'person.area_id',
      sql<number>`count(*)::int`.as('residents'),
      sql<number>`count(s.person_id)::int`.as('in_set'),
      ...flags.map((k, i) => sql<number>`count(*) filter (where s.${sql.ref(k)})::int`.as(`flag_${i}`)),
    ])
    .groupBy('person.area_id')
    .execute();
  return result.map((row) => {
    const counts = row as Record<string, number>;
    return {
      areaId: counts.area_id!,
      residents: counts.residents!,
      inSet: counts.in_set!,
      flags: Object.fromEntries(flags.map((k, i) => [k, counts[`flag_${i}`]!])) as Record<K, number>,
    };
  });
}
