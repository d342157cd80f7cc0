import { randomBytes } from 'node:crypto';
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
    const handle = await openDatabase();
    await migrate(handle.db, migrationSources);
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
