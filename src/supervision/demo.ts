import type { ModuleDemoStep } from '../module-demos.ts';
import { systemActor } from '../core/auth/actor.ts';
import '../indicator-providers.ts';
import { recomputeMonths } from './indicators/compute.ts';
import { setScheme, setTarget } from './scoring/targets.ts';
import type { ScoringItem } from './scoring/scoring.ts';
import { publishBulletin } from './bulletins/bulletins.ts';
import { monthsBetween, shiftMonth } from './month.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db/connection.ts';
import type { Actor } from '../core/auth/actor.ts';
import { createInspection, getInspection, reportRectification, reviewProblem } from './inspections/inspections.ts';

/** The demo county's assessment rules of the demo year: targets for every township and the points (100 in all). */
const DEMO_RULES: Array<{ indicator: string; target: number } & Omit<ScoringItem, 'indicator'>> = [
  { indicator: 'ncms_enrollment_rate', target: 85, points: 15, rule: 'proportional' },
  { indicator: 'ncms_inpatient_compensation_ratio', target: 45, points: 10, rule: 'proportional' },
  { indicator: 'nip_coverage', target: 90, points: 20, rule: 'proportional' },
  { indicator: 'nip_timeliness', target: 85, points: 10, rule: 'deduct', deductPerUnit: 1 },
  { indicator: 'nip_certificate_rate', target: 95, points: 5, rule: 'none' },
  { indicator: 'record_rate', target: 80, points: 10, rule: 'proportional' },
  { indicator: 'record_use_rate', target: 40, points: 5, rule: 'proportional' },
  { indicator: 'record_completeness_rate', target: 60, points: 5, rule: 'proportional' },
  { indicator: 'disease_reporting_rate', target: 95, points: 10, rule: 'deduct', deductPerUnit: 2 },
  { indicator: 'disease_timely_rate', target: 100, points: 10, rule: 'deduct', deductPerUnit: 2 },
];

/**
 * The months the demo keeps: every month of the as-of year up to the as-of month (still running, counted up to the
 * as-of day), and in January the December before too, so there is always a complete month with a bulletin.
 */
export function demoMonths(asOf: string): { months: string[]; complete: string[] } {
  const current = asOf.slice(0, 7);
  const january = `${asOf.slice(0, 4)}-01`;
  const lastComplete = shiftMonth(current, -1);
  const months = monthsBetween(lastComplete < january ? lastComplete : january, current);
  return { months, complete: months.filter((m) => m < current) };
}

/**
 * Two inspections of the first townships (by code), 40 and 10 days before the as-of day: one problem closed after
 * the follow-up check, one rectified awaiting it, one open and overdue, one open within its deadline.
 */
async function demoInspections(db: Db, actor: Actor, asOf: string): Promise<number> {
  const towns = await db.selectFrom('area').select(['id', 'name']).where('level', '=', 'township').where('valid_to', 'is', null).orderBy('code').limit(2).execute();
  if (towns.length < 2) return 0;
  const [a, b] = towns as [(typeof towns)[number], (typeof towns)[number]];
  const first = await createInspection(db, actor, {
    inspectedOn: addDays(asOf, -40),
    areaId: a.id,
    topic: '基本公共卫生服务项目督查',
    inspectors: '县卫健局基层卫生股 王股长、县疾控中心 李医师',
    summary: `${a.name}卫生院健康档案、预防接种工作总体规范，个别环节需整改。`,
    problems: [
      { description: '冷链温度记录有 3 天缺记', responsibleAreaId: a.id, deadline: addDays(asOf, -30) },
      { description: '部分健康档案体检表未及时录入', responsibleAreaId: a.id, deadline: addDays(asOf, -20) },
      { description: '传染病报告登记本与报告卡不一致', responsibleAreaId: a.id, deadline: addDays(asOf, -5) },
    ],
  });
  await createInspection(db, actor, {
    inspectedOn: addDays(asOf, -10),
    areaId: b.id,
    topic: '新农合定点机构规范执业督查',
    inspectors: '县合管办 赵主任',
    problems: [{ description: '住院病人费用清单未按日公示', responsibleAreaId: b.id, deadline: addDays(asOf, 20) }],
  });
  const [closed, rectified] = (await getInspection(db, actor, first, asOf)).problems;
  await reportRectification(db, actor, closed!.id, '已补记并落实专人每日两次记录');
  await reviewProblem(db, actor, closed!.id, { accept: true, note: '回头看：记录完整' });
  await reportRectification(db, actor, rectified!.id, '已组织补录，完成 92%');
  return 2;
}

/**
 * Targets (one for the county hospital alone) and the scoring scheme of the as-of year (and of the year before when its December is kept), the
 * indicators of every month of the year up to the as-of day computed and kept, every complete month's bulletin
 * published in order, and two inspections — through the same services as the pages.
 */
export const supervisionDemoSteps: ModuleDemoStep[] = [
  {
    module: 'supervision',
    label: '督导考核（指标、目标、月通报）',
    unit: '月',
    tables: ['supervision_indicator_value'],
    async generate(db, { asOf, onProgress }) {
      const started = Date.now();
      const actor = systemActor('清河县卫生健康局');
      const { months, complete } = demoMonths(asOf);
      // The county hospital is held to timely reporting on its own (an institution's target, named in the bulletins).
      const hospital = await db.selectFrom('institution').select('id').where('kind', '=', 'county_hospital').orderBy('code').executeTakeFirst();
      for (const year of new Set(months.map((m) => Number(m.slice(0, 4))))) {
        for (const r of DEMO_RULES) await setTarget(db, actor, { year, indicator: r.indicator, target: r.target });
        if (hospital) await setTarget(db, actor, { year, indicator: 'disease_timely_rate', institutionId: hospital.id, target: 100 });
        await setScheme(db, actor, year, DEMO_RULES.map(({ target: _target, ...rest }) => rest));
      }
      // One run, so immunization reads its cohort once for the year rather than once a month.
      let values = 0;
      let done = 0;
      await recomputeMonths(db, actor, months, asOf, (kept) => {
        values += kept.values;
        onProgress?.({ done: ++done, total: months.length, elapsedMs: Date.now() - started });
      });
      const bulletins = [];
      for (const month of complete) bulletins.push(await publishBulletin(db, actor, { month }));
      const inspections = await demoInspections(db, actor, asOf);
      const last = bulletins[bulletins.length - 1]!;
      const first = last.content.ranking.find((r) => r.rank === 1);
      return {
        text: `督导考核：${months[0]} 至 ${months[months.length - 1]}（截至 ${asOf}）指标 ${values} 个值，${complete.length} 期月通报已发布（${last.month} 第一名 ${first?.name ?? '无'}，${last.content.belowTarget.length} 项次未达标），督查 ${inspections} 次`,
        counts: { months, values, bulletins: bulletins.map((b) => b.month), belowTarget: last.content.belowTarget.length, inspections },
      };
    },
  },
];
