import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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
