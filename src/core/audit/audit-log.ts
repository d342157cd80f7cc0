import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Actor } from '../auth/actor.ts';
import { asStoredJson, canonicalJson } from './canonical.ts';

export interface AuditEntry {
  action: string; // create, update, delete, login, import, ...
  entity: string; // table or domain object, e.g. 'person'
  entityId?: string | number | null;
  areaId?: number | null; // where the record lives, so auditors see only their scope
  before?: unknown;
  after?: unknown;
}

interface ChainedFields {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  area_id: number | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
}

export function auditHash(row: ChainedFields): string {
  const content = canonicalJson([
    row.seq,
    row.at.toISOString(),
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.area_id,
    row.before ?? null,
    row.after ?? null,
    row.prev_hash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Appends entries to the audit log inside the caller's transaction, so the write and its
 * record commit or roll back together. Locking the head row serialises appenders.
 */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  let { seq, hash } = head;
  const at = new Date();
  const rows = entries.map((entry) => {
    const row: ChainedFields = {
      seq: seq + 1,
      at,
      actor_id: actor.userId,
      actor_name: actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      area_id: entry.areaId ?? null,
      before: asStoredJson(entry.before),
      after: asStoredJson(entry.after),
      prev_hash: hash,
    };
    seq = row.seq;
    hash = auditHash(row);
    return { ...row, before: jsonParam(row.before), after: jsonParam(row.after), hash };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto('audit_log').values(rows.slice(i, i + 1000)).execute();
  }
  await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
}

// jsonb parameters go over the wire as JSON text on both drivers.
function jsonParam(value: unknown): unknown {
  return value === null ? null : JSON.stringify(value);
}
