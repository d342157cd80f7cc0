import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import type { Actor } from '../../src/core/auth/actor.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { claimsWorld, patients } from '../../src/ncms/testing/claim-fixtures.ts';
import { settleVisit } from '../../src/ncms/claims/settle.ts';

// 监测预警 in the browser: the NCMS clerk runs March, sees the same receipt claimed twice, opens the claims behind and
// closes the alert with a finding; the fund warning card is on the home page.

let handle: DbHandle;
let web: BrowserApp;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  const world = await claimsWorld(handle.db, county, [2026]);
  const [patient] = await patients(handle.db, county.areas.eastVillage, ['张大山'], [2026]);
  const clinic: Actor = { userId: null, name: '东岭村医生', role: 'village_doctor', scope: { areaId: county.areas.eastVillage, path: '/' }, institutionId: world.institutions.clinicEast };
  for (let i = 0; i < 2; i += 1) await settleVisit(handle.db, clinic, { personId: patient!.id, kind: 'outpatient', admittedOn: '2026-03-10', total: 45.5 });
  web = await startBrowserApp(handle, 'ncms-monitoring');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

it('runs a month, shows the alert and its claims, and closes it with a finding', async () => {
  const page = await web.newPage();
  await web.logIn(page, 'ncms', '/ncms/monitoring/alerts');
  await page.locator('.ant-card-extra .ant-picker input').fill('2026-03');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '运行月度监测' }).click();
  await page.getByText(/按各规则检查 2026-03 的单据/).waitFor(POLL); // the typed month, not the default one
  await page.getByRole('button', { name: /^运\s*行$/ }).click();
  const row = page.locator('tr', { hasText: '同一票据重复报销' });
  await row.waitFor(POLL);
  expect(await row.textContent()).toContain('结算了 2 次');
  await row.getByRole('button', { name: '查看单据' }).click();
  await page.locator('.ant-drawer').getByText('BX', { exact: false }).first().waitFor(POLL);
  expect(await page.locator('.ant-drawer tbody tr').count()).toBe(2);
  await web.snap(page, 'claims-behind');
  await page.locator('.ant-drawer-close').click();
  await row.getByRole('button', { name: /^办\s*结$/ }).click();
  await page.getByLabel('核查结论').fill('核对原始发票，为同一张发票重复录入，已冲销一笔');
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText('已办结，核查结论已记录').waitFor(POLL);
  await web.snap(page, 'closed');
  await page.goto(`${web.baseUrl}/`);
  await page.getByText('新农合基金预警').waitFor(POLL);
});
