import { sql } from 'kysely';
import type { Db } from './connection.ts';

/**
 * Draws `count` ids from a serial column's sequence in one query, ascending: rows written in bulk
 * (`insertColumns`, which returns nothing) then know their ids before they are inserted, and in the order wanted.
 */
export async function nextIds(db: Db, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${count}) order by 1`.execute(db);
  return rows.map((r) => r.id);
}
