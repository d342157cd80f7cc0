/**
 * The indicators' I/O: loads the admissions (and sums the outpatient visits) of the institutions in the actor's area,
 * the enrolled persons per village, the cost targets, and hands them to the pure functions of indicators.ts.
 * Scope: institutions whose area lies in the actor's (township staff: their health centre and village clinics).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { pathInScope, requirePermission, systemActor, type Actor } from '../../core/auth/actor.ts';
import { notFound } from '../../core/errors.ts';
import { institutionBasics, institutionIdsIn, listInstitutions, type InstitutionSummary } from '../../core/institutions/institutions.ts';
import { villagesWithTownships, type VillageWithTownship } from '../../core/areas/village-list.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import { CLAIM_KINDS } from '../claims/vocabulary.ts';
import { costTargets } from './cost-targets.ts';
import { figuresOf, monthlyAverages, targetCheck, type ClaimFacts, type Figures, type OutpatientSums, type TargetCheck } from './indicators.ts';
import { loadRuleParams } from './rule-config.ts';
import { daysBetween, monthDates, parseMonth, shiftMonth, type MonthText } from './months.ts';

/** The definitions the pages print next to the figures. */
export const INDICATOR_DEFINITIONS = {
  admissions: '住院人次：本月出院并已结算的住院（含住院分娩、重大疾病），不含不予报销和已冲销的单据',
  avgCostFen: '次均住院费用 = 住院总费用 ÷ 住院人次，与本院当年控制标准比较',
  admissionsPer1000: '千人住院率（‰，当月）= 住院人次 ÷ 服务范围内当年参合人数 × 1000；服务范围：村卫生室为本村，乡镇卫生院为本乡镇，县级及县外医院为全县',
  avgStayDays: '平均住院日 = 各次住院天数（出院日期 − 入院日期，不足 1 天按 1 天）之和 ÷ 住院人次',
  outOfCatalogShare: '目录外费用占比 = 住院目录外（自费）费用 ÷ 住院总费用',
  compensationRatio: '实际住院补偿比 = 住院补偿金额 ÷ 住院总费用',
  policyRatio: '政策范围内报销比 = 住院补偿金额 ÷ 住院目录内费用（总费用 − 目录外费用）',
  outpatient: '门诊统筹：本月已结算的普通门诊人次与补偿金额',
  monthlyOverTarget: '月月超标：次均住院费用连续若干个月（含本月，月数见监测规则）高于当年控制标准',
} as const;

export interface InstitutionIndicators extends Figures, TargetCheck {
  institutionId: number;
  institutionName: string;
  level: string;
  levelName: string;
}

export interface MonthIndicators {
  month: MonthText;
  streakMonths: number;
  definitions: typeof INDICATOR_DEFINITIONS;
  rows: InstitutionIndicators[];
  total: Figures;
}

const ADMISSION_KINDS = ['inpatient', 'delivery'] as const;

async function loadAdmissions(db: Db, actor: Actor, from: string, to: string, institutionId?: number): Promise<ClaimFacts[]> {
  const rows = await db
    .selectFrom('ncms_claim as c')
    .where('c.status', '=', 'settled')
    .where('c.kind', 'in', ADMISSION_KINDS)
    .where('c.discharged_on', '>=', from)
    .where('c.discharged_on', '<', to)
    .$if(institutionId !== undefined, (q) => q.where('c.institution_id', '=', institutionId!))
    .$if(actor.scope.path !== '/', (q) => q.where('c.institution_id', 'in', institutionIdsIn(db, actor.scope)))
    .select(['c.id', 'c.institution_id', 'c.kind', 'c.admitted_on', 'c.discharged_on', 'c.total_fen', 'c.out_of_catalog_fen', 'c.pay_fen'])
    .execute();
  return rows.map((r) => ({ id: r.id, institutionId: r.institution_id, kind: r.kind, admittedOn: r.admitted_on, dischargedOn: r.discharged_on!, totalFen: Number(r.total_fen), outOfCatalogFen: Number(r.out_of_catalog_fen), payFen: Number(r.pay_fen ?? 0) }));
}

