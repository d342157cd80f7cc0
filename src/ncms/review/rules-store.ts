/**
 * Stored review rules: one version per save, per pool and year; the highest version is in force. Saving needs
 * 'ncms.manage'; reading 'ncms.review' or 'ncms.read'. Rules are county policy: not scoped by area.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { can } from '../../core/auth/roles.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { findAreaByCode } from '../../core/areas/areas.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { AppError, forbidden, invalid } from '../../core/errors.ts';
import { compileReviewRules, type CompiledRules, type ReviewRulesDocument } from './rules-document.ts';

export interface StoredReviewRules {
  id: number;
  pool: string;
  year: number;
  version: number;
  document: ReviewRulesDocument;
  note: string | null;
  savedByName: string;
  savedAt: string;
}

export function requireReviewRead(actor: Actor): void {
  if (!can(actor.role, 'ncms.review') && !can(actor.role, 'ncms.read')) throw forbidden();
}

function checkPoolYear(pool: unknown, year: unknown): { pool: string; year: number } {
  if (typeof pool !== 'string' || !/^\d{6,12}$/.test(pool)) throw invalid('pool', '统筹区代码应为 6 到 12 位数字（如 430702）');
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', '年度应为 2000 到 2100 之间的整数');
  return { pool, year };
}

const toStored = (r: { id: number; pool: string; year: number; version: number; document: unknown; note: string | null; saved_by_name: string; saved_at: Date }): StoredReviewRules => ({
  id: r.id,
  pool: r.pool,
  year: r.year,
  version: r.version,
  document: r.document as ReviewRulesDocument,
  note: r.note,
  savedByName: r.saved_by_name,
  savedAt: new Date(r.saved_at).toISOString(),
});

export async function saveReviewRules(db: Db, actor: Actor, input: { pool: string; year: number; document: unknown; note?: string | null | undefined }): Promise<StoredReviewRules> {
  requirePermission(actor, 'ncms.manage');
  const { pool, year } = checkPoolYear(input.pool, input.year);
  compileReviewRules(input.document);
  const note = input.note?.trim() || null;
  if (note && note.length > 200) throw invalid('note', '说明不超过 200 个字');
  try {
    await findAreaByCode(db, actor, pool.padEnd(12, '0'));
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 404) throw e;
    throw invalid('pool', `统筹区代码 ${pool} 不是现有区划的代码（县级如 430702）`, 'unknown_pool');
  }
  return inTransaction(db, async (trx) => {
    // Versions are numbered per pool and year: two saves at once take turns here.
    await sql`select pg_advisory_xact_lock(hashtext(${`ncms_review_rules:${pool}:${year}`}))`.execute(trx);
    const last = await trx.selectFrom('ncms_review_rules').select((eb) => eb.fn.max('version').as('v')).where('pool', '=', pool).where('year', '=', year).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto('ncms_review_rules')
      .values({ pool, year, version, document: JSON.stringify(input.document), note, saved_by: actor.userId, saved_by_name: actor.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'save_rules', entity: 'ncms_review_rules', entityId: row.id, after: { pool, year, version, document: input.document, note } });
    return toStored(row);
  });
}

/** Every version of a pool-year's rules, newest first. */
export async function reviewRulesVersions(db: Db, actor: Actor, pool: string, year: number): Promise<StoredReviewRules[]> {
  requireReviewRead(actor);
  const rows = await db.selectFrom('ncms_review_rules').selectAll().where('pool', '=', pool).where('year', '=', year).orderBy('version', 'desc').execute();
  return rows.map(toStored);
}

/** The rules in force (highest version), compiled; null when the pool-year has none. */
export async function rulesInForce(db: Db, pool: string, year: number): Promise<{ stored: StoredReviewRules; rules: CompiledRules } | null> {
  const row = await db.selectFrom('ncms_review_rules').selectAll().where('pool', '=', pool).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  return { stored: toStored(row), rules: compileReviewRules(row.document).rules };
}
