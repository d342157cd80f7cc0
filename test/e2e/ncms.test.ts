import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { POLL, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { createTestDb } from '../../src/testing/test-db.ts';
import { createTinyCounty } from '../../src/testing/fixtures.ts';
import { addHousehold, freshId } from '../../src/ncms/testing/enrollment-fixtures.ts';
import { claimsWorld, patients } from '../../src/ncms/testing/claim-fixtures.ts';
import { ROSTER_COLUMNS } from '../../src/ncms/enrollment/roster-columns.ts';

// 新农合 pages in a real browser, against the built web app and the real server on a test database.

// A browser on a machine shared with other test runs: a page may take a while, the default minute is too tight.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
// The pages default to this calendar year in Beijing; the scheme and enrollments are made for it.
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));

let handle: DbHandle;
let web: BrowserApp;
let schemeId: number;
let eastVillage: number;
let patient: { name: string; idNumber: string };
let rosterHousehold: { householdNo: string; members: { name: string; idNumber: string }[] };

beforeAll(async () => {
  handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  eastVillage = county.areas.eastVillage;
  // Designated institutions with their settlement clerks (hospital: 县医院结算员) and the active example scheme.
  schemeId = (await claimsWorld(handle.db, county, [YEAR])).schemes[YEAR]!;
  patient = (await patients(handle.db, county.areas.westVillage, ['孙住院'], [YEAR]))[0]!;
  await addHousehold(handle.db, eastVillage, ['赵大山', '赵小河']);
  rosterHousehold = await addHousehold(handle.db, eastVillage, ['钱丰收', '钱满仓']);
  web = await startBrowserApp(handle, 'ncms');
});

afterAll(async () => {
  await web?.close();
  await handle?.close();
});

const newPage = () => web.newPage();
const snap = (page: Page, name: string) => web.snap(page, name);
const logIn = (page: Page, username: string, startAt: string) => web.logIn(page, username, startAt);

/** A roster workbook with the template's headers and the given rows (ID numbers as text, as the template asks). */
async function rosterFile(rows: Record<string, string>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header));
  for (const row of rows) sheet.addRow(ROSTER_COLUMNS.map((c) => row[c.header] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('补偿方案 in the browser', () => {
  it('the NCMS clerk reads the active scheme: levels with deductibles and % ratios, disease lists', async () => {
    const page = await newPage();
    await logIn(page, 'ncms', '/ncms/schemes');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: String(YEAR) });
    await expect.poll(() => row.textContent(), POLL).toContain('执行中');
    await row.getByRole('link', { name: '430702' }).click();
    await page.waitForURL(new RegExp(`/ncms/schemes/${schemeId}$`));
    const section = (title: string) => page.locator('.ant-card-small', { has: page.locator('.ant-card-head-title', { hasText: new RegExp(`^${title}`) }) });
    const inpatient = section('住院补偿').locator('tbody');
    await expect.poll(() => inpatient.locator('tr', { hasText: '县级' }).textContent(), POLL).toMatch(/400 元.*75%/);
    await expect.poll(() => inpatient.locator('tr', { hasText: '村级' }).textContent(), POLL).toContain('不予报销');
    await expect.poll(() => inpatient.locator('tr', { hasText: '县外' }).textContent(), POLL).toContain('45%');
    await expect.poll(() => section('重大疾病').textContent(), POLL).toMatch(/C92.*Q21.*70%.*180,000 元/);
    // The menu shows where the page belongs.
    await page.getByRole('menuitem', { name: /补偿方案$/ }).waitFor();
    await snap(page, 'scheme-view');
    await page.context().close();
  });

  it('a ratio of 1.5 is refused with the Chinese reason on that very field, and the draft outlives a reload', async () => {
    const page = await newPage();
    await logIn(page, 'ncms', `/ncms/schemes/new?from=${schemeId}`);
    const pool = page.locator('#scheme_pool');
    await expect.poll(() => pool.inputValue(), POLL).toBe('430702');
    const ratio = page.locator('#scheme_inpatient_county_ratio');
    await ratio.fill('1.5');
    await page.getByRole('button', { name: /保存草稿/ }).click();

    const item = page.locator('.ant-form-item', { has: page.locator('#scheme_inpatient_county_ratio') });
    await expect.poll(() => item.locator('.ant-form-item-explain-error').textContent(), POLL).toContain('报销比例应在 0 到 1 之间，收到 1.5');
    await expect.poll(() => page.getByTestId('scheme-problems').textContent(), POLL).toContain('住院补偿 · 县级 · 报销比例');
    // Only that field is marked.
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(1);
    await snap(page, 'scheme-error');

    await page.reload();
    await page.getByText('已恢复上次未提交的内容').waitFor();
    expect(await page.locator('#scheme_inpatient_county_ratio').inputValue()).toMatch(/^1\.50?$/);
    await page.context().close();
  });
});

