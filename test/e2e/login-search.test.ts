import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/server/auth.ts';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { makeResidentId } from '../../src/core/people/resident-id.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty, TEST_PASSWORD } from '../../src/testing/fixtures.ts';

// The whole path a clerk takes: the built web app, served by the real server, in a real browser.

const EAST_PERSON = { name: '张三丰', idNumber: makeResidentId('430702', '1980-05-01', 11) };
const EAST_SPOUSE = { name: '李秀英', idNumber: makeResidentId('430702', '1982-03-15', 22) };
const NEW_HEAD = { name: '刘备', idNumber: makeResidentId('430702', '1970-01-01', 15) };
const WEST_PERSON = { name: '王西岭', idNumber: makeResidentId('430702', '1975-09-09', 33) };

let handle: DbHandle;
let web: BrowserApp;
let eastHouseholdNo: string;

async function createHousehold(cookie: string, areaId: number, address: string, members: object[]): Promise<{ id: number; householdNo: string }> {
  const created = await web.app.inject({ method: 'POST', url: '/api/households', headers: { cookie }, payload: { areaId, address, members } });
  if (created.statusCode !== 201 && created.statusCode !== 200) throw new Error(`建户失败：${created.body}`);
  const { id } = created.json<{ id: number }>();
  const detail = await web.app.inject({ method: 'GET', url: `/api/households/${id}`, headers: { cookie } });
  return detail.json<{ id: number; householdNo: string }>();
}

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  web = await startBrowserApp(handle, 'people');

  const login = await web.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
  const cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`;
  const east = await createHousehold(cookie, county.areas.eastVillage, '东岭村三组 8 号', [
    { name: EAST_PERSON.name, idNumber: EAST_PERSON.idNumber, relation: 'head' },
    { name: EAST_SPOUSE.name, idNumber: EAST_SPOUSE.idNumber, relation: 'spouse' },
  ]);
  eastHouseholdNo = east.householdNo;
  await createHousehold(cookie, county.areas.westVillage, '西岭村一组 2 号', [{ name: WEST_PERSON.name, idNumber: WEST_PERSON.idNumber, relation: 'head' }]);
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

const newPage = () => web.newPage();
const snap = (page: Page, name: string) => web.snap(page, name);
const logIn = (page: Page, username: string, startAt = '/people') => web.logIn(page, username, startAt);

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByPlaceholder('身份证号，或姓名（可只输前几个字）');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === text);
}

describe('居民查询 in the browser', () => {
  it('admin logs in, finds a person by name prefix and by ID, and opens the detail', async () => {
    const page = await newPage();
    await logIn(page, 'admin', '/');
    await expect.poll(() => page.getByTestId('current-user').textContent(), POLL).toBe('局管理员');
    await snap(page, 'home');

    await page.getByRole('menuitem', { name: /居民查询/ }).click();
    await page.waitForURL(/\/people$/);

    await search(page, '张三');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await expect.poll(() => rows.first().textContent(), POLL).toContain(EAST_PERSON.idNumber);
    await expect.poll(() => rows.first().textContent(), POLL).toContain(eastHouseholdNo);
    await snap(page, 'search');

    // Each search must change what the table shows, so no assertion can pass on the previous results.
    await search(page, EAST_SPOUSE.idNumber);
    await expect.poll(() => rows.first().textContent(), POLL).toContain(EAST_SPOUSE.name);
    await search(page, EAST_PERSON.idNumber);
    await expect.poll(() => rows.first().textContent(), POLL).toContain(EAST_PERSON.name);
    await expect.poll(() => rows.count(), POLL).toBe(1);

    await rows.first().getByRole('link', { name: EAST_PERSON.name }).click();
    await page.waitForURL(/\/people\/persons\/\d+$/);
    await page.getByText(`居民：${EAST_PERSON.name}`).waitFor();
    const details = page.locator('.ant-descriptions').first();
    await expect.poll(() => details.textContent(), POLL).toContain(EAST_PERSON.idNumber);
    await expect.poll(() => details.textContent(), POLL).toContain('1980-05-01');
    await page.getByRole('link', { name: eastHouseholdNo }).waitFor();
    // The household's other member is listed with the person.
    await page.getByRole('link', { name: EAST_SPOUSE.name }).waitFor();
    await snap(page, 'person');
    await page.context().close();
  });

  it('a village doctor does not find a person of the neighbouring village', async () => {
    const page = await newPage();
    await logIn(page, 'doctor_east');
    await search(page, '张三');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), POLL).toBe(1);

    await search(page, '王西');
    await snap(page, 'doctor-empty');
    await page.getByText('没有找到符合条件的居民').waitFor();
    await expect.poll(() => rows.count(), POLL).toBe(0);

    await search(page, EAST_PERSON.idNumber);
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await search(page, WEST_PERSON.idNumber);
    await page.getByText('没有找到符合条件的居民').waitFor();
    await expect.poll(() => page.getByText(WEST_PERSON.name).count(), POLL).toBe(0);
    await page.context().close();
  });

  it('a refused new household shows the error on the member at fault and keeps what was typed', async () => {
    const page = await newPage();
    await logIn(page, 'admin', '/people/households/new');
    await page.getByLabel('所属村（社区）').click();
    await page.locator('.ant-select-tree-title', { hasText: '东岭村' }).click();
    await page.getByLabel('家庭住址').fill('东岭村四组 1 号');
    await page.getByLabel('姓名').first().fill(NEW_HEAD.name);
    await page.getByLabel('身份证号').first().fill(NEW_HEAD.idNumber);
    await page.getByRole('button', { name: /添加成员/ }).click();
    await page.getByLabel('姓名').nth(1).fill('关羽');
    await page.getByLabel('与户主关系').nth(1).click();
    await page.locator('.ant-select-item-option', { hasText: '兄弟姐妹' }).click();
    // Already a member of the household made in beforeAll: the server refuses, naming members.1.idNumber.
    await page.getByLabel('身份证号').nth(1).fill(EAST_PERSON.idNumber);
    await page.getByRole('button', { name: /保\s*存/ }).click();

    const secondMember = page.locator('.ant-card-type-inner', { hasText: '成员 2' });
    await expect.poll(() => secondMember.locator('.ant-form-item-explain-error').textContent(), POLL).toContain(EAST_PERSON.idNumber);
    await expect.poll(() => page.locator('.ant-card-type-inner', { hasText: '成员 1' }).locator('.ant-form-item-explain-error').count(), POLL).toBe(0);
    await snap(page, 'household-error');

    // The draft outlives a reload, with the birth date read from the ID number.
    await page.reload();
    await page.getByText('已恢复上次未提交的内容').waitFor();
    expect(await page.getByLabel('姓名').nth(1).inputValue()).toBe('关羽');
    expect(await page.getByLabel('身份证号').nth(1).inputValue()).toBe(EAST_PERSON.idNumber);
    expect(await page.getByLabel('出生日期').first().inputValue()).toBe('1970-01-01');
    await page.context().close();
  });
});

describe('首页 and 行政区划 in the browser', () => {
  it('admin sees the county in figures on the home page', async () => {
    const page = await newPage();
    await logIn(page, 'admin', '/');
    const card = (title: string) => page.locator('.ant-statistic', { hasText: title }).locator('.ant-statistic-content-value');
    // The households made in beforeAll: two in 东岭村 and 西岭村, three living residents.
    await expect.poll(() => card('在世居民').textContent(), POLL).toBe('3');
    await expect.poll(() => card('家庭户').textContent(), POLL).toBe('2');
    await expect.poll(() => card('村（社区）').textContent(), POLL).toBe('3');
    await page.getByText('人口金字塔').waitFor();
    expect(await page.locator('canvas').count()).toBe(2);
    await snap(page, 'home-overview');
    await page.context().close();
  });

  it('admin renames a community and the tree shows the new name at once', async () => {
    const page = await newPage();
    await logIn(page, 'admin', '/areas');
    await page.locator('.ant-tree-node-content-wrapper', { hasText: /^北门社区 / }).click();
    await page.getByRole('button', { name: '更名/改代码' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '更名/改代码：北门社区' });
    await dialog.getByLabel('新名称').fill('北门街社区');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-tree-node-content-wrapper', { hasText: /^北门街社区 / }).waitFor();
    // The details reload too: the old name stays in the history with its end date.
    const history = page.locator('.ant-card', { hasText: '历次名称与代码' });
    await expect.poll(() => history.textContent(), POLL).toContain('北门社区');
    await expect.poll(() => history.locator('tbody tr').count(), POLL).toBe(2);
    await page.context().close();
  });
});
