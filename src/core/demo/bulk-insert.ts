import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/** One column of a bulk insert: its name, its PostgreSQL type and one value per row. */
export type BulkColumn = readonly [name: string, type: 'int' | 'bigint' | 'text' | 'date' | 'boolean' | 'timestamptz' | 'jsonb', values: unknown[]];

/**
 * Inserts many rows in one statement, one array parameter per column unnested on the server
 * (`insert … select * from unnest($1::int[], $2::text[], …)`). A handful of parameters instead of
 * one per value: no 65 535-parameter limit, works the same on PGlite and PostgreSQL through Kysely,
 * and on PGlite it beat COPY FROM '/dev/blob' (measured on 530 000 person rows in batches of
 * 10 000: 30 000 rows/s against 22 000; index upkeep dominates both).
 */
export async function insertColumns(db: Db, table: string, columns: readonly BulkColumn[]): Promise<void> {
  if (columns.length === 0 || columns[0]![2].length === 0) return;
  const names = sql.join(columns.map(([name]) => sql.id(name)));
  const arrays = sql.join(columns.map(([, type, values]) => sql`${values}::${sql.raw(type)}[]`));
  await sql`insert into ${sql.id(table)} (${names}) select * from unnest(${arrays})`.execute(db);
}

/** Rows gathered in memory and written together with `insertColumns`. */
export class RowBatch<T> {
  private rows: T[] = [];

  constructor(
    private readonly table: string,
    private readonly columns: ReadonlyArray<readonly [name: string, type: BulkColumn[1], value: (row: T) => unknown]>,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  add(row: T): void {
    this.rows.push(row);
  }

  async write(db: Db): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    await insertColumns(db, this.table, this.columns.map(([name, type, value]) => [name, type, rows.map(value)] as const));
  }
}
