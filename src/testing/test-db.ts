import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../core/db/connection.ts';
import { migrate } from '../core/db/migrate.ts';
import { migrationSources } from '../modules.ts';

/**
 * A migrated database of the test's own: PGlite in memory by default; with
 * JICENG_TEST_DATABASE_URL (set by .ci/run), a fresh schema in that PostgreSQL database,
 * dropped again on close.
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = process.env.JICENG_TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ template: await migratedTemplate() });
    await migrate(handle.db, migrationSources); // nothing to do: the template is migrated; kept as the check it is
    return handle;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const handle = await openDatabase({ url, schema });
  await migrate(handle.db, migrationSources);
  return {
    ...handle,
    async close() {
      await handle.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}

const TEMPLATE_PREFIX = 'jiceng-test-db-';

/**
 * A freshly migrated PGlite data folder as a tarball, kept in the temporary folder under a name that hashes every
 * migration and the PGlite version: starting PGlite from it takes a fraction of creating and migrating a new
 * cluster, which every test file did before. Any change to a migration makes a new one (older ones are removed).
 */
export async function migratedTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `${TEMPLATE_PREFIX}${migrationsKey()}.tar`);
  if (!existsSync(file)) {
    const handle = await openDatabase();
    try {
      await migrate(handle.db, migrationSources);
      const dump = await handle.dumpDataDir!();
      // Written under a name of its own, then renamed: test processes starting together never read half a file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      await handle.close();
    }
    for (const old of readdirSync(tmpdir())) {
      if (old.startsWith(TEMPLATE_PREFIX) && old.endsWith('.tar') && join(tmpdir(), old) !== file) rmSync(join(tmpdir(), old), { force: true });
    }
  }
  return new Blob([readFileSync(file)]);
}

function migrationsKey(): string {
  const hash = createHash('sha256');
  // The package does not export its package.json; it sits above dist/index.js.
  const pglite = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('@electric-sql/pglite')), 'utf8')) as { version: string };
  hash.update(pglite.version);
  for (const source of migrationSources) {
    for (const name of readdirSync(source.dir).filter((f) => f.endsWith('.sql')).sort()) {
      hash.update(`${source.module}/${name}\n`).update(readFileSync(new URL(name, source.dir)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}
