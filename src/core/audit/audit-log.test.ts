import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb } from '../../testing/test-db.ts';
import type { DbHandle } from '../db/connection.ts';
import { systemActor } from '../auth/actor.ts';
import { legacyAuditHash, recordAudit } from './audit-log.ts';
import { verifyAuditLog } from './verify.ts';

let h: DbHandle;
beforeEach(async () => {
  h = await createTestDb();
  await h.db.transaction().execute(async (trx) => {
    for (let i = 1; i <= 5; i++) {
      await recordAudit(trx, systemActor('测试'), {
        action: 'create',
        entity: 'person',
        entityId: i,
        after: { name: `张${i}`, at: new Date('2026-01-0' + i), nested: { b: 1, a: [1, 2] } },
      });
    }
  });
});
afterEach(() => h.close());

// An attacker with database rights can lift the append-only trigger; verification must still notice.
async function tamper(statement: string) {
  await sql.raw(`alter table audit_log disable trigger audit_log_no_change`).execute(h.db);
  await sql.raw(statement).execute(h.db);
  await sql.raw(`alter table audit_log enable trigger audit_log_no_change`).execute(h.db);
}

describe('audit log', () => {
  it('verifies an untouched chain', async () => {
    const result = await verifyAuditLog(h.db);
    expect(result).toEqual({ ok: true, rows: 5, problems: [] });
  });

  it('refuses updates and deletes through the trigger', async () => {
    await expect(sql`update audit_log set actor_name = 'x' where seq = 1`.execute(h.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(h.db)).rejects.toThrow(/append-only/);
  });

  it('names an edited row', async () => {
    await tamper(`update audit_log set after = '{"name":"李四"}' where seq = 3`);
    const result = await verifyAuditLog(h.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, problem: 'edited' })]);
  });

  it('names a deleted row in the middle', async () => {
    await tamper(`delete from audit_log where seq = 2`);
    const result = await verifyAuditLog(h.db);
    expect(result.problems.map((p) => [p.seq, p.problem])).toEqual([[2, 'deleted']]);
  });

  it('notices a deleted last row', async () => {
    await tamper(`delete from audit_log where seq = 5`);
    const result = await verifyAuditLog(h.db);
    expect(result.problems).toEqual([expect.objectContaining({ problem: 'head_mismatch', seq: 5 })]);
  });

  it('rolls the audit entry back with the write it records', async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemActor(), { action: 'create', entity: 'person', entityId: 9 });
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect((await verifyAuditLog(h.db)).rows).toBe(5);
  });

  it('chains entries in the order their transactions commit, not the order they were written (PostgreSQL)', async () => {
    if (!process.env.JICENG_TEST_DATABASE_URL) return; // PGlite has one connection: transactions cannot overlap
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const firstWritten = new Promise<void>((resolve) => (written = resolve));
    const slow = h.db.transaction().execute(async (trx) => {
      await recordAudit(trx, systemActor(), { action: 'create', entity: 'person', entityId: 'written first' });
      written();
      await gate;
    });
    await firstWritten;
    await h.db.transaction().execute((trx) => recordAudit(trx, systemActor(), { action: 'create', entity: 'person', entityId: 'committed first' }));
    release();
    await slow;
    const tail = await h.db.selectFrom('audit_log').select(['seq', 'entity_id']).where('seq', '>', 5).orderBy('seq').execute();
    expect(tail).toEqual([{ seq: 6, entity_id: 'committed first' }, { seq: 7, entity_id: 'written first' }]);
    expect(await verifyAuditLog(h.db)).toMatchObject({ ok: true, rows: 7 });
  });
});

describe('entries chained before the chain moved to commit time (migration 0004)', () => {
  const legacy = { at: new Date('2025-12-31T16:00:00Z'), actor_id: null, actor_name: '旧系统', action: 'create', entity: 'area', entity_id: '1', area_id: null, before: null, after: { name: '清河县' } };

  beforeEach(async () => {
    // As 0003 left them: seq, prev_hash and hash over every field, no content hash, the head on the last one.
    const hash = legacyAuditHash({ ...legacy, seq: 1, prev_hash: '' });
    await sql.raw('alter table audit_log disable trigger audit_log_no_change').execute(h.db);
    await sql`delete from audit_log`.execute(h.db);
    await sql`insert into audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, area_id, before, after, prev_hash, hash)
              values (1, ${legacy.at}, null, ${legacy.actor_name}, 'create', 'area', '1', null, null, ${JSON.stringify(legacy.after)}, '', ${hash})`.execute(h.db);
    await sql.raw('alter table audit_log enable trigger audit_log_no_change').execute(h.db);
    await sql`update audit_head set seq = 1, hash = ${hash}`.execute(h.db);
  });

  it('verifies them by their old hash and chains new entries after them', async () => {
    await recordAudit(h.db, systemActor(), { action: 'update', entity: 'area', entityId: 1, after: { name: '清河区' } });
    expect(await verifyAuditLog(h.db)).toEqual({ ok: true, rows: 2, problems: [] });
  });

  it('still names an edited one', async () => {
    await tamper(`update audit_log set after = '{"name":"改过"}' where seq = 1`);
    expect((await verifyAuditLog(h.db)).problems).toEqual([expect.objectContaining({ seq: 1, problem: 'edited' })]);
  });
});
