/**
 * Village public notices (村级公示): preview a village's month, publish it (frozen: the content is stored and every
 * download renders from it), correct it with a new version, and read what was published.
 *
 * Who: reading published notices needs ncms.read or ncms.enroll inside the caller's area (a village doctor sees their
 * village, township staff their township, the office the county); a preview (unpublished figures, with the fund's)
 * needs ncms.read; publishing is the NCMS office's (ncms.manage).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { can } from '../../core/auth/roles.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { getArea } from '../../core/areas/areas.ts';
import { villagesWithTownships } from '../../core/areas/village-list.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { checkMonth, contentHash, noticeContents, type NoticeContent, type NoticeSettings, type NoticeVillage } from './notice-content.ts';
import type { Publication } from './notice-documents.ts';

export function requireNoticeRead(actor: Actor): void {
  if (!can(actor.role, 'ncms.read') && !can(actor.role, 'ncms.enroll')) throw forbidden('您没有查看新农合公示的权限');
}

/** The village-level areas of `areaId` (default: the caller's whole scope) that existed in the month, with names. */
export async function noticeVillages(db: Db, actor: Actor, month: string, areaId?: number): Promise<NoticeVillage[]> {
  const { year, month: m } = checkMonth(month);
  const start = `${year}-${String(m).padStart(2, '0')}-01`;
  const villages = (await villagesWithTownships(db, actor, areaId)).filter((v) => v.validTo === null || v.validTo >= start);
  const counties = new Map<number, string>();
  for (const townshipId of new Set(villages.map((v) => v.townshipId))) {
    const township = await getArea(db, actor, townshipId);
    counties.set(townshipId, township.parentId === null ? '' : (await getArea(db, actor, township.parentId)).name);
  }
  return villages.map((v) => ({ id: v.id, code: v.code, name: v.name, township: v.townshipName, county: counties.get(v.townshipId)! }));
}

async function oneVillage(db: Db, actor: Actor, month: string, areaId: number): Promise<NoticeVillage> {
  const village = (await noticeVillages(db, actor, month, areaId)).find((v) => v.id === areaId);
  if (!village) throw invalid('areaId', '公示按村发布：请选择一个村（社区）', 'not_a_village');
  return village;
}

export interface SettingsInput {
  publisher?: string | undefined;
  complaintPhone?: string | undefined;
  objectionDays?: number | undefined;
}

export function noticeSettings(village: Pick<NoticeVillage, 'county'>, input: SettingsInput): NoticeSettings {
  const objectionDays = input.objectionDays ?? 7;
  if (!Number.isInteger(objectionDays) || objectionDays < 1 || objectionDays > 30) throw invalid('objectionDays', '公示期应为 1 到 30 天');
  return {
    publisher: input.publisher?.trim() || `${village.county}新型农村合作医疗管理办公室`,
    complaintPhone: input.complaintPhone?.trim() ?? '',
    objectionDays,
  };
}

/** Only a month that is over can be published: its claims are all in. */
export function checkMonthOver(month: string, today: string): void {
  checkMonth(month);
  if (month >= today.slice(0, 7)) throw invalid('month', `${month} 尚未结束，月度公示请在次月发布`, 'month_not_over');
}

export async function previewNotice(db: Db, actor: Actor, q: { areaId: number; month: string } & SettingsInput): Promise<NoticeContent> {
  requirePermission(actor, 'ncms.read');
  const village = await oneVillage(db, actor, q.month, q.areaId);
  const [content] = await noticeContents(db, actor, q.month, [village], noticeSettings(village, q));
  return content!;
}

export interface NoticeView {
  id: number;
  areaId: number;
  month: string;
  version: number;
  publishedAt: string;
  publishedByName: string;
  correctionReason: string | null;
  claimCount: number;
  totalFen: number;
  payFen: number;
  contentHash: string;
  content: NoticeContent;
  /** Every version of the village's month, newest first (this one included). */
  versions: Array<{ id: number; version: number; publishedAt: string; publishedByName: string; correctionReason: string | null }>;
}

export const publicationOf = (n: Pick<NoticeView, 'version' | 'publishedAt' | 'publishedByName' | 'correctionReason'>): Publication => ({
  version: n.version,
  publishedAt: new Date(n.publishedAt),
  publishedByName: n.publishedByName,
  correctionReason: n.correctionReason,
});

const NOTICE_LOCK = 4_510_714;

