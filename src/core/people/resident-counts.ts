import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../../database.ts';
import type { Actor } from '../auth/actor.ts';
import { listAreaIds } from './person-query.ts';

/** Another module's subquery of person ids, e.g. the residents who have a health record. */
export type PersonIdSet = SelectQueryBuilder<Database, any, { person_id: number }>;

export interface VillageResidents<K extends string> {
  areaId: number;
  /** Living residents (在册) registered in the village. */
  residents: number;
  /** How many of those residents are in each set given. */
  among: Record<K, number>;
}

/**
 * Living residents per village of the caller's scope (narrowed to `areaId` and below; outside it: 404), and how
 * many of them belong to each of the given person sets, in one grouped scan. This lets a module count its coverage
 * of the population (建档率, ...) without reading person rows itself. Villages without living residents are left out.
 */
export async function livingResidentsByVillage<K extends string>(
  db: Db,
  actor: Actor,
  areaId: number | undefined,
  among: Record<K, PersonIdSet>,
): Promise<VillageResidents<K>[]> {
  const areaIds = await listAreaIds(db, actor, areaId);
  const keys = Object.keys(among) as K[];
  let query = db.selectFrom('person').where('person.status', '=', 'alive');
  query = areaIds ? query.where('person.area_id', 'in', areaIds) : query.where('person.area_id', 'is not', null);
  const rows = await query
    .select([
      'person.area_id',
      sql<number>`count(*)::int`.as('residents'),
      ...keys.map((k, i) => sql<number>`count(*) filter (where person.id in (${among[k]}))::int`.as(`among_${i}`)),
    ])
    .groupBy('person.area_id')
    .execute();
  return rows.map((row) => {
    const counts = row as unknown as Record<string, number>;
    return {
      areaId: row.area_id!,
      residents: row.residents,
      among: Object.fromEntries(keys.map((k, i) => [k, counts[`among_${i}`]!])) as Record<K, number>,
    };
  });
}
