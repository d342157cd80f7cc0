import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { actorForUser } from '../../src/core/auth/sessions.ts';
import { addDays, todayInShanghai } from '../../src/core/dates.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { addFamilyWithChild, createClinics } from '../../src/publichealth/immunization/registry/test-fixtures.ts';
import { registerChild } from '../../src/publichealth/immunization/registry/children.ts';
import { recordDose } from '../../src/publichealth/immunization/registry/doses.ts';
import { REGISTER_COLUMNS, REGISTER_SHEET_NAME } from '../../src/publichealth/immunization/import/register-columns.ts';
import { receiveBatch } from '../../src/publichealth/immunization/batches/batches.ts';

// 预防接种 pages in a real browser, against the built web app and the real server on a test database.

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const today = todayInShanghai();
let handle: DbHandle;
let web: BrowserApp;
let infant: { id: number; birthDate: string };
let toddler: { id: number; birthDate: string; idNumber: string };

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const county = await createTinyCounty(db);
  const clinics = await createClinics(db, county);
  // The township user works at 东岭镇卫生院, the immunization clinic of 东岭镇.
  await db.updateTable('app_user').set({ institution_id: clinics.dongling }).where('username', '=', 'township').execute();
  const township = (await actorForUser(db, county.userIds.township!))!;
  await receiveBatch(db, township, { vaccine: 'HepB', manufacturer: '某生物制品公司', batchNo: 'HB2026A', expiry: addDays(today, 300), quantity: 20, receivedOn: addDays(today, -500) });

  async function child(name: string, ageDays: number, doses: [string, number][]) {
    const family = await addFamilyWithChild(db, county.areas.eastVillage, name, ageDays);
    const id = await registerChild(db, township, { personId: family.personId, areaId: county.areas.eastVillage, guardianName: `${name}妈妈`, guardianPhone: '13800000000', issueCertificate: true });
    for (const [vaccine, day] of doses) await recordDose(db, township, id, { vaccine, date: addDays(family.birthDate, day) });
    return { id, birthDate: family.birthDate, idNumber: family.idNumber };
  }
  // Turned one this year with 3 HepB doses: 东岭镇's HepB 3 coverage is 1 of 1 this year.
  toddler = await child('周一岁', 400, [['HepB', 0], ['HepB', 35], ['HepB', 190]]);
  // Six weeks old, HepB 1 at birth: HepB 2 is due now.
  infant = await child('吴小满', 45, [['HepB', 0]]);

  web = await startBrowserApp(handle, 'immunization');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

const newPage = () => web.newPage();
const snap = (page: Page, name: string) => web.snap(page, name);
const logIn = (page: Page, username: string, startAt: string) => web.logIn(page, username, startAt);

describe('接种覆盖率 in the browser', () => {
  it('the CDC sees 东岭镇 with its HepB 3 coverage, its definition and the target chart', async () => {
    const page = await newPage();
    await logIn(page, 'cdc', '/immunization/coverage');
    const township = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '东岭镇' }).first();
    await expect.poll(() => township.textContent(), POLL).toContain('东岭镇');
    await township.click();
    const doses = page.getByTestId('dose-table');
    await expect.poll(() => doses.locator('.ant-card-head-title').textContent(), POLL).toContain('东岭镇');
    const hepB3 = doses.locator('tr.ant-table-row', { hasText: /乙肝.*3/ }).first();
    await expect.poll(() => hepB3.textContent(), POLL).toContain('100.00%');
    // A dose nobody reached the age of this year reads 无数据, never 0 %.
    await expect.poll(() => doses.textContent(), POLL).toContain('无数据');
    expect(await page.locator('canvas').count()).toBe(1);
    await expect.poll(() => page.locator('.ant-descriptions').textContent(), POLL).toContain('应种人数：');
    await snap(page, 'coverage');
    // Drill down to the township's villages.
    await township.getByRole('button', { name: /查看各村/ }).click();
    await page.waitForURL((url) => url.searchParams.get('level') === 'village');
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '东岭村' }).first().textContent(), POLL).toContain('东岭镇 · 东岭村');
    await page.context().close();
  });
});

