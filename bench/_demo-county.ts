/**
 * Databases for benches. `withThrowawayDatabase` gives a fresh database for one run: a PostgreSQL database created
 * at 127.0.0.1:5432 (or the server of DATABASE_URL) and dropped afterwards when a server answers, else PGlite in a
 * temporary folder. `withDemoCounty` fills such a database with the full demo county, module demos included, unless
 * DATABASE_URL already holds one (then it is used read-only and nothing is generated): benches that measure the
 * county as it runs share one way to get it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../src/core/db/connection.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { migrationSources } from '../src/modules.ts';
import { generateWithProgress } from '../src/cli/demo.ts';

export type BenchDatabaseKind = 'PostgreSQL' | 'PGlite';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The maintenance database of the configured server, or of the local one. */
function adminUrl(): string {
  const configured = process.env.DATABASE_URL;
  if (!configured) return LOCAL_POSTGRES;
  return Object.assign(new URL(configured), { pathname: '/postgres' }).toString();
}

async function openAdmin(): Promise<DbHandle | undefined> {
  try {
    const admin = await openDatabase({ url: adminUrl() });
    await sql`select 1`.execute(admin.db);
    return admin;
  } catch {
    return undefined;
  }
}

/** Whether a PostgreSQL server answers where `withThrowawayDatabase` would create its database. */
export async function postgresAnswers(): Promise<boolean> {
  const admin = await openAdmin();
  await admin?.close();
  return admin !== undefined;
}

/**
 * Runs `task` on a migrated database of its own, removed afterwards: PostgreSQL when a server answers, PGlite
 * otherwise or with `postgres: false`.
 */
export async function withThrowawayDatabase<T>(label: string, task: (handle: DbHandle, kind: BenchDatabaseKind) => Promise<T>, options: { postgres?: boolean } = {}): Promise<T> {
  const admin = options.postgres === false ? undefined : await openAdmin();
  if (admin) {
    const name = `jiceng_bench_${label}_${Date.now().toString(36)}`;
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    try {
      const handle = await openDatabase({ url: Object.assign(new URL(adminUrl()), { pathname: `/${name}` }).toString() });
      try {
        await migrate(handle.db, migrationSources);
        return await task(handle, 'PostgreSQL');
      } finally {
        await handle.close();
      }
    } finally {
      await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
      await admin.close();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), `jiceng-bench-${label}-`));
  try {
    const handle = await openDatabase({ dataDir: dir });
    try {
      await migrate(handle.db, migrationSources);
      return await task(handle, 'PGlite');
    } finally {
      await handle.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a database already holds a generated demo county. */
async function hasDemoCounty(handle: DbHandle): Promise<boolean> {
  const row = await handle.db.selectFrom('audit_log').select('seq').where('entity', '=', 'demo_county').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Runs `task` on the full demo county (the seed and size `npm start` uses): DATABASE_URL's when it holds one,
 * otherwise a throw-away database generated first, with progress on the terminal.
 */
export async function withDemoCounty<T>(label: string, task: (handle: DbHandle, kind: BenchDatabaseKind) => Promise<T>): Promise<T> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const handle = await openDatabase({ url: configured });
    try {
      await migrate(handle.db, migrationSources);
      if (await hasDemoCounty(handle)) {
        console.log(`（使用 DATABASE_URL 中已有的演示县）`);
        return await task(handle, 'PostgreSQL');
      }
    } finally {
      await handle.close();
    }
  }
  return withThrowawayDatabase(label, async (handle, kind) => {
    console.log(`在临时${kind}数据库中生成完整演示县（需要几分钟）…`);
    await generateWithProgress(handle.db, {});
    await sql`analyze`.execute(handle.db);
    return task(handle, kind);
  });
}
