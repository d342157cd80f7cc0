/**
 * The schemes store: each county's yearly compensation scheme (补偿方案) as versioned documents per pool (统筹区)
 * and year. A draft is checked by parseScheme when saved; activating one retires the previously active one.
 * Schemes are county-wide policy, not personal data: any holder of ncms.read sees all of them (no area scope).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { findAreaByCode } from '../../core/areas/areas.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import { formatProblem, parseScheme } from '../scheme/parse-scheme.ts';
import type { Scheme, SchemeProblem } from '../scheme/types.ts';
import type { SchemeStatus } from '../db/schema.ts';
import { diffDocuments, type SchemeDifference } from './compare-schemes.ts';

export const SCHEME_STATUS_NAMES: Record<SchemeStatus, string> = { draft: '草稿', active: '执行中', retired: '已停用' };

export interface SchemeSummary {
  id: number;
  pool: string;
  year: number;
  version: number;
  status: SchemeStatus;
  statusName: string;
  note: string | null;
  createdByName: string;
  createdAt: string;
  activatedByName: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface StoredScheme extends SchemeSummary {
  document: unknown;
  warnings: SchemeProblem[];
}

const summaryColumns = [
  'id',
  'pool',
  'year',
  'version',
  'status',
  'note',
  'created_by_name',
  'created_at',
  'activated_by_name',
  'activated_at',
  'retired_at',
] as const;

type SummaryRow = {
  id: number;
  pool: string;
  year: number;
  version: number;
  status: SchemeStatus;
  note: string | null;
  created_by_name: string;
  created_at: Date;
  activated_by_name: string | null;
  activated_at: Date | null;
  retired_at: Date | null;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toSummary = (r: SummaryRow): SchemeSummary => ({
  id: r.id,
  pool: r.pool,
  year: r.year,
  version: r.version,
  status: r.status,
  statusName: SCHEME_STATUS_NAMES[r.status],
  note: r.note,
  createdByName: r.created_by_name,
  createdAt: iso(r.created_at)!,
  activatedByName: r.activated_by_name,
  activatedAt: iso(r.activated_at),
  retiredAt: iso(r.retired_at),
});

/** The document checked by parseScheme, or an AppError listing every problem (the first one in the message). */
export function checkSchemeDocument(document: unknown): { scheme: Scheme; warnings: SchemeProblem[] } {
  const parsed = parseScheme(document);
  if (parsed.ok) return { scheme: parsed.scheme, warnings: parsed.warnings };
  const [first] = parsed.problems;
  const more = parsed.problems.length > 1 ? `（共 ${parsed.problems.length} 处问题）` : '';
  throw new AppError('invalid_scheme', `补偿方案有误：${formatProblem(first!)}${more}`, 400, {
    field: first!.path ? `document.${first!.path}` : 'document',
    problems: parsed.problems.map((p) => ({ field: p.path, message: p.message })),
  });
}

/**
 * The pool must be the code of an existing area (its leading digits: 430702 is 清河县 430702000000): a mistyped pool
 * would store a scheme that never applies to anyone.
 */
async function checkPoolArea(db: Db, actor: Actor, pool: string): Promise<void> {
  try {
    await findAreaByCode(db, actor, pool.padEnd(12, '0'));
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 404) throw e;
    throw invalid('document.pool', `补偿方案有误：pool：统筹区代码 ${pool} 不是现有区划的代码（县级如 430702，即区划代码 ${pool.padEnd(12, '0')}）`, 'unknown_pool');
  }
}

