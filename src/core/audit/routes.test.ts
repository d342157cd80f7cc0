import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { recordAudit } from './audit-log.ts';
import { isCountyWide, listAudit } from './query.ts';

let t: TestApp;

/** Records an entry as if written at `at` (the audit log stamps entries with the clock). */
async function recordAt(at: string, entityId: string, areaId: number | null = null) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  try {
    await t.handle.db.transaction().execute((trx) => recordAudit(trx, systemActor('夜班录入员'), { action: 'update', entity: 'person', entityId, areaId, after: { at } }));
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  // 23:30 and 00:30 in the county, on either side of midnight between 1 and 2 January.
  await recordAt('2026-01-01T15:30:00Z', 'late-evening', t.county.areas.eastVillage);
  await recordAt('2026-01-01T16:30:00Z', 'after-midnight');
});
afterAll(() => t.close());

async function get(user: string, url: string) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('who may read the audit log', () => {
  it.each(['admin', 'auditor'])('lets %s read and verify', async (user) => {
    expect((await get(user, '/api/audit')).statusCode).toBe(200);
    expect((await get(user, '/api/audit/verify')).statusCode).toBe(200);
  });

  it.each(['doctor_east', 'township', 'ncms', 'cdc'])('refuses %s with 403', async (user) => {
    expect((await get(user, '/api/audit')).statusCode).toBe(403);
    expect((await get(user, '/api/audit/verify')).statusCode).toBe(403);
  });

  it('refuses a caller without a session with 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});

describe('audit list', () => {
  it('lists newest first, with the contract fields', async () => {
    const body = (await get('auditor', '/api/audit?pageSize=5')).json();
    expect(body.pageSize).toBe(5);
    expect(body.items).toHaveLength(5);
    const seqs = body.items.map((i: { seq: number }) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(body.total).toBeGreaterThan(15);
    const second = (await get('auditor', '/api/audit?pageSize=5&page=2')).json();
    expect(second.items[0].seq).toBe(seqs[4] - 1);
  });

  it('filters by entity and entity id', async () => {
    const { items, total } = (await get('admin', `/api/audit?entity=area&entityId=${t.county.areas.town}`)).json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ action: 'create', entity: 'area', entityId: String(t.county.areas.town), areaId: t.county.areas.town, areaName: '东岭镇', actorName: '测试夹具', before: null });
    expect(items[0].after).toMatchObject({ name: '东岭镇', kind: 'town' });
    expect(items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    const areas = (await get('admin', '/api/audit?entity=area')).json();
    expect(areas.total).toBe(6);
  });

  it('filters by part of the actor’s name', async () => {
    const { items, total } = (await get('admin', `/api/audit?actor=${encodeURIComponent('夹具')}&pageSize=100`)).json();
    expect(total).toBe(13); // six areas and seven users
    expect(new Set(items.map((i: { actorName: string }) => i.actorName))).toEqual(new Set(['测试夹具']));
  });

  it('reads from and to as days in Asia/Shanghai', async () => {
    const ids = async (query: string) => (await get('auditor', `/api/audit?actor=${encodeURIComponent('夜班')}&${query}`)).json().items.map((i: { entityId: string }) => i.entityId);
    expect(await ids('from=2026-01-01&to=2026-01-01')).toEqual(['late-evening']);
    expect(await ids('from=2026-01-02&to=2026-01-02')).toEqual(['after-midnight']);
    expect(await ids('from=2026-01-02')).toEqual(['after-midnight']);
    expect(await ids('to=2026-01-01')).toEqual(['late-evening']);
    expect(await ids('from=2025-12-31&to=2026-01-02')).toEqual(['after-midnight', 'late-evening']);
  });

  it('names a bad date range', async () => {
    const impossible = await get('auditor', '/api/audit?from=2026-02-30');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error).toMatchObject({ field: 'from', code: 'invalid_date' });
    const backwards = await get('auditor', '/api/audit?from=2026-03-01&to=2026-02-01');
    expect(backwards.json().error).toMatchObject({ field: 'to', code: 'invalid_date_range' });
  });
});

describe('audit scope', () => {
  async function townAuditor(): Promise<Actor> {
    const town = await t.handle.db.selectFrom('area').select(['id', 'path']).where('id', '=', t.county.areas.town).executeTakeFirstOrThrow();
    return { userId: null, name: '镇审计', role: 'auditor', scope: { areaId: town.id, path: town.path }, institutionId: null };
  }

  it('tells county-wide scopes apart', () => {
    expect(isCountyWide({ areaId: null, path: '/' })).toBe(true);
    expect(isCountyWide({ areaId: 1, path: '/1/' })).toBe(true);
    expect(isCountyWide({ areaId: 2, path: '/1/2/' })).toBe(false);
  });

  it('shows a scope below the county only its own areas’ entries, without area-less ones', async () => {
    const page = await listAudit(t.handle.db, await townAuditor(), { pageSize: 200 });
    const { town, eastVillage, westVillage } = t.county.areas;
    expect(new Set(page.items.map((i) => i.areaId))).toEqual(new Set([town, eastVillage, westVillage]));
    // The areas themselves, the township user and two village doctors, and the late-evening entry.
    expect(page.total).toBe(3 + 3 + 1);
  });

  it('shows a county-wide reader the area-less entries too', async () => {
    const { items } = (await get('auditor', `/api/audit?actor=${encodeURIComponent('夜班')}`)).json();
    expect(items.map((i: { areaId: number | null }) => i.areaId)).toEqual([null, t.county.areas.eastVillage]);
  });
});

// Last: it breaks the chain for the rest of the file.
describe('verification', () => {
  it('reports an intact chain, then names the seq of an edited row', async () => {
    const intact = (await get('auditor', '/api/audit/verify')).json();
    expect(intact).toMatchObject({ ok: true, problems: [] });
    expect(intact.rows).toBeGreaterThan(15);

    await sql.raw('alter table audit_log disable trigger audit_log_no_change').execute(t.handle.db);
    await sql.raw(`update audit_log set actor_name = '冒名' where seq = 4`).execute(t.handle.db);
    await sql.raw('alter table audit_log enable trigger audit_log_no_change').execute(t.handle.db);

    const broken = (await get('admin', '/api/audit/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual([{ seq: 4, problem: 'edited', message: expect.stringContaining('第 4 条') }]);
  });
});