/** Stores one version inside the caller's transaction (the village and month locked), audited. */
export async function insertNotice(trx: Db, actor: Actor, content: NoticeContent, correctionReason: string | null): Promise<{ id: number; version: number } | { already: number }> {
  await sql`select pg_advisory_xact_lock(${NOTICE_LOCK}, ${content.village.id})`.execute(trx);
  const latest = await trx
    .selectFrom('ncms_notice')
    .select(['version', 'content_hash', 'published_at'])
    .where('area_id', '=', content.village.id)
    .where('month', '=', content.month)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  const hash = contentHash(content);
  if (latest && correctionReason === null) return { already: latest.version };
  if (latest && latest.content_hash === hash) throw conflict('no_change', `内容与已发布的第 ${latest.version} 版相同，无需更正`);
  const version = (latest?.version ?? 0) + 1;
  try {
    const { id } = await trx
      .insertInto('ncms_notice')
      .values({
        area_id: content.village.id,
        month: content.month,
        version,
        content: JSON.stringify(content),
        content_hash: hash,
        claim_count: content.count,
        total_fen: content.totalFen,
        pay_fen: content.payFen,
        correction_reason: latest ? correctionReason : null,
        published_by: actor.userId,
        published_by_name: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: version === 1 ? 'publish' : 'correct',
      entity: 'ncms_notice',
      entityId: id,
      areaId: content.village.id,
      after: { month: content.month, version, claims: content.count, totalFen: content.totalFen, payFen: content.payFen, contentHash: hash, correctionReason: latest ? correctionReason : null },
    });
    return { id, version };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('already_published', '该村该月的公示刚刚由他人发布，请刷新后查看');
    throw error;
  }
}

export interface PublishInput extends SettingsInput {
  areaId: number;
  month: string;
  /** Required when the month is already published: the new version corrects it. */
  correctionReason?: string | undefined;
}

export async function publishNotice(db: Db, actor: Actor, input: PublishInput, today = todayInShanghai()): Promise<NoticeView> {
  requirePermission(actor, 'ncms.manage');
  checkMonthOver(input.month, today);
  const village = await oneVillage(db, actor, input.month, input.areaId);
  const reason = input.correctionReason?.trim() || null;
  const id = await db.transaction().execute(async (trx) => {
    const [content] = await noticeContents(trx, actor, input.month, [village], noticeSettings(village, input));
    const stored = await insertNotice(trx, actor, content!, reason);
    if ('already' in stored) {
      throw conflict('already_published', `${village.name} ${input.month} 的公示已发布（第 ${stored.already} 版）。如需更正，请填写更正说明后发布新版本`, 'correctionReason');
    }
    return stored.id;
  });
  return getNotice(db, actor, id);
}

const iso = (d: Date) => d.toISOString();

export async function getNotice(db: Db, actor: Actor, id: number): Promise<NoticeView> {
  requireNoticeRead(actor);
  const row = await db
    .selectFrom('ncms_notice')
    .selectAll()
    .where('id', '=', id)
    .where('area_id', 'in', (eb) => areaIdsIn(eb, actor.scope))
    .executeTakeFirst();
  if (!row) throw notFound('公示');
  const versions = await db
    .selectFrom('ncms_notice')
    .select(['id', 'version', 'published_at', 'published_by_name', 'correction_reason'])
    .where('area_id', '=', row.area_id)
    .where('month', '=', row.month)
    .orderBy('version', 'desc')
    .execute();
  return {
    id: row.id,
    areaId: row.area_id,
    month: row.month,
    version: row.version,
    publishedAt: iso(row.published_at),
    publishedByName: row.published_by_name,
    correctionReason: row.correction_reason,
    claimCount: row.claim_count,
    totalFen: Number(row.total_fen),
    payFen: Number(row.pay_fen),
    contentHash: row.content_hash,
    content: (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as NoticeContent,
    versions: versions.map((v) => ({ id: v.id, version: v.version, publishedAt: iso(v.published_at), publishedByName: v.published_by_name, correctionReason: v.correction_reason })),
  };
}

export interface BoardRow {
  areaId: number;
  village: string;
  township: string;
  notice: { id: number; version: number; publishedAt: string; publishedByName: string; claimCount: number; payFen: number } | null;
}

/** The villages of the caller's area (or `areaId` inside it) for a month, each with its notice in force, if any. */
export async function noticeBoard(db: Db, actor: Actor, q: { month: string; areaId?: number | undefined }): Promise<BoardRow[]> {
  requireNoticeRead(actor);
  const villages = await noticeVillages(db, actor, q.month, q.areaId);
  if (villages.length === 0) return [];
  const notices = await db
    .selectFrom('ncms_notice')
    .select(['id', 'area_id', 'version', 'published_at', 'published_by_name', 'claim_count', 'pay_fen'])
    .distinctOn('area_id')
    .where('month', '=', q.month)
    .where('area_id', 'in', villages.map((v) => v.id))
    .orderBy('area_id')
    .orderBy('version', 'desc')
    .execute();
  const byArea = new Map(notices.map((n) => [n.area_id, n]));
  return villages.map((v) => {
    const n = byArea.get(v.id);
    return {
      areaId: v.id,
      village: v.name,
      township: v.township,
      notice: n ? { id: n.id, version: n.version, publishedAt: iso(n.published_at), publishedByName: n.published_by_name, claimCount: n.claim_count, payFen: Number(n.pay_fen) } : null,
    };
  });
}
