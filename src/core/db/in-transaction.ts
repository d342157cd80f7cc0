import type { Db } from './connection.ts';

/**
 * Runs `work` in a transaction: the caller's when `db` already is one (a bulk job composing
 * several services), otherwise a new one. Kysely refuses to nest transactions itself.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
