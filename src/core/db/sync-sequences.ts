import { sql } from 'kysely';
import type { Db } from './connection.ts';

/**
 * Moves every id sequence of the current schema past the largest id its table holds. Bulk loaders (the demo) write
 * ids they computed themselves; without this, the first row a user then adds takes an id already used and fails on
 * the primary key. Sequences never go back: one already ahead keeps its value.
 */
export async function syncSequences(db: Db): Promise<void> {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    select c.table_name as table, c.column_name as column, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as sequence
      from information_schema.columns c
     where c.table_schema = current_schema()
       and (c.column_default like 'nextval(%' or c.is_identity = 'YES')`.execute(db);
  for (const { table, column, sequence } of rows) {
    if (!sequence) continue;
    await sql`select setval(${sequence}, m.top)
                from (select max(${sql.id(column)}) as top from ${sql.id(table)}) m, ${sql.raw(sequence)} s
               where m.top >= case when s.is_called then s.last_value + 1 else s.last_value end`.execute(db);
  }
}