/** Outpatient pooling visits and pay per institution and month, summed in the database. */
async function outpatientSums(db: Db, actor: Actor, from: string, to: string, institutionId?: number): Promise<Map<string, OutpatientSums>> {
  const rows = await db
    .selectFrom('ncms_claim as c')
    .where('c.status', '=', 'settled')
    .where('c.kind', '=', 'outpatient')
    .where('c.discharged_on', '>=', from)
    .where('c.discharged_on', '<', to)
    .$if(institutionId !== undefined, (q) => q.where('c.institution_id', '=', institutionId!))
    .$if(actor.scope.path !== '/', (q) => q.where('c.institution_id', 'in', institutionIdsIn(db, actor.scope)))
    .select(['c.institution_id', sql<string>`to_char(c.discharged_on, 'YYYY-MM')`.as('month'), sql<string>`count(*)`.as('visits'), sql<string>`coalesce(sum(c.pay_fen), 0)`.as('pay')])
    .groupBy(['c.institution_id', sql`to_char(c.discharged_on, 'YYYY-MM')`])
    .execute();
  return new Map(rows.map((r) => [`${r.institution_id}:${r.month}`, { visits: Number(r.visits), payFen: Number(r.pay) }]));
}

/** Enrolled persons of a year per village (ncms_enrollment.area_id is the household's village when enrolled). */
async function enrolledByVillage(db: Db, year: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('ncms_enrollment').select(['area_id', sql<string>`count(*)`.as('n')]).where('year', '=', year).groupBy('area_id').execute();
  return new Map(rows.map((r) => [r.area_id, Number(r.n)]));
}

/** The enrolled persons of an institution's catchment: its village, its township's villages, or the whole county. */
function catchment(areaId: number, villages: readonly VillageWithTownship[], enrolled: Map<number, number>): number {
  const inVillage = villages.filter((v) => v.id === areaId);
  const inTownship = villages.filter((v) => v.townshipId === areaId);
  const list = inVillage.length ? inVillage : inTownship.length ? inTownship : villages;
  return list.reduce((s, v) => s + (enrolled.get(v.id) ?? 0), 0);
}

/** Every institution of the directory (paged through), by id. */
async function institutionsById(db: Db, actor: Actor): Promise<Map<number, InstitutionSummary>> {
  const all = new Map<number, InstitutionSummary>();
  for (let page = 1; ; page += 1) {
    const { items, total } = await listInstitutions(db, actor, { page, pageSize: 200 });
    for (const i of items) all.set(i.id, i);
    if (page * 200 >= total) return all;
  }
}

/** 机构月度监测指标: every institution in the actor's area with admissions or outpatient visits in the month, and the total. */
export async function monthlyIndicators(db: Db, actor: Actor, month: MonthText): Promise<MonthIndicators> {
  requirePermission(actor, 'ncms.read');
  const { year } = parseMonth(month);
  const streakMonths = (await loadRuleParams(db)).over_target.months;
  const window = { start: monthDates(shiftMonth(month, -(streakMonths - 1))).start, end: monthDates(month).end };
  const { start, end } = monthDates(month);
  const [admissions, outpatient, enrolled, countyVillages, scopeVillages, institutions] = await Promise.all([
    loadAdmissions(db, actor, window.start, window.end),
    outpatientSums(db, actor, start, end),
    enrolledByVillage(db, year),
    villagesWithTownships(db, systemActor()),
    villagesWithTownships(db, actor),
    institutionsById(db, actor),
  ]);
  const years = [...new Set([year, Number(window.start.slice(0, 4))])];
  const targets = await costTargets(db, actor, years);
  const averages = monthlyAverages(admissions);
  const ofMonth = admissions.filter((a) => a.dischargedOn >= start);
  const ids = new Set([...ofMonth.map((a) => a.institutionId), ...[...outpatient.keys()].map((k) => Number(k.split(':')[0]))]);
  const rows = [...ids].map((id): InstitutionIndicators => {
    const institution = institutions.get(id);
    const figures = figuresOf(
      ofMonth.filter((a) => a.institutionId === id),
      institution ? catchment(institution.areaId, countyVillages, enrolled) : 0,
      outpatient.get(`${id}:${month}`),
    );
    const check = targetCheck(month, averages.get(id), (y) => targets.get(`${id}:${y}`) ?? null, streakMonths);
    return { institutionId: id, institutionName: institution?.name ?? `机构 ${id}`, level: institution?.level ?? '', levelName: institution?.levelName ?? '', ...figures, ...check };
  });
  const order = ['county', 'outside', 'township', 'village'];
  rows.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || b.admissions - a.admissions || a.institutionId - b.institutionId);
  const allOutpatient = [...outpatient.values()].reduce((s, o) => ({ visits: s.visits + o.visits, payFen: s.payFen + o.payFen }), { visits: 0, payFen: 0 });
  const scopeEnrolled = scopeVillages.reduce((s, v) => s + (enrolled.get(v.id) ?? 0), 0);
  return { month, streakMonths, definitions: INDICATOR_DEFINITIONS, rows, total: figuresOf(ofMonth, scopeEnrolled, allOutpatient) };
}

