/**
 * Idempotent submissions (the enrollment pattern): the client's requestId is stored with the answer and a hash of
 * what was asked. The same id and content again returns the first answer; the same id with other content is 409.
 * A transaction-scoped advisory lock on the id makes a second submission arriving while the first is still running
 * wait for it and then read its answer, instead of settling twice.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { conflict } from '../../core/errors.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { recordAudit, type AuditEntry } from '../../core/audit/audit-log.ts';

const hashOf = (payload: unknown) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

/**
 * Runs `work` once per requestId (inside the caller's transaction); `payload` is what the request asked, without the id.
 * The audit entries `work` returns are recorded last: the audit log's head row is one lock for every writer in the
 * system, so it is taken just before the commit and held as briefly as possible.
 */
export async function oncePerRequest<T>(
  trx: Db,
  actor: Actor,
  requestId: string | undefined,
  payload: unknown,
  work: () => Promise<{ result: T; audit: AuditEntry[] }>,
): Promise<T> {
  if (!requestId) {
    const { result, audit } = await work();
    await recordAudit(trx, actor, ...audit);
    return result;
  }
  await sql`select pg_advisory_xact_lock(hashtext(${`ncms_claim_request:${requestId}`}))`.execute(trx);
  const hash = hashOf(payload);
  const done = await trx.selectFrom('ncms_claim_request').select(['payload_hash', 'result']).where('request_id', '=', requestId).executeTakeFirst();
  if (done) {
    if (done.payload_hash !== hash) throw conflict('request_id_reused', '该提交编号（requestId）已用于另一份不同的提交，请刷新页面后重新提交', 'requestId');
    return done.result as T;
  }
  const { result, audit } = await work();
  await trx.insertInto('ncms_claim_request').values({ request_id: requestId, payload_hash: hash, result: JSON.stringify(result) }).execute();
  await recordAudit(trx, actor, ...audit);
  return result;
}
