import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { addDays } from '../../../core/dates.ts';
import { conflict, invalid, notFound } from '../../../core/errors.ts';
import { icd10Label } from '../icd10/icd10.ts';
import type { CaseSource, ClusterStatus } from '../db/deaths-schema.ts';
import { AreaIndex } from '../ranking/area-index.ts';
import { checkClusters, type ClusterCheckResult } from './check-clusters.ts';

export interface ClusterSummary {
  id: number;
  ruleKey: string;
  diseaseName: string;
  areaId: number;
  areaName: string;
  firstDate: string;
  lastDate: string;
  caseCount: number;
  status: ClusterStatus;
  openedAt: string;
  closedAt: string | null;
  closedByName: string | null;
  finding: string | null;
}

export interface ClusterCase {
  source: CaseSource;
  sourceId: number;
  date: string;
  icd10: string;
  diagnosis: string;
  patientName: string;
  institutionName: string;
}

type ClusterRow = { id: number; rule_key: string; disease_name: string; area_id: number; first_date: string; last_date: string; case_count: number; status: ClusterStatus; opened_at: Date; closed_at: Date | null; closed_by_name: string | null; finding: string | null };

const summary = (areas: AreaIndex, r: ClusterRow): ClusterSummary => ({
  id: r.id,
  ruleKey: r.rule_key,
  diseaseName: r.disease_name,
  areaId: r.area_id,
  areaName: areas.label(r.area_id),
  firstDate: r.first_date,
  lastDate: r.last_date,
  caseCount: r.case_count,
  status: r.status,
  openedAt: r.opened_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
  closedByName: r.closed_by_name,
  finding: r.finding,
});

const columns = ['id', 'rule_key', 'disease_name', 'area_id', 'first_date', 'last_date', 'case_count', 'status', 'opened_at', 'closed_at', 'closed_by_name', 'finding'] as const;

/** Cluster alerts in the actor's scope (narrowed to an area), open ones first, newest first. */
export async function listClusters(db: Db, actor: Actor, filter: { areaId?: number | undefined; status?: ClusterStatus | undefined } = {}): Promise<ClusterSummary[]> {
  requirePermission(actor, 'disease.read');
  const areas = await AreaIndex.load(db);
  const { ids } = areas.within(actor, filter.areaId);
  let q = db.selectFrom('disease_cluster').select(columns).where('area_id', 'in', ids);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy(sql`status = 'open'`, 'desc').orderBy('last_date', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map((r) => summary(areas, r));
}

/** One cluster with the cases behind it (patient, date, diagnosis, where it was seen or reported). */
export async function getCluster(db: Db, actor: Actor, id: number): Promise<ClusterSummary & { cases: ClusterCase[] }> {
  requirePermission(actor, 'disease.read');
  const areas = await AreaIndex.load(db);
  const row = await db.selectFrom('disease_cluster').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row || !areas.get(row.area_id)?.path.startsWith(actor.scope.path)) throw notFound('聚集性疫情');
  const links = await db.selectFrom('disease_cluster_case').selectAll().where('cluster_id', '=', id).orderBy('case_date').orderBy('source_id').execute();
  const visitIds = links.filter((l) => l.source === 'visit').map((l) => l.source_id);
  const cardIds = links.filter((l) => l.source === 'card').map((l) => l.source_id);
  const visits = visitIds.length
    ? await db.selectFrom('disease_visit as v').innerJoin('institution as i', 'i.id', 'v.institution_id').select(['v.id', 'v.patient_name', 'i.name']).where('v.id', 'in', visitIds).execute()
    : [];
  const cards = cardIds.length
    ? await db.selectFrom('disease_card as c').innerJoin('institution as i', 'i.id', 'c.institution_id').select(['c.id', 'c.patient_name', 'i.name']).where('c.id', 'in', cardIds).execute()
    : [];
  const seen = new Map([...visits.map((v) => [`visit:${v.id}`, v] as const), ...cards.map((c) => [`card:${c.id}`, c] as const)]);
  return {
    ...summary(areas, row),
    cases: links.map((l) => {
      const found = seen.get(`${l.source}:${l.source_id}`);
      return { source: l.source, sourceId: l.source_id, date: l.case_date, icd10: l.icd10, diagnosis: icd10Label(l.icd10), patientName: found?.patient_name ?? '', institutionName: found?.name ?? '' };
    }),
  };
}

/** Closes a cluster with the CDC's finding (调查结论); a later case of the same cluster reopens it. */
export async function closeCluster(db: Db, actor: Actor, id: number, input: { finding: string }): Promise<void> {
  requirePermission(actor, 'disease.confirm');
  const finding = input.finding.trim();
  if (finding.length < 2) throw invalid('finding', '请填写调查结论（如：已核实为学校聚集，已采取隔离措施），再结案');
  await inTransaction(db, async (trx) => {
    const areas = await AreaIndex.load(trx);
    const row = await trx.selectFrom('disease_cluster').select(['status', 'area_id']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !areas.get(row.area_id)?.path.startsWith(actor.scope.path)) throw notFound('聚集性疫情');
    if (row.status === 'closed') throw conflict('cluster_closed', '该聚集性疫情已结案，无需再次结案');
    await trx.updateTable('disease_cluster').set({ status: 'closed', closed_at: sql`now()`, closed_by_name: actor.name, finding, updated_at: sql`now()` }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'close', entity: 'disease_cluster', entityId: id, areaId: row.area_id, before: { status: 'open' }, after: { status: 'closed', finding } });
  });
}

/** "立即检查": runs the check over the actor's villages for the days given (at most a year), as the actor. */
export async function checkClustersNow(db: Db, actor: Actor, input: { areaId?: number | undefined; since: string; until: string }): Promise<ClusterCheckResult> {
  requirePermission(actor, 'disease.confirm');
  if (input.since > input.until) throw invalid('since', `开始日期 ${input.since} 晚于结束日期 ${input.until}，请调换后再检查`);
  if (input.since < addDays(input.until, -366)) throw invalid('since', '一次最多检查一年，请缩短日期范围');
  const areas = await AreaIndex.load(db);
  const { ids } = areas.within(actor, input.areaId);
  const all = ids.length === areas.byId.size;
  return inTransaction(db, (trx) => checkClusters(trx, { areaIds: all ? null : ids, since: input.since, until: input.until, actor }));
}
