import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from './core/db/connection.ts';
import { createTestDb } from './testing/test-db.ts';
import { MODULE_DEMOS, runModuleDemos, type ModuleDemoStep } from './module-demos.ts';

describe('module demo steps', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  const step = (module: string, fail = false): ModuleDemoStep => ({
    module,
    label: `${module} 演示数据`,
    unit: '行',
    async generate(db, context) {
      await db.insertInto('ncms_enrollment_target').values({ year: 2000 + MODULE_DEMOS.length + module.length, target_ppm: 900_000, set_by_name: module }).execute();
      context.onProgress?.({ done: 1, total: 1, elapsedMs: 1 });
      if (fail) throw new Error('boom');
      return { text: `${module} done`, counts: { rows: 1 } };
    },
  });

  it('runs each step in order in its own transaction, with progress, a summary and one audit entry each', async () => {
    const seen: string[] = [];
    const done = await runModuleDemos(
      handle.db,
      { seed: 's', asOf: '2026-11-23' },
      { starting: (s) => (p) => seen.push(`${s.module}:${p.done}/${p.total}`), finished: (s, summary) => seen.push(summary.text) },
      [step('a'), step('bbb')],
    );
    expect(done.map((d) => d.module)).toEqual(['a', 'bbb']);
    expect(seen).toEqual(['a:1/1', 'a done', 'bbb:1/1', 'bbb done']);
    const audit = await handle.db.selectFrom('audit_log').select(['entity_id', 'after']).where('entity', '=', 'demo_module').orderBy('seq').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['a', 'bbb']);
    expect(audit[0]!.after).toEqual({ seed: 's', asOf: '2026-11-23', rows: 1 });
  });

  it('rolls back a failing step without undoing the steps before it', async () => {
    await expect(runModuleDemos(handle.db, { seed: 's', asOf: '2026-11-23' }, {}, [step('cc'), step('dddd', true)])).rejects.toThrow('boom');
    const targets = await handle.db.selectFrom('ncms_enrollment_target').select('set_by_name').execute();
    expect(targets.map((t) => t.set_by_name).sort()).toEqual(['a', 'bbb', 'cc']);
  });

  it('moves id sequences past the ids a step wrote itself, so the next row added by a user does not collide', async () => {
    const explicit: ModuleDemoStep = {
      module: 'ids',
      label: 'ids',
      unit: '行',
      async generate(db) {
        // As bulk loaders do: ids computed by the step, the sequence never asked.
        await sql`create table demo_ids (id serial primary key, name text)`.execute(db);
        await sql`insert into demo_ids (id, name) values (500, 'demo'), (501, 'demo')`.execute(db);
        return { text: 'ids', counts: {} };
      },
    };
    await runModuleDemos(handle.db, { seed: 's', asOf: '2026-11-23' }, {}, [explicit]);
    const added = await sql<{ id: number }>`insert into demo_ids (name) values ('user') returning id`.execute(handle.db);
    expect(added.rows[0]!.id).toBe(502);
  });
});
