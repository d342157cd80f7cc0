/**
 * Alerts (预警线索): the list with filters, the claims behind one, and closing it with a finding. Scope: an alert is
 * seen by a user who may see at least one of its claims (the claims' institutions inside their area, as the claims
 * module scopes claims); the claims behind are listed only as far as the user may see them. Closing (ncms.manage)
 * needs an outcome and a finding, is audited, and happens once.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Database } from '../../database.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { institutionIdsIn } from '../../core/institutions/institutions.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import type { AlertOutcome, AlertStatus, NcmsAlertTable } from '../db/monitoring-schema.ts';
import { CLAIM_KINDS, CLAIM_STATUSES } from '../claims/vocabulary.ts';
import { isRuleCode, RULE_TEXT, type AlertRule } from './rule-config.ts';
import { parseMonth } from './months.ts';

export const ALERT_OUTCOMES: Record<AlertOutcome, string> = { confirmed: '查实违规', explained: '情况属实但有合理原因', false_alarm: '误报' };
export const ALERT_STATUSES: Record<AlertStatus, string> = { open: '待核查', closed: '已办结' };

export interface AlertSummary {
  id: number;
  rule: AlertRule;
  ruleName: string;
  month: string;
  institutionId: number | null;
  institutionName: string | null;
  personId: number | null;
  personName: string | null;
  summary: string;
  figures: Record<string, unknown>;
  claimCount: number;
  status: AlertStatus;
  statusName: string;
  outcome: AlertOutcome | null;
  outcomeName: string | null;
  finding: string | null;
  closedByName: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface AlertFilter extends Partial<PageRequest> {
  month?: string | undefined;
  rule?: string | undefined;
  status?: AlertStatus | undefined;
  institutionId?: number | undefined;
}

/** A where-condition over `ncms_alert as a`: alerts with at least one claim at an institution in the actor's area. */
function alertVisibleTo(db: Db, actor: Actor) {
  return (eb: ExpressionBuilder<Database & { a: NcmsAlertTable }, 'a'>): Expression<SqlBool> => {
    if (actor.scope.path === '/') return sql<SqlBool>`true`;
    return eb.exists(
      eb
        .selectFrom('ncms_alert_claim as ac')
        .innerJoin('ncms_claim as c', 'c.id', 'ac.claim_id')
        .select('ac.claim_id')
        .whereRef('ac.alert_id', '=', 'a.id')
        .where('c.institution_id', 'in', institutionIdsIn(db, actor.scope)),
    );
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function alertQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('ncms_alert as a')
    .where(alertVisibleTo(db, actor))
    .selectAll('a')
    .select((eb) => eb.selectFrom('ncms_alert_claim as n').select(eb.fn.countAll<string>().as('n')).whereRef('n.alert_id', '=', 'a.id').as('claim_count'));
}
type AlertRow = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: AlertRow): AlertSummary {
  const figures = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Record<string, unknown>;
  const rule = r.rule as AlertRule;
  return {
    id: r.id,
    rule,
    ruleName: isRuleCode(rule) ? RULE_TEXT[rule].name : rule,
    month: r.month,
    institutionId: r.institution_id,
    institutionName: (figures.institutionName as string | undefined) ?? null,
    personId: r.person_id,
    personName: (figures.personName as string | undefined) ?? null,
    summary: r.summary,
    figures,
    claimCount: Number(r.claim_count ?? 0),
    status: r.status,
    statusName: ALERT_STATUSES[r.status],
    outcome: r.outcome,
    outcomeName: r.outcome ? ALERT_OUTCOMES[r.outcome] : null,
    finding: r.finding,
    closedByName: r.closed_by_name,
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at)!,
  };
}

