import { describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { forbidden } from '../../../core/errors.ts';
import { collectEvents, timelinePage } from './timeline.ts';
import type { TimelineEvent, TimelineProvider } from './types.ts';

const event = (date: string, module: string, title = module): TimelineEvent => ({ date, module, kind: 'k', title, service: true });
const provider = (module: string, events: TimelineEvent[] | Error): TimelineProvider => ({
  module,
  label: `${module}模块`,
  fetch: async () => {
    if (events instanceof Error) throw events;
    return events;
  },
  servedPersons: () => null,
});
const db = {} as Db;

describe('timeline', () => {
  it('merges every provider newest first, the same day by module', async () => {
    const { events, warnings } = await collectEvents(db, systemActor(), 1, {}, [
      provider('b', [event('2024-03-01', 'b'), event('2022-01-01', 'b')]),
      provider('a', [event('2023-06-01', 'a'), event('2024-03-01', 'a')]),
    ]);
    expect(events.map((e) => `${e.date} ${e.module}`)).toEqual(['2024-03-01 a', '2024-03-01 b', '2023-06-01 a', '2022-01-01 b']);
    expect(warnings).toEqual([]);
  });

  it('a failing provider leaves the rest of the timeline and is reported as a warning', async () => {
    const { events, warnings } = await collectEvents(db, systemActor(), 1, {}, [
      provider('ok', [event('2024-01-01', 'ok')]),
      provider('broken', new Error('relation "imm_dose" does not exist')),
      provider('closed', forbidden()),
    ]);
    expect(events.map((e) => e.module)).toEqual(['ok']);
    expect(warnings).toEqual([
      { module: 'broken', label: 'broken模块', message: '「broken模块」的记录暂时无法显示（读取出错），时间轴中未包含这部分' },
      { module: 'closed', label: 'closed模块', message: '「closed模块」的记录暂时无法显示（您没有执行此操作的权限），时间轴中未包含这部分' },
    ]);
  });

  it('stamps the provider module and keeps events to the range asked', async () => {
    const { events } = await collectEvents(db, systemActor(), 1, { from: '2023-01-01', to: '2023-12-31' }, [
      provider('x', [event('2022-12-31', 'x'), event('2023-05-05', 'not-x'), event('2024-01-01', 'x'), event('2023-02-30', 'x')]),
    ]);
    expect(events).toEqual([{ ...event('2023-05-05', 'x', 'not-x') }]);
  });

  it('pages by date without splitting a day', () => {
    const events = [event('2024-05-01', 'a'), event('2024-04-01', 'a'), event('2024-04-01', 'b'), event('2024-03-01', 'a')];
    expect(timelinePage(events, 2)).toEqual({ items: events.slice(0, 3), nextBefore: '2024-04-01' });
    expect(timelinePage(events, 3)).toEqual({ items: events.slice(0, 3), nextBefore: '2024-04-01' });
    expect(timelinePage(events, 4)).toEqual({ items: events, nextBefore: null });
    expect(timelinePage(events.slice(0, 3), 2)).toEqual({ items: events.slice(0, 3), nextBefore: null });
  });
});
