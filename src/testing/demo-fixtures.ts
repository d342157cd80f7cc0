import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db, DbHandle } from '../core/db/connection.ts';
import { generateDemoCounty } from '../core/demo/generate.ts';
import { runModuleDemos, type ModuleDemoStep } from '../module-demos.ts';
import { createTestDb } from './test-db.ts';

/** A small demo county in a test database of its own, with one module's demo step run after it. */
export async function demoCountyWith(step: ModuleDemoStep, options: { population: number; seed: string; asOf: string }): Promise<DbHandle> {
  const handle = await createTestDb();
  const county = await generateDemoCounty(handle.db, options);
  await runModuleDemos(handle.db, { seed: county.seed, asOf: county.asOf }, {}, [step]);
  return handle;
}

/** The one number a `select count(*) as n …` answers. */
export const countOf = async (db: Db, query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(db)).rows[0]!.n);

/** A hash of rows read in a fixed order: the same seed must give the same data. */
export const rowsHash = (...tables: unknown[]) => createHash('sha256').update(JSON.stringify(tables)).digest('hex');

/**
 * The demo county a module's demo test file shares (generated once, beforeAll), with the two checks every module demo
 * owes: one audit entry for its step, and the same data again for the same seed (compared through `keyRowsHash`).
 * Call inside the file's describe; `db()` is the shared database once the hook has run.
 */
export function sharedDemoCounty(
  step: ModuleDemoStep,
  options: { population: number; asOf: string; keyRowsHash: (db: Db) => Promise<string> },
): { db: () => Db } {
  const generate = () => demoCountyWith(step, { population: options.population, seed: 'test', asOf: options.asOf });
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await generate();
  }, 300_000);
  afterAll(() => handle?.close());
  const db = () => handle!.db;

  it('writes one audit entry for the step', async () => {
    const entries = await db().selectFrom('audit_log').select(['entity_id', 'after']).where('entity', '=', 'demo_module').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.entity_id).toBe(step.module);
    expect(entries[0]!.after).toMatchObject({ seed: 'test', asOf: options.asOf });
  });

  it('gives the same data for the same seed and date', async () => {
    const again = await generate();
    try {
      expect(await options.keyRowsHash(again.db)).toBe(await options.keyRowsHash(db()));
    } finally {
      await again.close();
    }
  }, 300_000);

  return { db };
}
