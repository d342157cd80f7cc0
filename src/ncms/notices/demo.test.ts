import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { generateDemoCounty } from '../../core/demo/generate.ts';
import { runModuleDemos } from '../../module-demos.ts';
import { pdfText } from '../../core/pdf/pdf-text.ts';
import { ncmsDemoStep } from '../demo/ncms-demo.ts';
import { rectificationDemoSteps } from '../rectification/demo.ts';
import { listAudits, listFindings } from '../rectification/findings.ts';
import { noticeDemoSteps } from './demo.ts';
import { getNotice, noticeBoard, publicationOf } from './notices.ts';
import { noticePdf } from './notice-documents.ts';

// One small demo county for both supervision demo steps of this part (notices, rectification).
const AS_OF = '2026-11-23';
const actor = systemActor('测试');
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await generateDemoCounty(handle.db, { population: 1_500, seed: 'notices', asOf: AS_OF });
  await runModuleDemos(handle.db, { seed: county.seed, asOf: county.asOf }, {}, [ncmsDemoStep, ...noticeDemoSteps, ...rectificationDemoSteps]);
}, 300_000);
afterAll(() => handle.close());

it('publishes every village notice of the last complete month, totals equal to its claims', async () => {
  const board = await noticeBoard(handle.db, actor, { month: '2026-10' });
  expect(board.length).toBeGreaterThan(0);
  expect(board.every((row) => row.notice?.version === 1)).toBe(true);
  const busiest = board.reduce((a, b) => (b.notice!.claimCount > a.notice!.claimCount ? b : a));
  const notice = await getNotice(handle.db, actor, busiest.notice!.id);
  expect(notice.claimCount).toBeGreaterThan(0);
  expect(notice.payFen).toBe(notice.content.rows.reduce((s, r) => s + r.payFen, 0));
  expect(notice.content.fund?.monthSpendingFen).toBeGreaterThan(0);
  const text = (await pdfText(await noticePdf(notice.content, publicationOf(notice)))).join('\n');
  expect(text).toContain(`${busiest.village}新农合补偿公示`);
});

it('records an audit with 26 findings at different stages, some overdue', async () => {
  const [audit] = await listAudits(handle.db, actor, AS_OF);
  expect(audit).toMatchObject({ findings: 26, auditor: '省审计厅' });
  expect(audit!.overdue).toBeGreaterThan(0);
  const findings = await listFindings(handle.db, actor, { auditId: audit!.id }, AS_OF);
  expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['pending', 'in_progress', 'submitted', 'returned', 'closed']));
});
