import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import { createInstitution } from '../../src/core/institutions/institutions.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { saveCard } from '../../src/publichealth/disease/cards/card-save.ts';

// 传染病报告卡 in the browser: a class A card shows the CDC a notice on the cards page; the CDC acknowledges it on the
// card's page, confirms nothing yet (the township has not checked); the missed list and the rates page show their
// definitions and 无数据 for an empty period.

let handle: DbHandle;
let web: BrowserApp;
let cardId: number;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  const system = systemActor('测试');
  const hospital = await createInstitution(handle.db, system, { code: 'H1', name: '县人民医院', kind: 'county_hospital', level: 'county', areaId: county.areas.county });
  const hour = 3_600_000;
  cardId = await saveCard(handle.db, system, {
    institutionId: hospital,
    areaId: county.areas.eastVillage,
    patientName: '霍一',
    sex: 'M',
    birthDate: '1980-01-01',
    occupation: '农民',
    icd10: 'A00.9',
    caseClass: 'suspected',
    onsetDate: new Date(Date.now() - 30 * hour).toISOString().slice(0, 10),
    diagnosedAt: new Date(Date.now() - hour).toISOString(),
  });
  web = await startBrowserApp(handle, 'disease-cards');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});


describe('传染病报告卡 in the browser', () => {
  it('the CDC sees the class A notice, acknowledges it on the card, and reads the missed list and rates', async () => {
    const page = await web.loggedInPage('cdc', '/disease/cards');
    await page.getByText('传染病预警 1 条未确认收到').waitFor();
    await page.getByRole('link', { name: String(cardId), exact: true }).click();
    await page.getByText(`传染病报告卡 第 ${cardId} 号`).waitFor();
    await web.snap(page, 'card');
    expect(await page.getByRole('button', { name: '县疾控确认' }).count()).toBe(0); // not checked by the township yet
    await page.getByRole('button', { name: '确认收到' }).click();
    await page.getByText(/甲类预警已由 疾控人员 于 .* 确认收到/).waitFor();

    await page.goto(`${web.baseUrl}/disease/missed`);
    await page.getByText('责任报告单位为诊断机构').waitFor();
    await web.snap(page, 'missed');
    await page.goto(`${web.baseUrl}/disease/report-rates?from=2020-01-01&to=2020-01-31`);
    await page.getByText(/疫情报告率 = /).waitFor();
    await expect.poll(() => page.getByText('无数据').count(), POLL).toBeGreaterThan(0);
    await web.snap(page, 'rates');

    await page.goto(`${web.baseUrl}/disease/cards/new`);
    await page.getByLabel('患者姓名').fill('钱二');
    await page.getByLabel('诊断（ICD-10 编码）').fill('J06.9');
    await page.getByRole('button', { name: /提交报告卡/ }).click();
    await page.getByText('请选择人群分类').waitFor(); // the form's own checks first, and what was typed stays
    expect(await page.getByLabel('患者姓名').inputValue()).toBe('钱二');
    await web.snap(page, 'form');
  });
});
