import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import type { PersonIdSet } from '../../../core/people/resident-counts.ts';

/** One thing that happened to a resident, as any module tells it for the health record's timeline. */
export interface TimelineEvent {
  date: string; // 'YYYY-MM-DD'
  module: string; // the provider's module, e.g. 'immunization'
  kind: string; // the module's own kind, e.g. 'dose', 'follow_up'
  title: string; // in Chinese, e.g. '接种 乙肝疫苗 第1剂'
  detail?: string | undefined;
  institutionName?: string | undefined;
  link?: string | undefined; // a web route, e.g. '/immunization/children/12'
  /**
   * A health service given to the resident (接种, 随访, 体检, 就诊): what makes a record "in dynamic use". Register
   * changes (birth, move) and record keeping (建档, 修改) are not services.
   */
  service: boolean;
}

/** Inclusive date bounds; either may be open. */
export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

export interface TimelineProvider {
  module: string;
  label: string; // Chinese name of the module for the filter, e.g. '预防接种'
  /** The person's events within the range. The caller has checked that the person is in the actor's scope. */
  fetch(db: Db, actor: Actor, personId: number, range: DateRange): Promise<TimelineEvent[]>;
  /**
   * For the indicators over many records at once: a subquery of the persons with at least one service (an event
   * with `service`) in the range, which the indicators join in SQL, so no list of ids travels. The provider reads
   * its own tables in it; null when its events are never services.
   */
  servedPersons(db: Db, actor: Actor, range: Required<DateRange>): PersonIdSet | null;
}
