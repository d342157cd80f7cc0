import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { DbHandle } from '../../src/core/db/connection.ts';
import { TEST_PASSWORD } from '../../src/testing/fixtures.ts';

// What every browser test shares: the built web app served by the real server on the test's own database,
// Debian's Chromium, and a clerk logging in through the form.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIR = process.env.JICENG_WEB_DIR ?? fileURLToPath(new URL('../../dist/web/', import.meta.url));
const SCREENSHOTS = process.env.JICENG_SCREENSHOTS; // a folder, to look at the pages during development

// playwright-core has no matchers of its own: tests poll the page until it shows what they expect.
export const POLL = { timeout: 30_000 };

/**
 * Types into a searching picker (Ant Design Select) and chooses the option matching `option` with the keyboard once it
 * is listed: under load a click on the option was sometimes lost and the picker stayed empty.
 */
export async function chooseOption(picker: Locator, typed: string, option: RegExp): Promise<void> {
  await picker.fill(typed);
  await picker.page().locator('.ant-select-item-option', { hasText: option }).waitFor(POLL);
  await picker.press('Enter');
}

export interface BrowserApp {
  app: FastifyInstance;
  baseUrl: string;
  newPage(): Promise<Page>;
  /** Saves a screenshot when JICENG_SCREENSHOTS names a folder. */
  snap(page: Page, name: string): Promise<void>;
  /** Logs in through the form, starting from a protected page so the return trip is exercised too. */
  logIn(page: Page, username: string, startAt: string): Promise<void>;
  /** A new page, logged in as `username` through the form from `startAt`. */
  loggedInPage(username: string, startAt: string): Promise<Page>;
  close(): Promise<void>;
}

/** What this machine lacks for the browser tests: every test then fails with it (a skip would hide it). */
function missingPrerequisite(): string | undefined {
  if (!existsSync(CHROMIUM)) return '请先安装 Chromium：apt-get install chromium';
  if (!existsSync(`${WEB_DIR}index.html`)) return '请先构建前端：npm run build:web';
  return undefined;
}

/** Serves the app on a free port over the test's database and starts the browser; `prefix` names its screenshots. */
export async function startBrowserApp(handle: DbHandle, prefix: string): Promise<BrowserApp> {
  const missing = missingPrerequisite();
  if (missing) throw new Error(missing);
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, webDir: WEB_DIR, checkResponses: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    await app.close();
    throw error;
  }

  const snap = async (page: Page, name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${prefix}-${name}.png`, fullPage: true });
  };
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  };
  const logIn = async (page: Page, username: string, startAt: string): Promise<void> => {
    await page.goto(baseUrl + startAt);
    await page.waitForURL((url) => url.pathname === '/login' && (startAt === '/' || url.searchParams.get('next') === startAt));
    await snap(page, 'login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => url.pathname + url.search === startAt);
  };
  return {
    app,
    baseUrl,
    snap,
    newPage,
    logIn,
    async loggedInPage(username, startAt) {
      const page = await newPage();
      await logIn(page, username, startAt);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