export interface TrendPoint extends Figures, TargetCheck {
  month: MonthText;
}

/** One institution's indicators month by month (the `months` months up to `month`), for the trend chart. */
export async function institutionTrend(db: Db, actor: Actor, institutionId: number, month: MonthText, months = 12): Promise<{ institutionId: number; institutionName: string; points: TrendPoint[] }> {
  requirePermission(actor, 'ncms.read');
  parseMonth(month);
  const institution = await institutionBasics(db, institutionId);
  if (!institution || !pathInScope(actor.scope, institution.areaPath)) throw notFound('医疗机构');
  const streakMonths = (await loadRuleParams(db)).over_target.months;
  const first = shiftMonth(month, -(months - 1));
  const loadFrom = monthDates(shiftMonth(first, -(streakMonths - 1))).start;
  const end = monthDates(month).end;
  const list = Array.from({ length: months }, (_, i) => shiftMonth(first, i));
  const years = [...new Set([Number(loadFrom.slice(0, 4)), ...list.map((m) => Number(m.slice(0, 4)))])];
  const [admissions, outpatient, villages, targets, enrolledByYear] = await Promise.all([
    loadAdmissions(db, actor, loadFrom, end, institutionId),
    outpatientSums(db, actor, monthDates(first).start, end, institutionId),
    villagesWithTownships(db, systemActor()),
    costTargets(db, actor, years),
    Promise.all(years.map(async (y) => [y, await enrolledByVillage(db, y)] as const)).then((pairs) => new Map(pairs)),
  ]);
  const averages = monthlyAverages(admissions).get(institutionId);
  const points = list.map((m) => ({
    month: m,
    ...figuresOf(
      admissions.filter((a) => a.dischargedOn.startsWith(m)),
      catchment(institution.areaId, villages, enrolledByYear.get(Number(m.slice(0, 4)))!),
      outpatient.get(`${institutionId}:${m}`),
    ),
    ...targetCheck(m, averages, (y) => targets.get(`${institutionId}:${y}`) ?? null, streakMonths),
  }));
  return { institutionId, institutionName: institution.name, points };
}

export interface IndicatorClaim {
  id: number;
  claimNo: string;
  personName: string;
  idNumberMasked: string | null;
  kind: string;
  kindName: string;
  admittedOn: string;
  dischargedOn: string;
  stayDays: number;
  diagnosis: string;
  totalFen: number;
  outOfCatalogFen: number;
  payFen: number;
}

/** The claims behind an institution's figures of a month (admissions, or outpatient visits), most expensive first. */
export async function indicatorClaims(
  db: Db,
  actor: Actor,
  filter: { institutionId: number; month: MonthText; group: 'admissions' | 'outpatient' } & Partial<PageRequest>,
): Promise<Page<IndicatorClaim>> {
  requirePermission(actor, 'ncms.read');
  const { start, end } = monthDates(filter.month);
  const { page, pageSize, offset } = pageRequest(filter);
  const query = db
    .selectFrom('ncms_claim as c')
    .where('c.institution_id', '=', filter.institutionId)
    .$if(actor.scope.path !== '/', (q) => q.where('c.institution_id', 'in', institutionIdsIn(db, actor.scope)))
    .where('c.status', '=', 'settled')
    .where('c.kind', 'in', filter.group === 'admissions' ? [...ADMISSION_KINDS] : ['outpatient'])
    .where('c.discharged_on', '>=', start)
    .where('c.discharged_on', '<', end);
  const [rows, { n }] = await Promise.all([
    query
      .select(['c.id', 'c.claim_no', 'c.person_name', 'c.id_number_masked', 'c.kind', 'c.admitted_on', 'c.discharged_on', 'c.diagnosis', 'c.total_fen', 'c.out_of_catalog_fen', 'c.pay_fen'])
      .orderBy('c.total_fen', 'desc')
      .orderBy('c.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      claimNo: r.claim_no,
      personName: r.person_name,
      idNumberMasked: r.id_number_masked,
      kind: r.kind,
      kindName: CLAIM_KINDS[r.kind],
      admittedOn: r.admitted_on,
      dischargedOn: r.discharged_on!,
      stayDays: Math.max(1, daysBetween(r.admitted_on, r.discharged_on!)),
      diagnosis: r.diagnosis,
      totalFen: Number(r.total_fen),
      outOfCatalogFen: Number(r.out_of_catalog_fen),
      payFen: Number(r.pay_fen ?? 0),
    })),
    total: Number(n),
    page,
    pageSize,
  };
}
