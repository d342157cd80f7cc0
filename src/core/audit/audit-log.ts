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

/** What an entry says: everything but its place in the chain. */
export interface AuditContent {
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  area_id: number | null;
  before: unknown;
  after: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function auditContentHash(row: AuditContent): string {
  return sha256(canonicalJson([row.at.toISOString(), row.actor_id, row.actor_name, row.action, row.entity, row.entity_id, row.area_id, row.before ?? null, row.after ?? null]));
}

/** The link the commit-time trigger computes (migration 0004): the previous hash, the seq and the content's hash. */
export function auditChainHash(prevHash: string, seq: number, contentHash: string): string {
  return sha256(`${prevHash}|${seq}|${contentHash}`);
}

/** The hash of entries chained before 0004: over every field, seq and prev_hash included. */
export function legacyAuditHash(row: AuditContent & { seq: number; prev_hash: string }): string {
  return sha256(canonicalJson([row.seq, row.at.toISOString(), row.actor_id, row.actor_name, row.action, row.entity, row.entity_id, row.area_id, row.before ?? null, row.after ?? null, row.prev_hash]));
}

/**
 * Appends entries to the audit log inside the caller's transaction, so the write and its record commit or roll back
 * together. The entries get their seq and chain hash when the transaction commits (a deferred trigger, migration
 * 0004), so concurrent writers do not queue behind each other's open transactions for the chain's head.
 */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date();
  const rows = entries.map((entry) => {
    const content: AuditContent = {
      at,
      actor_id: actor.userId,
      actor_name: actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      area_id: entry.areaId ?? null,
      before: asStoredJson(entry.before),
      after: asStoredJson(entry.after),
    };
    return { ...content, before: jsonParam(content.before), after: jsonParam(content.after), content_hash: auditContentHash(content) };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000);
    // The first statement also asks for the chaining at commit: one round trip for a single entry.
    await (i === 0
      ? trx.with('chain', (db) => db.insertInto('audit_chain_request').defaultValues()).insertInto('audit_log').values(values)
      : trx.insertInto('audit_log').values(values)
    ).execute();
  }
}

// jsonb parameters go over the wire as JSON text on both drivers.
function jsonParam(value: unknown): unknown {
  return value === null ? null : JSON.stringify(value);
}
