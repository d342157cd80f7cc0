import type { ModuleDemoStep } from '../../module-demos.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import { contentHash, noticeContents } from './notice-content.ts';
import { noticeSettings, noticeVillages } from './notices.ts';

/** The month before the as-of day's month: the last complete one. */
export function lastCompleteMonth(asOf: string): string {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * Every village's notice of the last complete month, published by the NCMS office on the first of the as-of month at
 * 09:00 Shanghai time: the content is computed exactly as publishing does and stored in one statement (the PDF and
 * Excel are rendered from it on download). Deterministic: the content comes from the claims and ledger of the NCMS
 * demo, the time from the as-of day.
 */
export const noticeDemoSteps: ModuleDemoStep[] = [
  {
    module: 'ncms_notices',
    label: '新农合村级公示',
    unit: '村',
    tables: ['ncms_notice'],
    async generate(db, { asOf, onProgress }) {
      const started = Date.now();
      const actor = systemActor('清河县新型农村合作医疗管理办公室');
      const month = lastCompleteMonth(asOf);
      const villages = await noticeVillages(db, actor, month);
      const contents = await noticeContents(db, actor, month, villages, noticeSettings(villages[0] ?? { county: '' }, { complaintPhone: '0731-12345678' }));
      const publishedAt = `${asOf.slice(0, 7)}-01T01:00:00Z`;
      await insertColumns(db, 'ncms_notice', [
        ['area_id', 'int', contents.map((c) => c.village.id)],
        ['month', 'text', contents.map(() => month)],
        ['version', 'int', contents.map(() => 1)],
        ['content', 'jsonb', contents.map((c) => JSON.stringify(c))],
        ['content_hash', 'text', contents.map(contentHash)],
        ['claim_count', 'int', contents.map((c) => c.count)],
        ['total_fen', 'bigint', contents.map((c) => c.totalFen)],
        ['pay_fen', 'bigint', contents.map((c) => c.payFen)],
        ['published_by_name', 'text', contents.map(() => actor.name)],
        ['published_at', 'timestamptz', contents.map(() => publishedAt)],
      ]);
      onProgress?.({ done: contents.length, total: contents.length, elapsedMs: Date.now() - started });
      const claims = contents.reduce((s, c) => s + c.count, 0);
      const empty = contents.filter((c) => c.count === 0).length;
      return { text: `${month} 村级公示 ${contents.length} 个村（${claims} 笔补偿，${empty} 个村本月无补偿）`, counts: { month, villages: contents.length, claims, empty } };
    },
  },
];
