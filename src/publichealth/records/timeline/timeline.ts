/**
 * A resident's timeline: every registered provider asked for the person's events, merged newest first. A provider
 * that fails is left out and named in `warnings`, so one broken module never hides the rest of the timeline.
 */
import '../../../timeline-providers.ts'; // registers every module's provider
import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { requirePermission } from '../../../core/auth/actor.ts';
import { addDays, isRealDate } from '../../../core/dates.ts';
import { AppError, invalid } from '../../../core/errors.ts';
import { personForRecord } from '../records.ts';
import { timelineProviders } from './registry.ts';
import type { DateRange, TimelineEvent, TimelineProvider } from './types.ts';

export interface TimelineWarning {
  module: string;
  label: string;
  message: string;
}

export interface TimelineQuery {
  /** Only events dated before this day (the cursor of the next page); absent: from the newest. */
  before?: string | undefined;
  /** Only events on or after this day. */
  from?: string | undefined;
  /** Only these modules; absent or empty: all. */
  modules?: string[] | undefined;
  /** Events per page; a page never splits a day, so it may hold a few more. */
  limit?: number | undefined;
}

export interface TimelinePage {
  items: TimelineEvent[];
  /** Pass as `before` for the next page; null when there is no more. */
  nextBefore: string | null;
  warnings: TimelineWarning[];
  /** Every provider, for the module filter. */
  modules: Array<{ module: string; label: string }>;
}

/** Newest first; the same day by module then title, so pages are stable. */
export function byDateDesc(a: TimelineEvent, b: TimelineEvent): number {
  return b.date.localeCompare(a.date) || a.module.localeCompare(b.module) || a.title.localeCompare(b.title);
}

/** Asks every provider; an error becomes a warning naming the module instead of failing the whole timeline. */
export async function collectEvents(
  db: Db,
  actor: Actor,
  personId: number,
  range: DateRange,
  providers: TimelineProvider[],
): Promise<{ events: TimelineEvent[]; warnings: TimelineWarning[] }> {
  const answers = await Promise.allSettled(providers.map((p) => p.fetch(db, actor, personId, range)));
  const events: TimelineEvent[] = [];
  const warnings: TimelineWarning[] = [];
  answers.forEach((answer, i) => {
    const p = providers[i]!;
    if (answer.status === 'fulfilled') {
      // Each event is stamped with its provider's module and kept to the range, whatever the provider did.
      for (const e of answer.value) {
        if (isRealDate(e.date) && (!range.from || e.date >= range.from) && (!range.to || e.date <= range.to)) events.push({ ...e, module: p.module });
      }
    } else {
      const reason = answer.reason;
      const why = reason instanceof AppError ? reason.message : '读取出错';
      warnings.push({ module: p.module, label: p.label, message: `「${p.label}」的记录暂时无法显示（${why}），时间轴中未包含这部分` });
    }
  });
  return { events: events.sort(byDateDesc), warnings };
}

/** Cuts a page of at most `limit` events (more only to finish the last day) from events newest first. */
export function timelinePage(events: TimelineEvent[], limit: number): { items: TimelineEvent[]; nextBefore: string | null } {
  if (events.length <= limit) return { items: events, nextBefore: null };
  const lastDay = events[limit - 1]!.date;
  let end = limit;
  while (end < events.length && events[end]!.date === lastDay) end++;
  return { items: events.slice(0, end), nextBefore: end < events.length ? lastDay : null };
}

export async function personTimeline(db: Db, actor: Actor, personId: number, query: TimelineQuery = {}): Promise<TimelinePage> {
  requirePermission(actor, 'records.read');
  for (const field of ['before', 'from'] as const) {
    const value = query[field];
    if (value !== undefined && !isRealDate(value)) throw invalid(field, `日期「${value}」无效，应为 YYYY-MM-DD`);
  }
  await personForRecord(db, actor, personId);
  const all = timelineProviders();
  const wanted = query.modules?.length ? all.filter((p) => query.modules!.includes(p.module)) : all;
  const range = { from: query.from, to: query.before ? addDays(query.before, -1) : undefined };
  const { events, warnings } = await collectEvents(db, actor, personId, range, wanted);
  return { ...timelinePage(events, Math.min(Math.max(query.limit ?? 50, 1), 200)), warnings, modules: all.map((p) => ({ module: p.module, label: p.label })) };
}