/** A class roster workbook: 姓名, 身份证号, 出生日期, 班级 (IDs as text). */
async function rosterFile(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['姓名', '身份证号', '出生日期', '班级']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('应种/漏种名单 in the browser', () => {
  it('the village doctor sees today’s due list with the guardian’s phone, and the overdue list with days late', async () => {
    const page = await newPage();
    await logIn(page, 'doctor_east', '/immunization/lists');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '吴小满' });
    await expect.poll(() => row.textContent(), POLL).toMatch(/吴小满妈妈.*13800000000.*乙肝疫苗 第2剂/);
    await snap(page, 'due-list');
    await page.getByRole('tab', { name: /漏种名单/ }).click();
    const late = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '周一岁' }).filter({ hasText: /\d+ 天/ });
    await expect.poll(() => late.textContent(), POLL).toMatch(/周一岁.*\d+ 天.*（逾期）/);
    await page.context().close();
  });
});

describe('入学查验 in the browser', () => {
  it('a roster with a bad row is refused with the row listed; a good one shows catch-up and not found', async () => {
    const page = await newPage();
    await logIn(page, 'township', '/immunization/school-check');
    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: '一班.xlsx', mimeType: XLSX, buffer: await rosterFile([['周一岁', toddler.idNumber, '', '一班'], ['无证明', '', '', '一班']]) });
    await expect.poll(() => page.locator('.ant-alert-error').textContent(), POLL).toContain('「一班.xlsx」未查验');
    await expect.poll(() => page.locator('.ant-table-tbody').textContent(), POLL).toMatch(/^3/);
    await input.setInputFiles({ name: '二班.xlsx', mimeType: XLSX, buffer: await rosterFile([['周一岁', toddler.idNumber, '', '二班'], ['郑未登', '', '2020-05-06', '二班']]) });
    const result = page.getByTestId('school-check-result');
    await expect.poll(() => result.locator('.ant-statistic', { hasText: '查验人数' }).locator('.ant-statistic-content-value').textContent(), POLL).toBe('2');
    await expect.poll(() => result.locator('tr.ant-table-row', { hasText: '周一岁' }).textContent(), POLL).toContain('需补种');
    await expect.poll(() => result.locator('tr.ant-table-row', { hasText: '郑未登' }).textContent(), POLL).toContain('未查到登记');
    await snap(page, 'school-check');
    await page.context().close();
  });
});

describe('疫苗库存 in the browser', () => {
  it('the township clerk receives a batch expiring within 30 days and sees the warning', async () => {
    const page = await newPage();
    await logIn(page, 'township', '/immunization/stock');
    await expect.poll(() => page.locator('.ant-table-tbody').textContent(), POLL).toContain('HB2026A');
    await page.getByRole('button', { name: /疫苗入库/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '疫苗入库' });
    await dialog.locator('#batch_vaccine').click();
    await page.locator('.ant-select-item-option', { hasText: '麻腮风疫苗' }).click();
    await dialog.getByLabel('生产企业').fill('某生物制品公司');
    await dialog.getByLabel('批号').fill('MMR-SOON');
    const expiry = dialog.locator('#batch_expiry');
    await expiry.click();
    await expiry.fill(addDays(today, 10));
    await expiry.press('Enter');
    await dialog.locator('#batch_quantity').fill('5');
    await dialog.getByRole('button', { name: /入\s*库/ }).click();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'MMR-SOON' });
    await expect.poll(() => row.textContent(), POLL).toContain('30 天内到期');
    await snap(page, 'stock');
    await page.context().close();
  });
});

