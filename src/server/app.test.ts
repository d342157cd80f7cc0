import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { buildApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('HTTP basics', () => {
  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: t.handle.kind });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths).toHaveProperty('/api/auth/login');
  });

  it('answers malformed JSON with 400 and a Chinese message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'malformed_json', message: expect.stringMatching(/JSON/) });
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('names the invalid field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', field: expect.any(String) });
    expect(res.json().error.message).toMatch(/字段「(username|password)」/);
  });

  it('answers unknown API routes with JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });
});

describe('login', () => {
  it('opens a session and tells who is logged in', async () => {
    const { cookie } = await t.as('doctor_east');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'doctor_east', role: 'village_doctor', roleName: '村医', areaName: '东岭村' });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'wrong1234' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'login_failed', message: '用户名或密码错误' });
  });

  it('locks an account after five wrong passwords', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditor', password: 'wrong1234' } });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditor', password: 'test1234' } });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('account_locked');
  });

  it('ends the session on logout', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cdc', password: 'test1234' } });
    const cookie = `jiceng_session=${res.cookies[0]!.value}`;
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe('web app serving', () => {
  it('answers page paths with index.html, files as they are, and missing files with 404', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'jiceng-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>基层</title>');
    const app = await buildApp({ db: t.handle.db, dbKind: t.handle.kind, webDir });
    try {
      // Built after the server started, as when the web app is rebuilt under a running server.
      writeFileSync(join(webDir, 'assets', 'app-1.js'), 'export {}');
      const page = await app.inject({ method: 'GET', url: '/people/12?tab=members' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>基层</title>');
      const script = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
      const missing = await app.inject({ method: 'GET', url: '/assets/app-0.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('route_not_found');
      const api = await app.inject({ method: 'GET', url: '/api/unknown' });
      expect(api.json().error.message).toBe('接口不存在：GET /api/unknown');
    } finally {
      await app.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});
