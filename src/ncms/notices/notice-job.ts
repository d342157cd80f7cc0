/**
 * Publishing every village's notice of a month as one job (生成全部村公示). The job row holds the progress the page
 * polls; the work runs after the request is answered, one transaction per village, so a failure half-way keeps the
 * villages already published and the job can simply be started again (villages with a notice are left as they are:
 * corrections are made village by village).
 *
 * A job found "running" that this process is not running (the server restarted under it) is marked failed when the
 * next one starts, so it never blocks the month.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { notFound } from '../../core/errors.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { noticeContents } from './notice-content.ts';
import { checkMonthOver, insertNotice, noticeSettings, noticeVillages, requireNoticeRead, type SettingsInput } from './notices.ts';

export interface NoticeJobView {
  id: number;
  areaId: number;
  month: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  published: number;
  already: number;
  empty: number;
  error: string | null;
  startedByName: string;
  startedAt: string;
  finishedAt: string | null;
}

const running = new Set<number>();

export async function getNoticeJob(db: Db, actor: Actor, id: number): Promise<NoticeJobView> {
  requireNoticeRead(actor);
  const r = await db
    .selectFrom('ncms_notice_job')
    .selectAll()
    .where('id', '=', id)
    .where('area_id', 'in', (eb) => areaIdsIn(eb, actor.scope))
    .executeTakeFirst();
  if (!r) throw notFound('公示生成任务');
  return {
    id: r.id,
    areaId: r.area_id,
    month: r.month,
    status: r.status,
    total: r.total,
    done: r.done,
    published: r.published,
    already: r.already,
    empty: r.empty,
    error: r.error,
    startedByName: r.started_by_name,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export interface NoticeJobInput extends SettingsInput {
  month: string;
  /** The township or county whose villages to publish; default the caller's whole area. */
  areaId?: number | undefined;
}

/**
 * Starts the job (or finds the one already running for the area and month) and answers at once; `finished` settles
 * when the work is done (tests and the bench wait for it, the route does not).
 */
export async function startNoticeJob(db: Db, actor: Actor, input: NoticeJobInput, today = todayInShanghai()): Promise<{ job: NoticeJobView; finished: Promise<void> }> {
  requirePermission(actor, 'ncms.manage');
  checkMonthOver(input.month, today);
  const villages = await noticeVillages(db, actor, input.month, input.areaId);
  const areaId = input.areaId ?? actor.scope.areaId ?? villages[0]?.id;
  if (areaId === undefined) throw notFound('区划');
  const settings = noticeSettings(villages[0] ?? { county: '' }, input);

  const stale = await db.selectFrom('ncms_notice_job').select('id').where('area_id', '=', areaId).where('month', '=', input.month).where('status', '=', 'running').executeTakeFirst();
  if (stale && running.has(stale.id)) return { job: await getNoticeJob(db, actor, stale.id), finished: Promise.resolve() };
  if (stale) await db.updateTable('ncms_notice_job').set({ status: 'failed', error: '任务因服务重启中断，请重新生成', finished_at: new Date() }).where('id', '=', stale.id).execute();

  let id: number;
  try {
    id = (
      await db
        .insertInto('ncms_notice_job')
        .values({ area_id: areaId, month: input.month, total: villages.length, started_by: actor.userId, started_by_name: actor.name })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const other = await db.selectFrom('ncms_notice_job').select('id').where('area_id', '=', areaId).where('month', '=', input.month).where('status', '=', 'running').executeTakeFirstOrThrow();
    return { job: await getNoticeJob(db, actor, other.id), finished: Promise.resolve() };
  }
  running.add(id);
  const finished = runJob(db, actor, id, input.month, villages, settings).finally(() => running.delete(id));
  return { job: await getNoticeJob(db, actor, id), finished };
}

async function runJob(db: Db, actor: Actor, id: number, month: string, villages: Awaited<ReturnType<typeof noticeVillages>>, settings: ReturnType<typeof noticeSettings>): Promise<void> {
  try {
    const contents = await noticeContents(db, actor, month, villages, settings);
    const tally = { published: 0, already: 0, empty: 0 };
    for (const [i, content] of contents.entries()) {
      await db.transaction().execute(async (trx) => {
        const stored = await insertNotice(trx, actor, content, null);
        if ('already' in stored) tally.already += 1;
        else {
          tally.published += 1;
          if (content.count === 0) tally.empty += 1;
        }
        await trx.updateTable('ncms_notice_job').set({ done: i + 1, ...tally }).where('id', '=', id).execute();
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('ncms_notice_job').set({ status: 'done', finished_at: new Date() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'publish_all', entity: 'ncms_notice_job', entityId: id, after: { month, villages: contents.length, ...tally } });
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.updateTable('ncms_notice_job').set({ status: 'failed', error: `生成中断：${message}。已发布的村保留，请重新生成其余村`, finished_at: new Date() }).where('id', '=', id).execute();
  }
}