/** Saves a new draft version of the scheme for the document's pool and year. */
export async function saveSchemeDraft(db: Db, actor: Actor, input: { document: unknown; note?: string | null | undefined }): Promise<StoredScheme> {
  requirePermission(actor, 'ncms.manage');
  const { scheme, warnings } = checkSchemeDocument(input.document);
  await checkPoolArea(db, actor, scheme.pool);
  const document = typeof input.document === 'string' ? JSON.parse(input.document) : input.document;
  const id = await inTransaction(db, async (trx) => {
    // Serialise version numbering per pool and year.
    await sql`select pg_advisory_xact_lock(hashtext(${`ncms_scheme:${scheme.pool}:${scheme.year}`}))`.execute(trx);
    const { max } = await trx
      .selectFrom('ncms_scheme')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('pool', '=', scheme.pool)
      .where('year', '=', scheme.year)
      .executeTakeFirstOrThrow();
    const version = Number(max ?? 0) + 1;
    const { id } = await trx
      .insertInto('ncms_scheme')
      .values({
        pool: scheme.pool,
        year: scheme.year,
        version,
        document: JSON.stringify(document),
        note: input.note?.trim() || null,
        created_by: actor.userId,
        created_by_name: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', entity: 'ncms_scheme', entityId: id, after: { pool: scheme.pool, year: scheme.year, version, document } });
    return id;
  });
  return { ...(await loadScheme(db, id)), warnings };
}

async function loadScheme(db: Db, id: number): Promise<StoredScheme> {
  const row = await db.selectFrom('ncms_scheme').select([...summaryColumns, 'document']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('补偿方案');
  const parsed = parseScheme(row.document);
  return { ...toSummary(row), document: row.document, warnings: parsed.warnings };
}

export async function getScheme(db: Db, actor: Actor, id: number): Promise<StoredScheme> {
  requirePermission(actor, 'ncms.read');
  return loadScheme(db, id);
}

export interface SchemeFilter extends Partial<PageRequest> {
  pool?: string | undefined;
  year?: number | undefined;
  status?: SchemeStatus | undefined;
}

/** Newest year first, then the latest version first. */
export async function listSchemes(db: Db, actor: Actor, filter: SchemeFilter = {}): Promise<Page<SchemeSummary>> {
  requirePermission(actor, 'ncms.read');
  const { page, pageSize, offset } = pageRequest(filter);
  let query = db.selectFrom('ncms_scheme');
  if (filter.pool) query = query.where('pool', '=', filter.pool);
  if (filter.year) query = query.where('year', '=', filter.year);
  if (filter.status) query = query.where('status', '=', filter.status);
  const [rows, { n }] = await Promise.all([
    query.select(summaryColumns).orderBy('year', 'desc').orderBy('pool').orderBy('version', 'desc').limit(pageSize).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: n, page, pageSize };
}

/**
 * Makes a scheme the one in force for its pool and year; the one active before is retired in the same
 * transaction (the partial unique index guarantees one active even under races). Retired schemes stay
 * readable: claims of their period were settled by them.
 */
export async function activateScheme(db: Db, actor: Actor, id: number): Promise<StoredScheme> {
  requirePermission(actor, 'ncms.manage');
  await inTransaction(db, async (trx) => {
    const target = await trx.selectFrom('ncms_scheme').select(['id', 'pool', 'year', 'version', 'status', 'document']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!target) throw notFound('补偿方案');
    if (target.status === 'active') throw conflict('scheme_already_active', `该方案（${target.year} 年第 ${target.version} 版）已在执行中`);
    // A document saved under an older parser could fail today's checks: never put such a scheme in force.
    checkSchemeDocument(target.document);
    await sql`select pg_advisory_xact_lock(hashtext(${`ncms_scheme:${target.pool}:${target.year}`}))`.execute(trx);
    const retired = await trx
      .updateTable('ncms_scheme')
      .set({ status: 'retired', retired_at: sql`now()` })
      .where('pool', '=', target.pool)
      .where('year', '=', target.year)
      .where('status', '=', 'active')
      .returning(['id', 'version'])
      .execute();
    await trx
      .updateTable('ncms_scheme')
      .set({ status: 'active', activated_by: actor.userId, activated_by_name: actor.name, activated_at: sql`now()`, retired_at: null })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      ...retired.map((r) => ({ action: 'retire', entity: 'ncms_scheme', entityId: r.id, before: { status: 'active' }, after: { status: 'retired', replacedBy: id } })),
      { action: 'activate', entity: 'ncms_scheme', entityId: id, before: { status: target.status }, after: { status: 'active', pool: target.pool, year: target.year, version: target.version } },
    );
  });
  return loadScheme(db, id);
}

/** The scheme in force for a pool and year, parsed; null when none is active. */
export async function activeScheme(db: Db, pool: string, year: number): Promise<{ id: number; version: number; scheme: Scheme } | null> {
  const row = await db.selectFrom('ncms_scheme').select(['id', 'version', 'document']).where('pool', '=', pool).where('year', '=', year).where('status', '=', 'active').executeTakeFirst();
  if (!row) return null;
  return { id: row.id, version: row.version, scheme: checkSchemeDocument(row.document).scheme };
}

/**
 * The active scheme that covers an area code in a year: the pool whose code is the longest prefix of it
 * (a county pool '430702' covers every village code beginning with 430702).
 */
export async function activeSchemeForArea(db: Db, areaCode: string, year: number): Promise<{ id: number; version: number; scheme: Scheme } | null> {
  return (await activeSchemesOfYear(db, year))(areaCode);
}

/**
 * Every active scheme of a year, read and checked once, as a lookup by area code with activeSchemeForArea's rule:
 * for bulk work (a roster import over hundreds of villages) that would otherwise read a scheme per village.
 */
export async function activeSchemesOfYear(db: Db, year: number): Promise<(areaCode: string) => { id: number; version: number; scheme: Scheme } | null> {
  const rows = await db.selectFrom('ncms_scheme').select(['id', 'version', 'pool', 'document']).where('year', '=', year).where('status', '=', 'active').execute();
  const schemes = rows.map((r) => ({ pool: r.pool, found: { id: r.id, version: r.version, scheme: checkSchemeDocument(r.document).scheme } })).sort((a, b) => b.pool.length - a.pool.length);
  return (areaCode) => schemes.find((s) => areaCode.startsWith(s.pool))?.found ?? null;
}

/** What changed from scheme a (the older, usually last year's) to scheme b. */
export async function compareSchemes(db: Db, actor: Actor, a: number, b: number): Promise<{ a: SchemeSummary; b: SchemeSummary; differences: SchemeDifference[] }> {
  requirePermission(actor, 'ncms.read');
  const [older, newer] = await Promise.all([loadScheme(db, a), loadScheme(db, b)]);
  const { document: oldDoc, warnings: _w1, ...aSummary } = older;
  const { document: newDoc, warnings: _w2, ...bSummary } = newer;
  return { a: aSummary, b: bSummary, differences: diffDocuments(oldDoc, newDoc) };
}
