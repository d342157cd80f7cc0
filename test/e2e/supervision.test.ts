import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { claimsWorld, patients } from '../../src/ncms/testing/claim-fixtures.ts';
import { addHousehold } from '../../src/ncms/testing/enrollment-fixtures.ts';
import '../../src/indicator-providers.ts';
import { recomputeMonth } from '../../src/supervision/indicators/compute.ts';
import { setScheme, setTarget } from '../../src/supervision/scoring/targets.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';

// 督导考核 in the browser: the bureau opens the dashboard from the home page and clicks through to the table, and from
// a township to its villages and a village's enrollment list; reads the township table (无数据, a missed target in
// red), opens a township's villages, previews the month's bulletin and publishes it.

let handle: DbHandle;
let web: BrowserApp;
let eastVillage: number;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  eastVillage = county.areas.eastVillage;
  await claimsWorld(handle.db, county, [2026]);
  await patients(handle.db, county.areas.eastVillage, ['张大山', '李小花'], [2026]);
  await addHousehold(handle.db, county.areas.westVillage, ['赵六', '钱七']);
  const actor = systemActor();
  await setTarget(handle.db, actor, { year: 2026, indicator: 'ncms_enrollment_rate', target: 85 });
  await setScheme(handle.db, actor, 2026, [{ indicator: 'ncms_enrollment_rate', points: 100, rule: 'proportional' }]);
  await recomputeMonth(handle.db, actor, '2026-03', '2026-12-07');
  web = await startBrowserApp(handle, 'supervision');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

it('opens the dashboard from the home page, clicks a key indicator through to the township table and a township down to a village\'s enrollment list', async () => {
  const page = await web.newPage();
  await web.logIn(page, 'admin', '/');
  await page.getByRole('button', { name: '打开督导看板' }).click();
  const enrollment = page.locator('[data-indicator="ncms_enrollment_rate"]');
  await enrollment.waitFor(POLL);
  // 2 of 4 residents of 东岭镇 enrolled, target 85 %; nothing to divide by for the compensation ratio.
  expect(await enrollment.textContent()).toContain('50.00%');
  expect(await enrollment.textContent()).toContain('未达标');
  expect(await page.locator('[data-indicator="ncms_inpatient_compensation_ratio"]').textContent()).toContain('无数据');
  await page.locator('canvas').first().waitFor(POLL);
  await web.snap(page, 'dashboard');
  await enrollment.click();
  await page.locator('tr', { hasText: '东岭镇' }).waitFor(POLL);
  expect(page.url()).toContain('/supervision/values?month=2026-03');

  // Down to the records: the township's villages, then the village's enrollment list in the NCMS module.
  await page.goBack();
  await page.getByLabel('各乡镇村级明细').getByRole('link', { name: '东岭镇' }).click();
  const village = page.locator('tr', { hasText: '东岭村' });
  await village.waitFor(POLL);
  expect(await village.getByRole('link', { name: '档案名单' }).getAttribute('href')).toBe(`/records/list?areaId=${eastVillage}&to=2026-03-31`);
  await village.getByRole('link', { name: '参合名单' }).click();
  await page.getByText('张大山').first().waitFor(POLL);
  expect(page.url()).toContain(`/ncms/enrollment/villages/${eastVillage}?year=2026`);
});

it('shows the township table with targets, opens the villages, ranks the half-year and publishes the bulletin', async () => {
  const page = await web.newPage();
  await web.logIn(page, 'admin', '/supervision/values?month=2026-03');
  const town = page.locator('tr', { hasText: '东岭镇' });
  await town.waitFor(POLL);
  expect(await town.textContent()).toContain('50.00%');
  expect(await town.textContent()).toContain('无数据');
  await town.getByText('东岭镇').click();
  await page.locator('tr', { hasText: '东岭村' }).waitFor(POLL);
  expect(await page.locator('tr', { hasText: '东岭村' }).textContent()).toContain('100.00%');
  await web.snap(page, 'villages');

  // The half-year ranking (半年总结) from the one computed month.
  await page.goto(`${web.baseUrl}/supervision/ranking?period=2026-H1`);
  await page.getByText('乡镇卫生院考核排名（2026年上半年）').waitFor(POLL);
  await page.locator('tr', { hasText: '东岭镇' }).waitFor(POLL);
  expect(await page.getByText('由已计算的 1 个月汇总').count()).toBe(1);
  await web.snap(page, 'ranking-half-year');

  await page.goto(`${web.baseUrl}/supervision/bulletins`);
  await page.locator('.ant-picker input').first().fill('2026-03');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '生成预览' }).click();
  await page.getByText('本月综合得分第一的是东岭镇').waitFor(POLL);
  await page.getByRole('button', { name: '发布通报' }).click();
  await page.locator('tr', { hasText: '第 1 版' }).waitFor(POLL);
  await web.snap(page, 'published');
});
