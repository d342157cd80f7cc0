import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { getPersonRecord, type PersonRecord } from './records.ts';
import { lastService, lastTwelveMonths } from './dynamic-use.ts';
import { collectEvents, type TimelineWarning } from './timeline/timeline.ts';
import { timelineProviders } from './timeline/registry.ts';

export interface DynamicUse {
  from: string;
  to: string;
  /** The latest service in the 12 months, or null: the record is then not in dynamic use. */
  lastService: string | null;
  inUse: boolean;
}

/** The record page: the resident, their record, and whether it is in dynamic use over the 12 months up to `today`. */
export async function recordOverview(db: Db, actor: Actor, personId: number, today = todayInShanghai()): Promise<PersonRecord & { dynamicUse: DynamicUse | null; warnings: TimelineWarning[] }> {
  const found = await getPersonRecord(db, actor, personId);
  if (!found.record) return { ...found, dynamicUse: null, warnings: [] };
  const period = lastTwelveMonths(today);
  const { events, warnings } = await collectEvents(db, actor, personId, period, timelineProviders());
  const last = lastService(events, period);
  return { ...found, dynamicUse: { ...period, lastService: last, inUse: last !== null }, warnings };
}
