import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { SESSION_COOKIE } from '../server/auth.ts';
import type { DbHandle } from '../core/db/connection.ts';
import { createTestDb } from './test-db.ts';
import { createTinyCounty, TEST_PASSWORD, type TinyCounty } from './fixtures.ts';

export interface TestApp {
  app: FastifyInstance;
  handle: DbHandle;
  county: TinyCounty;
  /** Logs a fixture user in and returns the headers that carry their session. */
  as(username: string): Promise<{ cookie: string }>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const handle = await createTestDb();
  const county = await createTinyCounty(handle.db);
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, webDir: false, checkResponses: true });
  const sessions = new Map<string, string>();
  return {
    app,
    handle,
    county,
    async as(username) {
      let cookie = sessions.get(username);
      if (!cookie) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
        const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
        cookie = `${SESSION_COOKIE}=${token}`;
        sessions.set(username, cookie);
      }
      return { cookie };
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
