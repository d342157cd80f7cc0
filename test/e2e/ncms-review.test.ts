import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { actorForUser } from '../../src/core/auth/sessions.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { claimsWorld, patients } from '../../src/ncms/testing/claim-fixtures.ts';
import { registerClaim } from '../../src/ncms/claims/claims.ts';
import { settleAtDischarge } from '../../src/ncms/claims/settle.ts';
import { saveReviewRules } from '../../src/ncms/review/rules-store.ts';
import { runReviewSelection } from '../../src/ncms/review/run.ts';

// 审核 in a real browser: the NCMS clerk opens a selected claim from their queue and adjusts it; a refused amount
// leaves the typed reason in place.

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
const YEAR = 2026; // settled in March: settlement refuses future dates
let handle: DbHandle;
let web: BrowserApp;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  await claimsWorld(handle.db, county, [YEAR]);
  const [patient] = await patients(handle.db, county.areas.eastVillage, ['孙住院'], [YEAR]);
  const hospital = (await handle.db.selectFrom('app_user').select('id').where('username', '=', 'hospital').executeTakeFirstOrThrow()).id;
  const clerk = (await actorForUser(handle.db, hospital))!;
  const claim = await registerClaim(handle.db, clerk, { personId: patient!.id, kind: 'inpatient', admittedOn: `${YEAR}-03-01`, diagnosis: 'K35.902', lines: [{ name: '床位费', category: 'bed', inCatalog: true, quantity: 30, unitPrice: 50 }, { name: '头孢曲松', category: 'drug', inCatalog: true, quantity: 10, unitPrice: 500 }] });
  await settleAtDischarge(handle.db, clerk, claim.id, { dischargedOn: `${YEAR}-03-31` });
  const system = systemActor('测试夹具');
  await saveReviewRules(handle.db, system, { pool: '430702', year: YEAR, document: { amount: null, sample: null, stay: { aboveDays: 20 }, diagnosisCost: null } });
  await runReviewSelection(handle.db, system, { pool: '430702', year: YEAR, month: 3, assignTo: [county.userIds.ncms!] });
  web = await startBrowserApp(handle, 'review');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

it('the clerk adjusts a claim from their queue; a refused amount keeps what was typed', async () => {
  const page = await web.newPage();
  await web.logIn(page, 'ncms', '/ncms/review');
  await page.getByRole('link', { name: /^BX\d{8}$/ }).click();
  await page.getByText('住院 30 天，超过 20 天').waitFor(POLL);
  await page.getByText('核减', { exact: true }).click();
  await page.getByLabel(/核减后统筹支付/).fill('99999');
  await page.getByLabel('理由').fill('超标准收取床位费');
  await page.getByRole('button', { name: '保存结论' }).click();
  await page.getByText(/核减后金额应低于原结算支付/).first().waitFor(POLL);
  expect(await page.getByLabel('理由').inputValue()).toBe('超标准收取床位费');
  await web.snap(page, 'refused');

  await page.getByLabel(/核减后统筹支付/).fill('1000');
  await page.getByRole('button', { name: '保存结论' }).click();
  await page.getByText('更正审核结论').waitFor(POLL);
  await page.getByText(/理由：超标准收取床位费/).waitFor(POLL);
  await web.snap(page, 'adjusted');

  // The summary counts it; the rules page shows the rules in force in words.
  await page.goto(`${web.baseUrl}/ncms/review/summary?pool=430702&year=${YEAR}`);
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '清河县人民医院' });
  await row.waitFor(POLL);
  expect(await row.locator('td').allInnerTexts()).toEqual(['清河县人民医院', '县级', '1', '0', '0', '1', '0', expect.any(String), expect.any(String)]);
  await page.goto(`${web.baseUrl}/ncms/review/rules?pool=430702&year=${YEAR}`);
  await page.getByText('住院天数：超过 20 天').waitFor(POLL);
  await web.snap(page, 'rules');
});
