/**
 * The claims list's filters, over `ncms_claim as c` already kept to what the reader may see (access.ts). Two area
 * filters, since a claim has two places: the patient's village at admission (`areaId`) and where the settling
 * institution stands (`institutionAreaId`: a township's health centre and village clinics, the grouping the
 * supervision's 实际住院补偿比 uses). Either area must lie in the reader's scope (404 otherwise, like a missing one).
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Database } from '../../database.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requireRealDates } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import type { PageRequest } from '../../core/list-page.ts';
import { listAreaIds } from '../../core/people/person-query.ts';
import type { ClaimKind, ClaimStatus, NcmsClaimTable } from '../db/schema.ts';
import { CLAIM_KINDS } from './vocabulary.ts';
import { monthRange } from '../fund/months.ts';

export interface ClaimFilter extends Partial<PageRequest> {
  institutionId?: number | undefined;
  status?: ClaimStatus | undefined;
  /** One kind or several, comma-separated (inpatient,delivery: the admissions). */
  kind?: string | undefined;
  month?: string | undefined; // YYYY-MM of the discharge (visit) date
  from?: string | undefined; // discharge (visit) date on or after
  to?: string | undefined; // discharge (visit) date on or before
  personId?: number | undefined;
  /** The patient's village at admission, or a township (its villages); within scope. */
  areaId?: number | undefined;
  /** The settling institutions standing in this area or below it; within scope. */
  institutionAreaId?: number | undefined;
}

type ClaimQuery = SelectQueryBuilder<Database & { c: NcmsClaimTable }, 'c', object>;

function checkedKinds(kind: string): ClaimKind[] {
  const kinds = kind.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds.find((k) => !Object.hasOwn(CLAIM_KINDS, k));
  if (unknown !== undefined || kinds.length === 0) throw invalid('kind', `补偿类别「${unknown ?? kind}」不存在，应为 ${Object.keys(CLAIM_KINDS).join('、')}`);
  return kinds as ClaimKind[];
}

function monthDays(month: string): { start: string; end: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid('month', `月份应为 YYYY-MM，收到「${month}」`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthRange(y, m);
}

export async function applyClaimFilter<Q extends ClaimQuery>(db: Db, actor: Actor, query: Q, filter: ClaimFilter): Promise<Q> {
  let q = query as ClaimQuery;
  if (filter.institutionId !== undefined) q = q.where('c.institution_id', '=', filter.institutionId);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.kind) q = q.where('c.kind', 'in', checkedKinds(filter.kind));
  if (filter.personId !== undefined) q = q.where('c.person_id', '=', filter.personId);
  if (filter.month) {
    const { start, end } = monthDays(filter.month);
    q = q.where('c.discharged_on', '>=', start).where('c.discharged_on', '<', end);
  }
  requireRealDates({ from: filter.from, to: filter.to });
  if (filter.from && filter.to && filter.from > filter.to) throw invalid('from', `出院日期起 ${filter.from} 晚于止 ${filter.to}`);
  if (filter.from) q = q.where('c.discharged_on', '>=', filter.from);
  if (filter.to) q = q.where('c.discharged_on', '<=', filter.to);
  if (filter.areaId !== undefined) {
    const ids = await listAreaIds(db, actor, filter.areaId);
    if (ids) q = q.where('c.area_id', 'in', ids);
  }
  if (filter.institutionAreaId !== undefined) {
    const ids = await listAreaIds(db, actor, filter.institutionAreaId);
    if (ids) q = q.where('c.institution_id', 'in', db.selectFrom('institution').select('institution.id').where('institution.area_id', 'in', ids));
  }
  return q as Q;
}