describe('参合管理 in the browser', () => {
  it('the village doctor enrolls a household, one member as 低保, and sees it counted', async () => {
    const page = await newPage();
    await logIn(page, 'doctor_east', '/ncms/enrollment');
    await expect.poll(() => page.locator('.ant-statistic', { hasText: '应参合人数' }).locator('.ant-statistic-content-value').textContent(), POLL).toBe('4');
    await page.getByRole('button', { name: /本村参合登记/ }).click();
    await page.waitForURL(new RegExp(`/ncms/enrollment/villages/${eastVillage}`));

    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '赵大山' }).filter({ hasText: '测试地址' });
    await expect.poll(() => row.textContent(), POLL).toContain('未参合');
    await row.getByRole('button', { name: /登记参合/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '登记参合：' });
    const second = dialog.locator('tbody tr', { hasText: '赵小河' });
    await second.getByRole('combobox').click();
    await page.locator('.ant-select-item-option', { hasText: '低保' }).click();
    await dialog.getByLabel('全户收据号').fill('SJ-0001');
    await dialog.getByRole('button', { name: /登记参合/ }).click();

    await expect.poll(() => row.textContent(), POLL).toContain('全户已参合');
    await expect.poll(() => row.textContent(), POLL).toContain('2/2 人');
    await row.locator('.ant-table-row-expand-icon').click();
    const members = page.locator('.ant-table-expanded-row');
    await expect.poll(() => members.locator('tr', { hasText: '赵小河' }).textContent(), POLL).toContain('低保');
    await expect.poll(() => members.locator('tr', { hasText: '赵大山' }).textContent(), POLL).toMatch(/自缴.*400 元.*SJ-0001/);
    await snap(page, 'village');

    await page.goto(`${web.baseUrl}/ncms/enrollment`);
    await expect.poll(() => page.locator('.ant-statistic', { hasText: '已参合人数' }).locator('.ant-statistic-content-value').textContent(), POLL).toBe('2');
    expect(await page.locator('canvas').count()).toBe(1);
    await page.context().close();
  });

  it('the village doctor issues cards to the enrolled households, registers a hand-over and sees the figures agree', async () => {
    const page = await newPage();
    await logIn(page, 'doctor_east', '/ncms/cards');
    // Their own village is picked; the household enrolled above has no card yet.
    const check = page.locator('.ant-card', { hasText: '卡证核对' });
    await expect.poll(() => check.textContent(), POLL).toContain('已参合未发证（1）');
    await page.getByRole('button', { name: /批量发证/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '本次发证 1 户' }).waitFor();
    await page.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    const register = page.locator('.ant-card', { hasText: '发证登记簿' });
    const row = register.locator('.ant-table-tbody tr.ant-table-row', { hasText: '赵大山' });
    await expect.poll(() => row.textContent(), POLL).toContain('未发放');
    expect(await row.getByRole('link', { name: /打印证/ }).getAttribute('href')).toMatch(/\/api\/ncms\/cards\/households\/\d+\/card\.pdf\?year=/);
    await row.getByRole('button', { name: /发放登记/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '发放登记：' });
    await expect.poll(() => dialog.getByLabel('领证人', { exact: true }).inputValue(), POLL).toBe('赵大山');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('赵大山（户主）领取');
    await expect.poll(() => check.textContent(), POLL).toContain('参合户与有效证一一对应');
    await snap(page, 'cards');
    await page.context().close();
  });

  it('a roster with a bad row is refused and the row is listed; nobody is enrolled', async () => {
    const [head, second] = rosterHousehold.members;
    const unknown = freshId();
    const file = await rosterFile([
      { 户编号: rosterHousehold.householdNo, 户主姓名: head!.name, 姓名: head!.name, 身份证号: head!.idNumber, 参合类别: '自缴', 缴费金额: '400' },
      { 户编号: rosterHousehold.householdNo, 户主姓名: head!.name, 姓名: second!.name, 身份证号: second!.idNumber, 参合类别: '自缴', 缴费金额: '400' },
      { 姓名: '孙无名', 身份证号: unknown, 参合类别: '自缴', 缴费金额: '400' },
    ]);
    const page = await newPage();
    await logIn(page, 'ncms', `/ncms/enrollment/import?year=${YEAR}`);
    await page.locator('input[type=file]').setInputFiles({ name: '东岭村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });

    await page.getByText('「东岭村花名册.xlsx」未导入（没有登记任何人）').waitFor();
    const problems = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => problems.count(), POLL).toBe(1);
    const problem = await problems.first().locator('td').allTextContents();
    expect(problem.slice(0, 2)).toEqual(['4', '身份证号']);
    await snap(page, 'roster-refused');

    // Corrected (the unknown person left out), the same roster goes in.
    const fixed = await rosterFile([
      { 户编号: rosterHousehold.householdNo, 户主姓名: head!.name, 姓名: head!.name, 身份证号: head!.idNumber, 参合类别: '自缴', 缴费金额: '400' },
      { 户编号: rosterHousehold.householdNo, 户主姓名: head!.name, 姓名: second!.name, 身份证号: second!.idNumber, 参合类别: '五保' },
    ]);
    await page.locator('input[type=file]').setInputFiles({ name: '东岭村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
    await page.getByText('1 户 2 人登记参合').waitFor();
    await page.context().close();
  });
});

describe('即时结报 in the browser', () => {
  it('the hospital clerk finds the patient, types the bill line by line and settles once, seeing the pay', async () => {
    const page = await newPage();
    await logIn(page, 'hospital', '/ncms/claims/new');
    await page.getByLabel('患者身份证号').fill(patient.idNumber);
    await page.getByRole('button', { name: /查找患者/ }).click();
    await expect.poll(() => page.getByTestId('patient').textContent(), POLL).toContain(patient.name);
    await expect.poll(() => page.getByTestId('patient').textContent(), POLL).toContain('已参合');
    await page.locator('#claim_diagnosis').fill('K35');

    // The worked example: county hospital, 10 000 元 of which 1 000 out of catalogue → (9 000 − 400) × 75 % = 6 450.
    // Typed with the keyboard only: Enter goes name → quantity → price → the next row's name.
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await page.getByLabel('第 1 行名称').fill('阑尾切除术');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('cost-0-quantity');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('cost-0-unitPrice');
    await page.keyboard.type('4500');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('cost-1-name');
    await page.keyboard.type('进口缝合材料');
    await page.getByLabel('第 2 行目录内').uncheck();
    await page.getByLabel('第 2 行单价').fill('1000');
    await expect.poll(() => page.getByTestId('cost-totals').textContent(), POLL).toContain('合计 10,000.00 元（2 项）');
    await expect.poll(() => page.getByTestId('cost-totals').textContent(), POLL).toContain('目录外（自付）1,000.00 元');
    await snap(page, 'settle-lines');

    // A double click settles once.
    await page.getByRole('button', { name: /结算（合计/ }).dblclick();
    await expect.poll(() => page.getByTestId('claim-pay').textContent(), POLL).toContain('6,450.00');
    await expect.poll(() => page.locator('.ant-descriptions').textContent(), POLL).toContain('75%');
    await page.getByRole('button', { name: /打印结算单/ }).waitFor();
    await snap(page, 'settle-result');

    await page.goto(`${web.baseUrl}/ncms/claims`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await expect.poll(() => rows.first().textContent(), POLL).toContain('6,450.00');
    await page.context().close();
  });

  it('the NCMS clerk reverses the settled claim with a reason, and the fund page shows the year', async () => {
    const page = await newPage();
    await logIn(page, 'ncms', '/ncms/claims');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: patient.name });
    await expect.poll(() => row.textContent(), POLL).toContain('已结算');
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/ncms\/claims\/\d+$/);
    await expect.poll(() => page.getByTestId('claim-pay').textContent(), POLL).toContain('6,450.00');
    await page.getByRole('button', { name: /冲\s*销/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '冲销单据' });
    await dialog.getByRole('button', { name: /确认冲销/ }).click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').textContent(), POLL).toContain('请填写冲销原因');
    await dialog.getByLabel('冲销原因').fill('费用录入错误，重新结算');
    await dialog.getByRole('button', { name: /确认冲销/ }).click();
    await page.getByText('已冲销（原支付 6,450.00 元）').waitFor();
    await snap(page, 'reversed');

    await page.getByRole('menuitem', { name: /基金$/ }).click();
    await page.waitForURL(/\/ncms\/fund/);
    await page.getByText(`${YEAR} 年逐月收支`).waitFor();
    await expect.poll(() => page.locator('canvas').count(), POLL).toBe(1);
    await snap(page, 'fund');
    await page.context().close();
  });
});
