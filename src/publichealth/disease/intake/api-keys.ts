/**
 * Institution API keys for hospital information systems: issued and revoked by the bureau ('visits.keys'), each bound
 * to one institution, shown once when issued. Only a SHA-256 of the key is stored, so a copy of the database does not
 * give anyone a key; a revoked or unknown key is answered 401 without saying which.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { AppError, notFound } from '../../../core/errors.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { getInstitution, institutionBasics } from '../../../core/institutions/institutions.ts';
import { senderAreaPath } from './sender-area.ts';

export const API_KEY_HEADER = 'x-api-key';
const PREFIX_LENGTH = 12;

export interface ApiKeySummary {
  id: number;
  institutionId: number;
  institutionName: string;
  keyPrefix: string;
  label: string;
  createdAt: Date;
  createdByName: string;
  revokedAt: Date | null;
  revokedByName: string | null;
  lastUsedAt: Date | null;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function issueApiKey(db: Db, actor: Actor, input: { institutionId: number; label?: string | undefined }): Promise<{ id: number; key: string; keyPrefix: string }> {
  requirePermission(actor, 'visits.keys');
  const institution = await getInstitution(db, actor, input.institutionId);
  const key = `jc_${randomBytes(24).toString('base64url')}`;
  const keyPrefix = key.slice(0, PREFIX_LENGTH);
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('disease_api_key')
      .values({ institution_id: institution.id, key_hash: hashKey(key), key_prefix: keyPrefix, label: input.label?.trim() ?? '', created_by: actor.userId, created_by_name: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', entity: 'disease_api_key', entityId: id, areaId: institution.areaId, after: { institutionId: institution.id, keyPrefix, label: input.label ?? '' } });
    return { id, key, keyPrefix };
  });
}

export async function revokeApiKey(db: Db, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'visits.keys');
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('disease_api_key').select(['institution_id', 'key_prefix', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('接口密钥');
    if (row.revoked_at) return;
    await trx.updateTable('disease_api_key').set({ revoked_at: new Date(), revoked_by_name: actor.name }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'revoke', entity: 'disease_api_key', entityId: id, before: { keyPrefix: row.key_prefix, revoked: false }, after: { revoked: true } });
  });
}

export async function listApiKeys(db: Db, actor: Actor): Promise<ApiKeySummary[]> {
  requirePermission(actor, 'visits.keys');
  const rows = await db
    .selectFrom('disease_api_key as k')
    .innerJoin('institution as i', 'i.id', 'k.institution_id')
    .select(['k.id', 'k.institution_id', 'i.name', 'k.key_prefix', 'k.label', 'k.created_at', 'k.created_by_name', 'k.revoked_at', 'k.revoked_by_name', 'k.last_used_at'])
    .orderBy('k.revoked_at', (o) => o.desc().nullsFirst())
    .orderBy('k.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.name,
    keyPrefix: r.key_prefix,
    label: r.label,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    revokedAt: r.revoked_at,
    revokedByName: r.revoked_by_name,
    lastUsedAt: r.last_used_at,
  }));
}

const unauthorized = () =>
  new AppError('invalid_api_key', `接口密钥无效或已被收回：请在请求头 X-Api-Key 中填写卫健局发放的本机构密钥；如已遗失或收回请联系卫健局重新发放`, 401);

/** The institution a key sends for, with the actor its visits are written as; 401 for a missing, unknown or revoked key. */
export async function authenticateApiKey(db: Db, key: string | undefined): Promise<{ keyId: number; institutionId: number; actor: Actor }> {
  if (!key) throw unauthorized();
  const row = await db.selectFrom('disease_api_key').select(['id', 'institution_id', 'key_prefix', 'revoked_at']).where('key_hash', '=', hashKey(key.trim())).executeTakeFirst();
  if (!row || row.revoked_at) throw unauthorized();
  const institution = await institutionBasics(db, row.institution_id);
  if (!institution) throw unauthorized();
  await db.updateTable('disease_api_key').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  const actor: Actor = {
    userId: null,
    name: `${institution.name}（接口 ${row.key_prefix}…）`,
    role: 'system',
    scope: { areaId: institution.areaId, path: senderAreaPath(institution.level, institution.areaPath) },
    institutionId: institution.id,
  };
  return { keyId: row.id, institutionId: institution.id, actor };
}
