import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import { createHousehold } from '../../src/core/people/households.ts';
import { makeResidentId } from '../../src/core/people/resident-id.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';

// 健康档案 in the browser: a village doctor opens a resident's record, fills a section (the draft survives a
// closed dialog), sees completeness and the timeline; the indicators page shows the village.

let handle: DbHandle;
let web: BrowserApp;
let personId: number;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  await createHousehold(handle.db, systemActor(), {
    areaId: county.areas.eastVillage,
    address: '东岭村三组 8 号',
    members: [{ name: '赵建国', idNumber: makeResidentId('430702', '1958-04-04', 11), relation: 'head' }],
  });
  personId = (await handle.db.selectFrom('person').select('id').where('name', '=', '赵建国').executeTakeFirstOrThrow()).id;
  web = await startBrowserApp(handle, 'records');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});


/** Picks an option of the open select and waits for its list to close. */
async function choose(page: Page, option: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // A click while the list still slides in can miss its option: wait for the animation to end.
  await expect.poll(() => dropdown.getAttribute('class'), POLL).not.toMatch(/appear|enter/);
  await dropdown.getByTitle(option, { exact: true }).click();
  await expect.poll(() => dropdown.count(), POLL).toBe(0);
}

const snap = (page: Page, name: string) => web.snap(page, name);

describe('健康档案 in the browser', () => {
  it('a village doctor opens the record, fills 血型 with a draft kept across a closed dialog, and sees the timeline', async () => {
    const page = await web.loggedInPage('doctor_east', `/people/persons/${personId}`);
    await page.getByText('尚未建立健康档案').waitFor();
    await page.getByRole('button', { name: '建立健康档案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('责任医生').fill('钱医生');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('健康档案 43070210020000001').waitFor();
    await expect.poll(() => page.getByText('已填 1 /').textContent(), POLL).toContain('已填 1 /');
    await snap(page, 'records-created');

    // Fill ABO, close without saving: the draft comes back on reopening.
    const blood = page.locator('.ant-card-small').filter({ hasText: 'ABO血型' });
    await blood.getByRole('button', { name: /编\s*辑/ }).click();
    const editor = page.getByRole('dialog', { name: '编辑：血型' });
    await editor.getByLabel('ABO血型').click();
    await choose(page, 'O型');
    await editor.getByRole('button', { name: /取\s*消/ }).click();
    await blood.getByRole('button', { name: /编\s*辑/ }).click();
    await editor.getByText('已恢复您上次未保存的内容').waitFor();
    await editor.getByLabel('Rh血型').click();
    await choose(page, 'Rh阳性');
    await snap(page, 'records-section-edit');
    await editor.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect.poll(() => blood.textContent(), POLL).toContain('O型');
    await expect.poll(() => blood.textContent(), POLL).toContain('Rh阳性');
    await expect.poll(() => page.getByText(/已填 3 \//).count(), POLL).toBe(1);

    await page.getByRole('tab', { name: '服务时间轴' }).click();
    const timeline = page.locator('.ant-timeline');
    await expect.poll(() => timeline.textContent(), POLL).toContain('建立健康档案');
    await expect.poll(() => timeline.textContent(), POLL).toContain('修改健康档案');
    await expect.poll(() => timeline.textContent(), POLL).toContain('出生');
    await snap(page, 'records-timeline');

    // A health check is a service: the record is then in dynamic use.
    await expect.poll(() => page.getByText(/^否：/).count(), POLL).toBe(1);
    await page.getByRole('button', { name: '登记体检' }).click();
    const check = page.getByRole('dialog', { name: '登记健康体检' });
    await check.getByLabel('体检医生').fill('钱医生');
    await check.getByLabel('收缩压（mmHg）').fill('135');
    await check.getByLabel('舒张压（mmHg）').fill('85');
    await check.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect.poll(() => page.getByText(/^是（最近服务 /).count(), POLL).toBe(1);
    await expect.poll(() => timeline.textContent(), POLL).toContain('血压 135/85 mmHg');
  });

  it('the indicators page lists the township and its village with each rate', async () => {
    const page = await web.loggedInPage('township', '/records');
    const table = page.locator('.ant-table');
    await expect.poll(() => table.textContent(), POLL).toContain('东岭镇');
    await expect.poll(() => table.textContent(), POLL).toContain('东岭村');
    // One resident, one record: 建档率 100 %; 西岭村 has nobody: "—".
    await expect.poll(() => table.textContent(), POLL).toContain('100.00%');
    await expect.poll(() => table.textContent(), POLL).toContain('—');
    await page.getByText('指标口径').waitFor();
    await snap(page, 'records-indicators');
  });
});
