import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { addDays } from '../../../core/dates.ts';
import { invalid, notFound } from '../../../core/errors.ts';
import { institutionBasics } from '../../../core/institutions/institutions.ts';
import { AreaIndex } from './area-index.ts';
import { rank, type Ranking, type RankBy } from './rank.ts';

export interface RankingQuery {
  /** Shanghai dates, both included. */
  from: string;
  to: string;
  by?: RankBy | undefined;
  top?: number | undefined;
  /** Residents of this area (township or village; in scope); default the actor's whole scope. */
  areaId?: number | undefined;
  /** Instead of an area: the visits made at this institution (in scope). */
  institutionId?: number | undefined;
}

export interface RankingAnswer extends Ranking {
  from: string;
  to: string;
  /** What was counted: '清河县', '东岭镇', '清河县人民医院'. */
  subject: string;
  definition: string;
}

function checkPeriod(q: RankingQuery) {
  if (q.from > q.to) throw invalid('from', `开始日期 ${q.from} 晚于结束日期 ${q.to}，请调换`);
  if (q.from < addDays(q.to, -3 * 366)) throw invalid('from', '统计期最长三年，请缩短日期范围');
}

/**
 * 疾病谱: the top N diagnoses of visits in a period, by ICD-10 category or chapter. Counted: the principal diagnosis
 * (seq 1) of each visit. The county (whole scope of a county user) counts every visit received, matched or not; a
 * township or village counts the visits of its residents; an institution the visits made there. Read from the
 * counts kept at intake (visit-rollup.ts), not the visits: a real county has about a million visits a year.
 */
export async function diseaseSpectrum(db: Db, actor: Actor, q: RankingQuery): Promise<RankingAnswer> {
  requirePermission(actor, 'disease.read');
  checkPeriod(q);
  const areas = await AreaIndex.load(db);
  let query = db
    .selectFrom('disease_visit_rollup')
    .select(['category', sql<number>`sum(visits)::int`.as('n')])
    .where('day', '>=', q.from)
    .where('day', '<=', q.to);
  let subject: string;
  if (q.institutionId !== undefined) {
    const institution = await institutionBasics(db, q.institutionId);
    if (!institution || !institution.areaPath.startsWith(actor.scope.path)) throw notFound('医疗机构');
    query = query.where('institution_id', '=', institution.id);
    subject = institution.name;
  } else {
    const { area, ids } = areas.within(actor, q.areaId);
    if (ids.length < areas.byId.size) query = query.where('residence_area_id', 'in', ids);
    subject = area?.name ?? '全县';
  }
  const counts = await query.groupBy('category').execute();
  return {
    from: q.from,
    to: q.to,
    subject,
    definition: '每次就诊按第一诊断（主要诊断）计 1 次，按 ICD-10 三位数类目或章归类；县级含未匹配到居民的就诊，乡镇和村按患者现住址统计，机构按就诊机构统计',
    ...rank(counts, q.by ?? 'category', q.top ?? 10),
  };
}

/** 死因顺位: leading underlying causes of the deaths registered in an area (in scope) for a period. */
export async function leadingCausesOfDeath(db: Db, actor: Actor, q: RankingQuery): Promise<RankingAnswer> {
  requirePermission(actor, 'disease.read');
  checkPeriod(q);
  const areas = await AreaIndex.load(db);
  const { area, ids } = areas.within(actor, q.areaId);
  const counts = await db
    .selectFrom('disease_death')
    .select([sql<string>`left(underlying_icd10, 3)`.as('category'), sql<number>`count(*)::int`.as('n')])
    .where('area_id', 'in', ids)
    .where('death_date', '>=', q.from)
    .where('death_date', '<=', q.to)
    .groupBy(sql`left(underlying_icd10, 3)`)
    .execute();
  return {
    from: q.from,
    to: q.to,
    subject: area?.name ?? '全县',
    definition: '按死亡医学证明书的根本死因（ICD-10 三位数类目或章）统计登记死亡人数，按死者登记时的户籍村归属地区',
    ...rank(counts, q.by ?? 'category', q.top ?? 10),
  };
}
