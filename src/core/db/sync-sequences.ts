import { sql } from 'kysely';
import type { Db } from './connection.ts';

/**
 * Moves every id sequence of the current schema past the largest id its table holds. Bulk loaders (the demo) write
 * ids they computed themselves; without this, the first row a user then adds takes an id already used and fails on
 * the primary key. Sequences never go back: one already ahead keeps its value.
 */
export async function syncSequences(db: Db): Promise<void> {
  // The catalogs, not information_schema.columns: that view resolves every table of the database before filtering by
  // schema, and so waited on other schemas' locked tables (tests run demos side by side, deadlocking there).
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    select t.relname as table, a.attname as column, s.oid::regclass::text as sequence
      from pg_depend d
      join pg_class s on s.oid = d.objid and s.relkind = 'S'
      join pg_class t on t.oid = d.refobjid
      join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
     where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       and d.deptype in ('a', 'i') -- a serial column's sequence, an identity column's
       and t.relnamespace = current_schema()::regnamespace`.execute(db);
  for (const { table, column, sequence } of rows) {
    await sql`select setval(${sequence}, m.top)
                from (select max(${sql.id(column)}) as top from ${sql.id(table)}) m, ${sql.raw(sequence)} s
               where m.top >= case when s.is_called then s.last_value + 1 else s.last_value end`.execute(db);
  }
}
