import { Kysely, PostgresDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from '../../database.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type DbKind = 'pglite' | 'postgres';
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tarball, to start other databases from (see OpenOptions.template). */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** postgres://… for a PostgreSQL server; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL schema to work in (tests isolate themselves this way). */
  schema?: string | undefined;
  /** PGlite in memory: start from this dump of a data folder instead of an empty cluster (several times faster). */
  template?: Blob | undefined;
}

// Type OIDs whose default JavaScript conversion is wrong for us:
// DATE must stay 'YYYY-MM-DD' (no local-midnight Date), INT8 and NUMERIC counts become numbers.
const DATE = 1082;
const INT8 = 20;
const asNumber = (v: string) => Number(v);
const asIs = (v: string) => v;

export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url, options.schema);
  return openPGlite(options.dataDir, options.template);
}

async function openPostgres(url: string, schema?: string): Promise<DbHandle> {
  const pg = await import('pg');
  const types = pg.default.types;
  const pool = new pg.default.Pool({
    connectionString: url,
    max: Number(process.env.JICENG_PG_POOL ?? 10),
    options: schema ? `-c search_path=${schema}` : undefined,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE) return asIs;
        if (oid === INT8) return asNumber;
        return types.getTypeParser(oid, format);
      }) as typeof types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPGlite(dataDir?: string, template?: Blob): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  let dir: string | undefined;
  if (dataDir) {
    dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
  }
  // The options-object form: PGlite ignores the options when the folder argument is undefined.
  const pg = new PGlite({ dataDir: dir, loadDataDir: template, parsers: { [DATE]: asIs, [INT8]: asNumber } });
  await pg.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pg) });
  return { db, kind: 'pglite', close: () => db.destroy(), dumpDataDir: async () => (await pg.dumpDataDir('none')) as Blob };
}

/** Opens the database the environment names: DATABASE_URL, else PGlite in JICENG_DATA (default ./data/pglite). */
export function openFromEnv(): Promise<DbHandle> {
  return openDatabase({
    url: process.env.DATABASE_URL,
    dataDir: process.env.JICENG_DATA ?? './data/pglite',
  });
}
