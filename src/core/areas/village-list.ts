import type { Db } from '../db/connection.ts';
import { pathInScope, type Actor } from '../auth/actor.ts';
import { notFound } from '../errors.ts';
import { getArea } from './areas.ts';

export interface VillageWithTownship {
  id: number;
  code: string;
  name: string;
  /** The day the village ended (merged, split, abolished); null while it exists. */
  validTo: string | null;
  townshipId: number;
  townshipCode: string;
  townshipName: string;
}

/**
 * The village-level areas (villages and communities) in the caller's scope, narrowed to `areaId` and below (a
 * village, a township or the county), each with its township, in code order. An area outside the scope answers 404
 * like a missing one. Ended villages are included so figures of the people still recorded in them are not lost.
 */
export async function villagesWithTownships(db: Db, actor: Actor, areaId?: number): Promise<VillageWithTownship[]> {
  const path = areaId === undefined ? actor.scope.path : (await getArea(db, actor, areaId)).path;
  // getArea also shows the areas above the caller's scope (for the tree); asking for their villages is asking outside.
  if (!pathInScope(actor.scope, path)) throw notFound('区划');
  const rows = await db
    .selectFrom('area as v')
    .innerJoin('area as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.code', 'v.name', 'v.valid_to', 't.id as township_id', 't.code as township_code', 't.name as township_name'])
    .where('v.level', '=', 'village')
    .where('v.path', 'like', `${path}%`)
    .orderBy('t.code')
    .orderBy('v.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    validTo: r.valid_to,
    townshipId: r.township_id,
    townshipCode: r.township_code,
    townshipName: r.township_name,
  }));
}
