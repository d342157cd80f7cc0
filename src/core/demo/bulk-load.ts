/**
 * Bulk loading as the PostgreSQL manual advises ("Populating a Database"): drop the foreign keys and the plain
 * indexes of the tables about to be filled, load, put them back. A foreign key is a trigger firing per inserted row
 * and an index is updated row by row; rebuilding each once at the end is set-based. Constraints and indexes are read
 * from the catalogue and recreated exactly as they were (same names and definitions), which checks every row once, so
 * bad data still fails the step. Primary keys and unique constraints stay (ON CONFLICT and generated ids rely on
 * them). Runs inside the caller's transaction: another session never sees the tables without them.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export async function withBulkLoad<T>(db: Db, tables: readonly string[], work: () => Promise<T>): Promise<T> {
  const { rows: keys } = await sql<{ table: string; name: string; definition: string }>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where contype = 'f' and conrelid = any(${tables}::regclass[]) order by 1, 2`.execute(db);
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i where i.indrelid = any(${tables}::regclass[]) and not i.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) order by 1`.execute(db);
  for (const fk of keys) await sql`alter table ${sql.raw(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(db);
  for (const index of indexes) await sql`drop index ${sql.raw(index.name)}`.execute(db);
  const result = await work();
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  for (const fk of keys) await sql`alter table ${sql.raw(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(db);
  return result;
}
