import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, chooseOption, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import { createHousehold } from '../../src/core/people/households.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';

// 死亡登记 in the browser: a village doctor registers a death; an unknown code is shown on its field and everything typed
// stays; corrected, the death is listed, and the CDC sees it on the 死因顺位 page.

let handle: DbHandle;
let web: BrowserApp;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  await createHousehold(handle.db, systemActor(), { areaId: county.areas.eastVillage, address: '一组', members: [{ name: '周老汉', sex: 'M', birthDate: '1938-04-02', relation: 'head' }] });
  web = await startBrowserApp(handle, 'disease-deaths');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

describe('死亡登记 in the browser', () => {
  it('keeps the form on a refused code, registers once corrected, and ranks the cause', async () => {
    const page = await web.newPage();
    await web.logIn(page, 'doctor_east', '/disease/deaths/new');
    await chooseOption(page.getByLabel('死者'), '周老汉', /周老汉.*东岭村/);
    await page.getByLabel('死亡日期').fill(new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('死亡日期').press('Enter');
    await page.getByLabel('(a) 直接死亡原因').fill('I21.9');
    await page.getByLabel('根本死因').fill('I99.9');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText(/根本死因的 ICD-10 编码「I99.9」不存在/).first().waitFor();
    expect(await page.getByLabel('(a) 直接死亡原因').inputValue()).toBe('I21.9');
    await web.snap(page, 'refused');
    await page.getByLabel('根本死因').fill('I21.9');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL((url) => url.pathname === '/disease/deaths');
    await page.getByRole('cell', { name: 'I21.9 急性心肌梗死' }).waitFor();

    const cdc = await web.newPage();
    await web.logIn(cdc, 'cdc', '/disease/ranking/death-causes');
    await expect.poll(() => cdc.getByRole('cell', { name: 'I21' }).count(), POLL).toBe(1);
    await web.snap(cdc, 'causes');
  });
});