/** 预警线索 the actor may see, newest month first. */
export async function listAlerts(db: Db, actor: Actor, filter: AlertFilter = {}): Promise<Page<AlertSummary>> {
  requirePermission(actor, 'ncms.read');
  const { page, pageSize, offset } = pageRequest(filter);
  if (filter.month !== undefined) parseMonth(filter.month);
  if (filter.rule !== undefined && !isRuleCode(filter.rule)) throw invalid('rule', `没有名为「${filter.rule}」的监测规则`);
  let query = alertQuery(db, actor);
  if (filter.month) query = query.where('a.month', '=', filter.month);
  if (filter.rule) query = query.where('a.rule', '=', filter.rule);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.institutionId !== undefined) query = query.where('a.institution_id', '=', filter.institutionId);
  const [rows, { n }] = await Promise.all([
    query.orderBy('a.month', 'desc').orderBy('a.id', 'desc').limit(pageSize).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(n), page, pageSize };
}

export async function getAlert(db: Db, actor: Actor, id: number): Promise<AlertSummary> {
  requirePermission(actor, 'ncms.read');
  const row = await alertQuery(db, actor).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('预警线索');
  return toSummary(row);
}

export interface AlertClaim {
  id: number;
  claimNo: string;
  institutionName: string;
  personName: string;
  idNumberMasked: string | null;
  kind: string;
  kindName: string;
  status: string;
  statusName: string;
  admittedOn: string;
  dischargedOn: string | null;
  diagnosis: string;
  totalFen: number;
  outOfCatalogFen: number;
  payFen: number | null;
}

/** The claims behind an alert that the actor may see, by date. */
export async function alertClaims(db: Db, actor: Actor, id: number): Promise<AlertClaim[]> {
  await getAlert(db, actor, id);
  const rows = await db
    .selectFrom('ncms_alert_claim as ac')
    .innerJoin('ncms_claim as c', 'c.id', 'ac.claim_id')
    .where('ac.alert_id', '=', id)
    .$if(actor.scope.path !== '/', (q) => q.where('c.institution_id', 'in', institutionIdsIn(db, actor.scope)))
    .select(['c.id', 'c.claim_no', 'c.institution_name', 'c.person_name', 'c.id_number_masked', 'c.kind', 'c.status', 'c.admitted_on', 'c.discharged_on', 'c.diagnosis', 'c.total_fen', 'c.out_of_catalog_fen', 'c.pay_fen'])
    .orderBy('c.admitted_on')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    claimNo: r.claim_no,
    institutionName: r.institution_name,
    personName: r.person_name,
    idNumberMasked: r.id_number_masked,
    kind: r.kind,
    kindName: CLAIM_KINDS[r.kind],
    status: r.status,
    statusName: CLAIM_STATUSES[r.status],
    admittedOn: r.admitted_on,
    dischargedOn: r.discharged_on,
    diagnosis: r.diagnosis,
    totalFen: Number(r.total_fen),
    outOfCatalogFen: Number(r.out_of_catalog_fen),
    payFen: r.pay_fen === null ? null : Number(r.pay_fen),
  }));
}

export interface CloseInput {
  outcome: string;
  finding: string;
}

/** 办结: closes an open alert with its outcome and finding (核查结论), audited. */
export async function closeAlert(db: Db, actor: Actor, id: number, input: CloseInput): Promise<AlertSummary> {
  requirePermission(actor, 'ncms.manage');
  if (!Object.hasOwn(ALERT_OUTCOMES, input.outcome)) throw invalid('outcome', `请选择核查结果：${Object.values(ALERT_OUTCOMES).join('、')}`);
  const finding = (input.finding ?? '').trim();
  if (finding.length < 4) throw invalid('finding', '请填写核查结论（至少 4 个字），说明核查了什么、结果如何，再办结', 'finding_required');
  await getAlert(db, actor, id);
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('ncms_alert').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (current.status === 'closed') throw conflict('alert_closed', `该预警线索已于 ${iso(current.closed_at)?.slice(0, 10)} 由 ${current.closed_by_name} 办结，不能重复办结`);
    await trx
      .updateTable('ncms_alert')
      .set({ status: 'closed', outcome: input.outcome as AlertOutcome, finding, closed_by: actor.userId, closed_by_name: actor.name, closed_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'close', entity: 'ncms_alert', entityId: id, before: { status: 'open' }, after: { status: 'closed', outcome: input.outcome, finding } });
    const row = await alertQuery(trx, actor).where('a.id', '=', id).executeTakeFirstOrThrow();
    return toSummary(row);
  });
}
