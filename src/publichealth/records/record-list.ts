/**
 * 健康档案名单: the living residents of an area with their record status as of a day — the people behind the
 * 建档率 / 使用率 / 完整率 of that area. The residents come from the people register's scoped list (the reader's
 * area, 404 outside it), each joined to the same record rows the indicators count (`recordRows`), so a list and its
 * figures agree: "with record" are the numerator of 建档率, "incomplete" and "unused" the records missing from
 * 完整率 and 使用率.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import { personListQuery } from '../../core/people/persons.ts';
import { COUNT_CAP, listTotal, toPersonSummary, type PersonSummary } from '../../core/people/person-query.ts';
import type { RecordMedium } from './db/schema.ts';
import { checkPeriod, recordIndicators, recordRows, type Figures } from './indicators.ts';
import { REQUIRED_ITEMS } from './sections.ts';
import type { RecordListStatus } from './list-statuses.ts';

export interface RecordListFilter extends Partial<PageRequest> {
  areaId?: number | undefined; // village or township (or the county), within scope
  status?: RecordListStatus | undefined;
  /** The day the status is taken on (records opened by then); default today. */
  to?: string | undefined;
  /** Start of the dynamic-use period; default 1 January of `to`'s year, as the supervision indicator counts it. */
  from?: string | undefined;
}

export interface RecordListItem {
  person: Pick<PersonSummary, 'id' | 'name' | 'idNumber' | 'sex' | 'birthDate' | 'householdId' | 'householdNo' | 'areaId' | 'areaName'>;
  /** null: 未建档 (as of `to`). */
  record: {
    recordNo: string;
    createdOn: string;
    medium: RecordMedium;
    complete: boolean;
    /** The required items still empty, by their labels (档案完整性清单). */
    missing: string[];
    /** A health service on the timeline within the period (动态使用). */
    inUse: boolean;
  } | null;
}

export interface RecordList extends Page<RecordListItem> {
  totalCapped: boolean;
  period: { from: string; to: string };
  /** The area's figures over the same period, as the indicators count them. */
  summary: Figures;
}

const LABELS = new Map(REQUIRED_ITEMS.map((i) => [i.key, i.label]));

export async function listRecords(db: Db, actor: Actor, filter: RecordListFilter = {}, today = todayInShanghai()): Promise<RecordList> {
  requirePermission(actor, 'records.read');
  const to = filter.to ?? today;
  const period = checkPeriod({ from: filter.from ?? `${to.slice(0, 4)}-01-01`, to });
  const { page, pageSize, offset } = pageRequest(filter);
  // Checks the area against the scope (404 outside) before anything is listed.
  const { total: summary } = await recordIndicators(db, actor, { ...period, areaId: filter.areaId });

  const { ordered } = await personListQuery(db, actor, { areaId: filter.areaId, status: 'alive' });
  let query = ordered.leftJoin(recordRows(db, actor, period).as('r'), 'r.person_id', 'person.id');
  if (filter.status === 'with') query = query.where('r.person_id', 'is not', null);
  if (filter.status === 'without') query = query.where('r.person_id', 'is', null);
  if (filter.status === 'incomplete') query = query.where('r.complete', '=', false);
  if (filter.status === 'unused') query = query.where('r.dynamic', '=', false);
  const rows = await query
    .select(['r.record_no', 'r.created_on', 'r.medium', 'r.missing_items', 'r.complete', 'r.dynamic'])
    .limit(pageSize)
    .offset(offset)
    .execute();
  const count = await listTotal(db, query, COUNT_CAP, { offset, pageSize }, rows.length);
  const items = rows.map((r): RecordListItem => {
    const { id, name, idNumber, sex, birthDate, householdId, householdNo, areaId, areaName } = toPersonSummary(r);
    return {
      person: { id, name, idNumber, sex, birthDate, householdId, householdNo, areaId, areaName },
      record:
        r.record_no === null
          ? null
          : { recordNo: r.record_no, createdOn: r.created_on!, medium: r.medium!, complete: Boolean(r.complete), missing: (r.missing_items ?? []).map((k) => LABELS.get(k) ?? k), inUse: Boolean(r.dynamic) },
    };
  });
  return { items, ...count, page, pageSize, period, summary };
}
