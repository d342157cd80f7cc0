/**
 * 村级公示 on the full demo county: every village's notice of one month — the content (one query for the claims, the
 * fund overview per pool) and then each village's A4 PDF rendered from it, as the generate-all job and the downloads
 * do. Nothing is written (a county given by DATABASE_URL is only read). The month is the one the demo published (else
 * the last complete month of the claims). Rows: [measurement, figure, target, result].
 */
import type { DbHandle } from '../src/core/db/connection.ts';
import { systemActor } from '../src/core/auth/actor.ts';
import { noticeContents } from '../src/ncms/notices/notice-content.ts';
import { noticeSettings, noticeVillages } from '../src/ncms/notices/notices.ts';
import { noticePdf } from '../src/ncms/notices/notice-documents.ts';
import { lastCompleteMonth } from '../src/ncms/notices/demo.ts';

const TARGET_MS = 120_000; // the job runs in the background with progress: a couple of minutes for the county is fine

async function benchMonth(handle: DbHandle): Promise<string> {
  const published = await handle.db.selectFrom('ncms_notice').select((eb) => eb.fn.max('month').as('month')).executeTakeFirst();
  if (published?.month) return published.month;
  const last = await handle.db.selectFrom('ncms_claim').select((eb) => eb.fn.max('discharged_on').as('day')).executeTakeFirst();
  return lastCompleteMonth(last?.day ?? new Date().toISOString().slice(0, 10));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchNotices(handle: DbHandle): Promise<string[][]> {
  const actor = systemActor('基准测试');
  const month = await benchMonth(handle);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const villages = await noticeVillages(handle.db, actor, month);
  const contents = await noticeContents(handle.db, actor, month, villages, noticeSettings(villages[0] ?? { county: '' }, {}));
  const contentMs = performance.now() - t0;
  let bytes = 0;
  const publishedAt = new Date();
  for (const content of contents) {
    bytes += (await noticePdf(content, { version: 1, publishedAt, publishedByName: '基准测试', correctionReason: null })).length;
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const claims = contents.reduce((s, c) => s + c.count, 0);
  return [
    [`村级公示 ${month}：内容（${villages.length} 个村，${claims} 笔补偿）`, seconds(contentMs), '—', '—'],
    [`村级公示 ${month}：内容 + 每村 PDF（共 ${(bytes / 1024 / 1024).toFixed(1)} MiB）`, `${seconds(totalMs)}（CPU ${seconds(cpuMs)}）`, `< ${seconds(TARGET_MS)}`, totalMs < TARGET_MS ? '达标' : '未达标'],
    ['村级公示：平均每村', `${(totalMs / Math.max(1, contents.length)).toFixed(0)} ms`, '—', '—'],
  ];
}
