import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connection.ts';

export interface MigrationSource {
  /** Module that owns the migrations, e.g. 'core'. */
  module: string;
  /** Folder of NNNN_name.sql files, applied in name order. */
  dir: URL;
}

export interface AppliedMigration {
  module: string;
  name: string;
}

// Any constant will do; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = 4_510_712;

/**
 * Applies every pending migration of every module, in module order then file order,
 * in one transaction: a failing migration leaves the database as it was.
 * A migration that was applied and later edited is refused (its checksum changed).
 */
export async function migrate(db: Db, sources: MigrationSource[]): Promise<AppliedMigration[]> {
  await sql`
    create table if not exists schema_migration (
      module text not null,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now(),
      primary key (module, name)
    )`.execute(db);

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    const done = await trx.selectFrom('schema_migration').select(['module', 'name', 'checksum']).execute();
    const known = new Map(done.map((m) => [`${m.module}/${m.name}`, m.checksum]));
    const applied: AppliedMigration[] = [];

    for (const source of sources) {
      const dir = fileURLToPath(source.dir);
      const files = readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
      for (const name of files) {
        const text = readFileSync(`${dir}/${name}`, 'utf8');
        const checksum = createHash('sha256').update(text).digest('hex');
        const previous = known.get(`${source.module}/${name}`);
        if (previous !== undefined) {
          if (previous !== checksum) {
            throw new Error(`migration ${source.module}/${name} was changed after it was applied; add a new migration instead`);
          }
          continue;
        }
        await sql.raw(text).execute(trx);
        await trx.insertInto('schema_migration').values({ module: source.module, name, checksum }).execute();
        applied.push({ module: source.module, name });
      }
    }
    return applied;
  });
}
