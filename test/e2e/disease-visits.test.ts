import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, chooseOption, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { visitWorld } from '../../src/publichealth/disease/intake/testing/visit-fixtures.ts';

// 就诊数据导入 in the browser: a village doctor uploads the clinic's log as CSV; a bad row is listed with its row number
// and nothing is imported; corrected, the file is imported, and the misspelt patient is linked by hand from the list.

let handle: DbHandle;
let web: BrowserApp;

beforeAll(async () => {
  handle = await createTestDb();
  await visitWorld(handle.db, await createTinyCounty(handle.db));
  web = await startBrowserApp(handle, 'disease-visits');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

const csv = (code: string) => Buffer.from(['就诊编号,姓名,出生日期,住址,就诊时间,诊断编码', `W-1,李四,1980-07-15,东岭村,2026-03-01 10:00,${code}`, 'W-2,张叁,2015-04-02,东岭村,2026-03-01 11:00,B26.9'].join('\r\n'));

describe('就诊数据导入 in the browser', () => {
  it('lists a bad row, imports the corrected file, and links the unmatched visit', async () => {
    const page = await web.newPage();
    await web.logIn(page, 'v_clinic', '/disease/visits/import');
    const chooser = page.locator('input[type=file]');
    await chooser.setInputFiles({ name: 'log.csv', mimeType: 'text/csv', buffer: csv('B26.5') });
    await page.getByRole('cell', { name: '诊断编码', exact: true }).waitFor();
    await page.getByText(/「log\.csv」未导入/).waitFor();
    await chooser.setInputFiles({ name: 'log.csv', mimeType: 'text/csv', buffer: csv('A09.0') });
    await page.getByText(/新增就诊 2 条（匹配到居民 1 条，未匹配 1 条）/).waitFor();
    await web.snap(page, 'imported');

    await page.getByRole('link', { name: /未匹配/ }).click();
    await page.getByRole('button', { name: '关联居民' }).click();
    await chooseOption(page.getByRole('dialog').getByRole('combobox'), '张三', /张三.*东岭村/);
    // The choice shows in the picker (the options open outside the dialog, and the visit's own line there names 张叁:
    // only the choice says 张三).
    await expect.poll(() => page.getByRole('dialog').textContent(), POLL).toContain('张三');
    await page.getByRole('dialog').getByRole('button', { name: /关\s*联/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden', ...POLL });
    await expect.poll(() => page.getByRole('button', { name: '关联居民' }).count(), POLL).toBe(0);
  });
});
