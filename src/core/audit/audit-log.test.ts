import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb } from '../../testing/test-db.ts';
import type { DbHandle } from '../db/connection.ts';
import { systemActor } from '../auth/actor.ts';
import { recordAudit } from './audit-log.ts';
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
});
