import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { exampleSchemeDocument } from '../../src/ncms/testing/example-scheme.ts';
import { generousSchemeDocument, simulationYear } from '../../src/ncms/simulation/simulation-fixtures.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';

// 补偿方案测算 in the browser: the scheme in force fills the editor, a pasted proposal runs as a job with progress,
// the result shows both schemes side by side; an invalid proposal is refused with the field named.
let handle: DbHandle;
let web: BrowserApp;

beforeAll(async () => {
  handle = await createTestDb();
  await simulationYear(handle.db, await createTinyCounty(handle.db));
  web = await startBrowserApp(handle, 'ncms-simulation');
}, 180_000);
afterAll(async () => {
  await web?.close();
  await handle?.close();
});

describe('补偿方案测算 page', () => {
  it('starts from the scheme in force, runs a pasted proposal and compares; names the field of a bad one', async () => {
    const page = await web.newPage();
    await web.logIn(page, 'ncms', '/ncms/simulation');
    await page.getByRole('button', { name: /载入现行方案（第 1 版）/ }).waitFor(POLL);
    await page.getByRole('tab', { name: 'JSON（粘贴或编辑）' }).click();
    const json = page.getByLabel('拟议方案 JSON');
    await expect.poll(() => json.inputValue(), POLL).toContain('"perVisitCap": 15');

    const bad = exampleSchemeDocument();
    await json.fill(JSON.stringify({ ...bad, inpatient: { ...bad.inpatient, county: { deductible: 400, ratio: 1.5 } } }));
    await page.getByRole('button', { name: /开始测算/ }).click();
    await page.getByTestId('simulation-problems').waitFor(POLL);
    expect(await page.getByTestId('simulation-problems').innerText()).toContain('住院补偿 · 县级 · 报销比例');
    expect(await json.inputValue()).toContain('"ratio":1.5'); // what was typed stays

    await json.fill(JSON.stringify(generousSchemeDocument(), null, 2));
    await page.getByRole('button', { name: /开始测算/ }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor(POLL);
    await web.snap(page, 'result');
    const text = await result.innerText();
    expect(text).toContain('测算结果：430702 统筹区 2025 年度，重算报销单据 16 条，涉及 4 人');
    expect(text).toMatch(/门诊统筹年度封顶\s+1\s+2\s+\+1/);
    expect(text).toContain('拟议方案为 2026 年度方案');
    expect(await result.locator('canvas').count()).toBe(4);
    expect(new URL(page.url()).searchParams.get('job')).toMatch(/^[0-9a-f-]{36}$/);
  }, 180_000);
});
