import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { addDays } from '../../../core/dates.ts';
import { findClusters, type ClusterEpisode } from './find-clusters.ts';
import { loadCases, type CaseQuery } from './load-cases.ts';
import { CLUSTER_THRESHOLDS } from './thresholds.ts';

export interface ClusterCheckResult {
  opened: number[];
  extended: number[];
}

/** The longest window of any rule: cases that far before `since` still count towards a window ending after it. */
const LONGEST_WINDOW = Math.max(...CLUSTER_THRESHOLDS.flatMap((t) => t.rules.map((r) => r.windowDays)));

/**
 * Checks the villages and dates given for clusters and records them as alerts for the CDC, in the caller's
 * transaction: a new episode opens an alert; one that overlaps an existing alert of the same rule and village (or
 * starts within a window of its last case) extends it with the new cases, reopening it if it was closed. Re-checking
 * the same cases changes nothing, so it is safe to call after every saved visit batch or report card.
 */
export async function checkClusters(trx: Db, query: CaseQuery & { actor?: Actor }): Promise<ClusterCheckResult> {
  const actor = query.actor ?? systemActor('聚集性疫情检查');
  // Read back to the start of any open alert still going on here, so the finder sees its whole episode and a late case
  // of it (even one checked on its own, as a saved card is) extends it.
  let openAlerts = trx.selectFrom('disease_cluster').select((eb) => eb.fn.min('first_date').as('first')).where('status', '=', 'open').where('last_date', '>=', addDays(query.since, -LONGEST_WINDOW));
  if (query.areaIds) openAlerts = openAlerts.where('area_id', 'in', query.areaIds.length ? [...query.areaIds] : [0]);
  const openSince = (await openAlerts.executeTakeFirst())?.first ?? null;
  const windowSince = addDays(query.since, -(LONGEST_WINDOW - 1));
  const cases = await loadCases(trx, { areaIds: query.areaIds, since: openSince && openSince < windowSince ? openSince : windowSince, until: query.until });
  const episodes = findClusters(cases).filter((e) => e.lastDate >= query.since);
  const result: ClusterCheckResult = { opened: [], extended: [] };
  for (const episode of episodes) {
    const existing = await trx
      .selectFrom('disease_cluster')
      .select(['id', 'status', 'case_count'])
      .where('rule_key', '=', episode.rule.key)
      .where('area_id', '=', episode.areaId)
      .where('last_date', '>=', addDays(episode.firstDate, -(episode.rule.windowDays - 1)))
      .where('first_date', '<=', addDays(episode.lastDate, episode.rule.windowDays - 1))
      .orderBy('last_date', 'desc')
      .forUpdate()
      .executeTakeFirst();
    if (!existing) {
      result.opened.push(await openCluster(trx, actor, episode));
      continue;
    }
    const added = await addCases(trx, existing.id, episode);
    if (added === 0) continue;
    const totals = await trx
      .selectFrom('disease_cluster_case')
      .select([sql<string>`min(case_date)::text`.as('first'), sql<string>`max(case_date)::text`.as('last'), sql<number>`count(*)::int`.as('n')])
      .where('cluster_id', '=', existing.id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('disease_cluster')
      .set({ first_date: totals.first, last_date: totals.last, case_count: totals.n, status: 'open', closed_at: null, updated_at: sql`now()` })
      .where('id', '=', existing.id)
      .execute();
    await recordAudit(trx, actor, {
      action: existing.status === 'closed' ? 'reopen' : 'extend',
      entity: 'disease_cluster',
      entityId: existing.id,
      areaId: episode.areaId,
      before: { caseCount: existing.case_count, status: existing.status },
      after: { caseCount: totals.n, firstDate: totals.first, lastDate: totals.last, status: 'open' },
    });
    result.extended.push(existing.id);
  }
  return result;
}

async function openCluster(trx: Db, actor: Actor, episode: ClusterEpisode): Promise<number> {
  const { id } = await trx
    .insertInto('disease_cluster')
    .values({
      rule_key: episode.rule.key,
      rules_from: episode.rulesFrom,
      disease_name: episode.rule.name,
      area_id: episode.areaId,
      first_date: episode.firstDate,
      last_date: episode.lastDate,
      case_count: episode.cases.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addCases(trx, id, episode);
  await recordAudit(trx, actor, {
    action: 'open',
    entity: 'disease_cluster',
    entityId: id,
    areaId: episode.areaId,
    after: { rule: episode.rule.key, disease: episode.rule.name, firstDate: episode.firstDate, lastDate: episode.lastDate, caseCount: episode.cases.length },
  });
  return id;
}

/** Links the episode's cases to the cluster; a case or person already linked is skipped. Returns how many were new. */
async function addCases(trx: Db, clusterId: number, episode: ClusterEpisode): Promise<number> {
  const rows = episode.cases.map((c) => ({ cluster_id: clusterId, source: c.source, source_id: c.sourceId, person_key: c.personKey, case_date: c.date, icd10: c.icd10 }));
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await trx.insertInto('disease_cluster_case').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).returning('source_id').execute();
    added += inserted.length;
  }
  return added;
}
