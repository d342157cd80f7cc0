import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createTestDb } from '../testing/test-db.ts';
import type { DbHandle } from '../core/db/connection.ts';
import { preparingGate, progressPage, type PreparingGate } from './preparing.ts';

describe('the first start’s preparing gate', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let gate: PreparingGate;
  beforeAll(async () => {
    handle = await createTestDb();
    app = await buildApp({ db: handle.db, dbKind: handle.kind, webDir: false });
    gate = preparingGate(app);
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  it('answers pages with the progress, the API with a 503 naming the step, until done', async () => {
    gate.update({ step: 3, steps: 12, label: '新农合演示数据', share: 0.425, etaSeconds: 95 });
    const page = await app.inject({ method: 'GET', url: '/ncms/claims?month=2026-03' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['retry-after']).toBe('3');
    expect(page.body).toContain('第 3 / 12 步：新农合演示数据 42%，预计本步剩余 1 分 35 秒');
    expect(page.body).toContain('<meta http-equiv="refresh" content="3">');

    const api = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'x' } });
    expect(api.statusCode).toBe(503);
    expect(api.json()).toEqual({ error: { code: 'preparing', message: '系统正在生成演示县，请稍候再试（第 3 / 12 步：新农合演示数据 42%，预计本步剩余 1 分 35 秒）' } });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'preparing' });

    gate.done();
    gate.update({ step: 12, steps: 12, label: '督导考核', share: 1, etaSeconds: 0 }); // a late report keeps it open
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('the page escapes what it shows and its bar counts the steps done', () => {
    const html = progressPage('生成', { step: 2, steps: 4, label: '<b>乙</b>', share: 0.5, etaSeconds: null }, 61_000);
    expect(html).toContain('&#60;b&#62;乙&#60;/b&#62; 50%');
    expect(html).not.toContain('<b>乙');
    expect(html).toContain('aria-valuenow="37"'); // (1 + 0.5) / 4
    expect(html).toContain('已用时 1 分 1 秒');
  });
});
