import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { checkClusters, type ClusterCheckResult } from './check-clusters.ts';

// The one-line hooks the visit intake and card save paths call, in their transaction, after writing: the cluster check
// over the villages and days just written.

const none: ClusterCheckResult = { opened: [], extended: [] };

/** After a visit batch is written: checks the villages of its matched visits over the days they span. */
export async function checkClustersForVisitBatch(trx: Db, batchId: number, actor?: Actor): Promise<ClusterCheckResult> {
  const span = await trx
    .selectFrom('disease_visit')
    .select([
      sql<number[] | null>`array_agg(distinct residence_area_id) filter (where residence_area_id is not null)`.as('areas'),
      sql<string | null>`min((visited_at at time zone 'Asia/Shanghai')::date)::text`.as('since'),
      sql<string | null>`max((visited_at at time zone 'Asia/Shanghai')::date)::text`.as('until'),
    ])
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  if (!span?.areas?.length || !span.since || !span.until) return none;
  return checkClusters(trx, { areaIds: span.areas, since: span.since, until: span.until, actor });
}

/** After a report card is entered or revised: checks its village on its diagnosis day. */
export async function checkClustersForCard(trx: Db, cardId: number, actor?: Actor): Promise<ClusterCheckResult> {
  const card = await trx
    .selectFrom('disease_card')
    .select(['area_id', sql<string>`(diagnosed_at at time zone 'Asia/Shanghai')::date::text`.as('day')])
    .where('id', '=', cardId)
    .executeTakeFirst();
  if (!card) return none;
  return checkClusters(trx, { areaIds: [card.area_id], since: card.day, until: card.day, actor });
}
