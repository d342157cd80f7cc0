import type { Db } from '../db/connection.ts';
import { containsPattern } from '../db/like.ts';
import { addDays, isRealDate } from '../dates.ts';
import { invalid } from '../errors.ts';
import { pageRequest, type Page, type PageRequest } from '../list-page.ts';
import { requirePermission, type Actor, type Scope } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { verifyAuditLog, type AuditVerification } from './verify.ts';

export interface AuditFilter extends Partial<PageRequest> {
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Part of the actor's name. */
  actor?: string | undefined;
  /** First and last day, inclusive, as calendar days in the county (Asia/Shanghai). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditItem {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  areaId: number | null;
  areaName: string | null;
  before: unknown;
  after: unknown;
}

/** A county-wide scope: the whole database, or a county (a root area, so its path has one id). */
export const isCountyWide = (scope: Scope) => scope.path === '/' || /^\/\d+\/$/.test(scope.path);

// China keeps one offset all year, so a county day is always [00:00+08:00, next day 00:00+08:00).
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

function checkDay(date: string | undefined, field: 'from' | 'to'): string | undefined {
  if (date && !isRealDate(date)) throw invalid(field, `${field === 'from' ? '开始' : '结束'}日期「${date}」无效，应为 YYYY-MM-DD`, 'invalid_date');
  return date || undefined;
}

/**
 * The audit log, newest first. An auditor sees entries about areas inside their scope; entries
 * tied to no area (logins, county-wide settings) only when their scope is the whole county.
 */
export async function listAudit(db: Db, actor: Actor, filter: AuditFilter = {}): Promise<Page<AuditItem>> {
  requirePermission(actor, 'audit.read');
  const { page, pageSize, offset } = pageRequest(filter);
  const from = checkDay(filter.from, 'from');
  const to = checkDay(filter.to, 'to');
  if (from && to && to < from) throw invalid('to', `结束日期 ${to} 早于开始日期 ${from}`, 'invalid_date_range');

  let query = db
    .selectFrom('audit_log')
    .leftJoin('area', 'area.id', 'audit_log.area_id')
    .where((eb) => {
      const inScope = eb('audit_log.area_id', 'in', areaIdsIn(eb, actor.scope));
      return isCountyWide(actor.scope) ? eb.or([inScope, eb('audit_log.area_id', 'is', null)]) : inScope;
    });
  if (filter.entity) query = query.where('audit_log.entity', '=', filter.entity);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.actor?.trim()) query = query.where('audit_log.actor_name', 'ilike', containsPattern(filter.actor.trim()));
  if (from) query = query.where('audit_log.at', '>=', dayStart(from));
  if (to) query = query.where('audit_log.at', '<', dayStart(addDays(to, 1)));

  const [rows, count] = await Promise.all([
    query
      .select([
        'audit_log.seq',
        'audit_log.at',
        'audit_log.actor_name as actorName',
        'audit_log.action',
        'audit_log.entity',
        'audit_log.entity_id as entityId',
        'audit_log.area_id as areaId',
        'area.name as areaName',
        'audit_log.before',
        'audit_log.after',
      ])
      .orderBy('audit_log.seq', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() })), total: Number(count.total), page, pageSize };
}

/** Checks the whole hash chain; for those who may read the audit log. */
export async function verifyAudit(db: Db, actor: Actor): Promise<AuditVerification> {
  requirePermission(actor, 'audit.read');
  return verifyAuditLog(db);
}
