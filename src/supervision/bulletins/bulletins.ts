/**
 * Monthly bulletins (月通报): preview a month (built from the stored values, not kept), publish it (the content is
 * stored and frozen by a trigger; a correction is a new version with its reason), list and read the published ones.
 * The bureau generates and publishes (supervision.manage); every reader with supervision.read sees them all.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { listInstitutions } from '../../core/institutions/institutions.ts';
import { checkMonth, monthName, shiftMonth, type Month } from '../month.ts';
import { indicatorDefinitions } from '../indicators/registry.ts';
import { storedValues } from '../indicators/table.ts';
import { monthRanking } from '../scoring/ranking.ts';
import { listTargets } from '../scoring/targets.ts';
import { bulletinContent, type BulletinContent } from './content.ts';
import { bulletinSections } from './sections.ts';

export interface Bulletin {
  id: number;
  month: Month;
  version: number;
  content: BulletinContent;
  correctionReason: string | null;
  publishedByName: string;
  publishedAt: Date;
}

/** Each township's health centre (乡镇卫生院), the unit a bulletin holds responsible. */
async function healthCentres(db: Db, actor: Actor): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let page = 1; ; page += 1) {
    const { items, total } = await listInstitutions(db, actor, { level: 'township', page, pageSize: 200 });
    for (const i of items) if (!out.has(i.areaId)) out.set(i.areaId, i.name);
    if (page * 200 >= total) return out;
  }
}

/** The institutions with a target of their own in the month's year, with their stored value of the month. */
async function institutionChecks(db: Db, actor: Actor, month: Month) {
  const targets = (await listTargets(db, actor, checkMonth(month).year)).filter((t) => t.institutionId !== null);
  if (targets.length === 0) return [];
  const values = await db.selectFrom('supervision_institution_value').selectAll().where('month', '=', month).where('institution_id', 'in', targets.map((t) => t.institutionId!)).execute();
  return targets.map((t) => {
    const v = values.find((x) => x.institution_id === t.institutionId && x.indicator === t.indicator);
    return { townshipName: v?.township_name ?? null, institutionName: v?.institution_name ?? t.institutionName ?? '', indicator: t.indicator, value: v?.value ?? null, target: t.target };
  });
}

export async function previewBulletin(db: Db, actor: Actor, month: Month): Promise<BulletinContent> {
  requirePermission(actor, 'supervision.read');
  checkMonth(month);
  const before = shiftMonth(month, -1);
  const [now, last, values, previousValues, units, sections, institutions] = await Promise.all([
    monthRanking(db, actor, month),
    monthRanking(db, actor, before),
    storedValues(db, [month]),
    storedValues(db, [before]),
    healthCentres(db, actor),
    bulletinSections(db, month),
    institutionChecks(db, actor, month),
  ]);
  if (values.length === 0) throw invalid('month', `${monthName(month)}的指标尚未计算，请先在「指标一览」页面计算本月指标，再生成通报`, 'not_computed');
  const countyOf = (rows: typeof values) => new Map(rows.filter((r) => r.area_level === 'county').map((r) => [r.indicator, r.value]));
  const county = values.find((r) => r.area_level === 'county')?.area_name ?? '';
  return bulletinContent({
    month,
    county,
    ranking: now.rows,
    previous: last.rows,
    unitOf: units,
    institutions,
    definitions: indicatorDefinitions(),
    countyValues: countyOf(values),
    previousCountyValues: countyOf(previousValues),
    sections,
  });
}

const toBulletin = (r: { id: number; month: string; version: number; content: unknown; correction_reason: string | null; published_by_name: string; published_at: Date }): Bulletin => ({
  id: r.id,
  month: r.month,
  version: r.version,
  content: r.content as BulletinContent,
  correctionReason: r.correction_reason,
  publishedByName: r.published_by_name,
  publishedAt: r.published_at,
});

/** Publishes the month's bulletin as it previews now; a month already published needs a correction reason. */
export async function publishBulletin(db: Db, actor: Actor, input: { month: Month; correctionReason?: string | undefined }): Promise<Bulletin> {
  requirePermission(actor, 'supervision.manage');
  const content = await previewBulletin(db, actor, input.month);
  const reason = input.correctionReason?.trim() || null;
  return inTransaction(db, async (trx) => {
    const last = await trx.selectFrom('supervision_bulletin').select(({ fn }) => fn.max('version').as('v')).where('month', '=', input.month).executeTakeFirst();
    const version = (last?.v ?? 0) + 1;
    if (version > 1 && !reason) {
      throw conflict('bulletin_published', `${monthName(input.month)}的通报已发布（第 ${version - 1} 版），不能修改；如需更正，请填写更正说明，发布为第 ${version} 版`, 'correctionReason');
    }
    const row = await trx
      .insertInto('supervision_bulletin')
      .values({ month: input.month, version, content: JSON.stringify(content), correction_reason: version > 1 ? reason : null, published_by: actor.userId, published_by_name: actor.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'publish', entity: 'supervision_bulletin', entityId: row.id, after: { month: input.month, version, correctionReason: row.correction_reason } });
    return toBulletin(row);
  });
}

export async function listBulletins(db: Db, actor: Actor): Promise<Array<Omit<Bulletin, 'content'> & { title: string; current: boolean }>> {
  requirePermission(actor, 'supervision.read');
  const rows = await db
    .selectFrom('supervision_bulletin')
    .select(['id', 'month', 'version', 'correction_reason', 'published_by_name', 'published_at', (eb) => eb.ref('content').as('content')])
    .orderBy('month', 'desc')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r, i) => {
    const { content, ...rest } = toBulletin(r);
    return { ...rest, title: content.title, current: i === 0 || rows[i - 1]!.month !== r.month };
  });
}

export async function getBulletin(db: Db, actor: Actor, id: number): Promise<Bulletin> {
  requirePermission(actor, 'supervision.read');
  const row = await db.selectFrom('supervision_bulletin').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('通报');
  return toBulletin(row);
}