describe('儿童接种档案 in the browser', () => {
  it('the township clerk records HepB 2 from the FEFO batch and sees it done', async () => {
    const page = await newPage();
    await logIn(page, 'township', `/immunization/children?q=${encodeURIComponent('吴小满')}&id=${infant.id}`);
    const plan = page.getByTestId('plan');
    const hepB2 = plan.locator('tr.ant-table-row', { hasText: '乙肝疫苗 第2剂' });
    await expect.poll(() => hepB2.textContent(), POLL).toMatch(/应种|逾期/);
    await hepB2.getByRole('button', { name: /登\s*记/ }).click();
    // The FEFO batch is proposed.
    const batch = page.locator('.ant-form-item', { has: page.locator('#dose_batchId') });
    await expect.poll(() => batch.textContent(), POLL).toContain('HB2026A');
    await page.getByRole('button', { name: /登记接种/ }).click();
    await expect.poll(() => hepB2.textContent(), POLL).toContain('已种·及时');
    await expect.poll(() => page.getByTestId('doses').textContent(), POLL).toMatch(new RegExp(`${today}.*乙肝疫苗 第2剂.*HB2026A`));
    await snap(page, 'dose-recorded');
    await page.context().close();
  });

  it('a dose dated before birth shows the Chinese error on the date field and records nothing', async () => {
    const page = await newPage();
    await logIn(page, 'township', `/immunization/children?q=${encodeURIComponent('吴小满')}&id=${infant.id}`);
    const form = page.locator('form#dose');
    await form.locator('#dose_vaccine').click();
    await page.locator('.ant-select-item-option', { hasText: '卡介苗' }).click();
    const before = addDays(infant.birthDate, -3);
    const date = form.locator('#dose_date');
    await date.click();
    await date.fill(before);
    await date.press('Enter');
    await page.getByRole('button', { name: /登记接种/ }).click();
    const item = page.locator('.ant-form-item', { has: page.locator('#dose_date') });
    await expect.poll(() => item.locator('.ant-form-item-explain-error').textContent(), POLL).toContain(`接种日期 ${before} 早于出生日期 ${infant.birthDate}`);
    expect(await page.getByTestId('doses').textContent()).not.toContain('卡介苗');
    await snap(page, 'dose-before-birth');
    // What was typed survives a reload.
    await page.reload();
    await page.getByText('已恢复上次未提交的内容').waitFor();
    expect(await page.locator('form#dose .ant-form-item', { has: page.locator('#dose_vaccine') }).textContent()).toContain('卡介苗');
    expect(await page.locator('#dose_date').inputValue()).toBe(before);
    await page.context().close();
  });
});

describe('corrections and the historic import in the browser', () => {
  it('a wrongly entered dose is deleted with a reason and the plan shows it due again', async () => {
    const page = await newPage();
    await logIn(page, 'township', `/immunization/children?q=${encodeURIComponent('吴小满')}&id=${infant.id}`);
    const given = page.getByTestId('doses').locator('tr.ant-table-row', { hasText: '乙肝疫苗 第2剂' });
    await given.getByRole('button', { name: /删\s*除/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '删除错录' });
    await dialog.getByRole('button', { name: /删\s*除/ }).click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').textContent(), POLL).toContain('请填写删除原因');
    await dialog.getByLabel('删除原因（记入审计日志）').fill('录错儿童');
    await dialog.getByRole('button', { name: /删\s*除/ }).click();
    await expect.poll(() => page.getByTestId('doses').textContent(), POLL).not.toContain('乙肝疫苗 第2剂');
    await expect.poll(() => page.getByTestId('plan').locator('tr.ant-table-row', { hasText: '乙肝疫苗 第2剂' }).textContent(), POLL).toMatch(/应种|逾期/);
    await page.context().close();
  });

  it('a register with a bad row is refused and every bad row is listed', async () => {
    const page = await newPage();
    await logIn(page, 'township', '/immunization/import');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(REGISTER_SHEET_NAME);
    sheet.addRow(REGISTER_COLUMNS.map((c) => c.header));
    const row = (values: Record<string, string>) => sheet.addRow(REGISTER_COLUMNS.map((c) => values[c.header] ?? ''));
    row({ 姓名: '周一岁', 身份证号: toddler.idNumber, 疫苗: '卡介苗', 剂次: '1', 接种日期: addDays(toddler.birthDate, -1) });
    row({ 姓名: '周一岁', 身份证号: toddler.idNumber, 疫苗: '不存在的疫苗', 剂次: '1', 接种日期: toddler.birthDate });
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.locator('input[type=file]').setInputFiles({ name: '登记册.xlsx', mimeType: XLSX, buffer });
    await expect.poll(() => page.locator('.ant-alert-error').textContent(), POLL).toContain('「登记册.xlsx」未导入');
    const problems = page.locator('.ant-table-tbody');
    await expect.poll(() => problems.locator('tr.ant-table-row', { hasText: /^2/ }).count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => problems.locator('tr.ant-table-row', { hasText: /^3/ }).count(), POLL).toBeGreaterThan(0);
    await snap(page, 'import-refused');
    await page.context().close();
  });
});
