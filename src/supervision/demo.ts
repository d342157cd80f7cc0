import type { ModuleDemoStep } from '../module-demos.ts';
import { systemActor } from '../core/auth/actor.ts';
import '../indicator-providers.ts';
import { recomputeMonth } from './indicators/compute.ts';
import { setScheme, setTarget } from './scoring/targets.ts';
import type { ScoringItem } from './scoring/scoring.ts';
import { publishBulletin } from './bulletins/bulletins.ts';
import { shiftMonth } from './month.ts';

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

/** Past months kept in the demo: computing one month for the full county takes a few seconds on PGlite. */
export const DEMO_MONTHS = 3;

/**
 * Targets and the scoring scheme of the as-of year, the indicators of the last DEMO_MONTHS complete months
 * computed and kept, and the last complete month's bulletin published — through the same services as the pages.
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
      const year = Number(asOf.slice(0, 4));
      for (const r of DEMO_RULES) await setTarget(db, actor, { year, indicator: r.indicator, target: r.target });
      await setScheme(db, actor, year, DEMO_RULES.map(({ target: _target, ...rest }) => rest));
      const last = shiftMonth(asOf.slice(0, 7), -1);
      const months = Array.from({ length: DEMO_MONTHS }, (_, i) => shiftMonth(last, i - DEMO_MONTHS + 1));
      let values = 0;
      for (const [i, month] of months.entries()) {
        values += (await recomputeMonth(db, actor, month, asOf)).values;
        onProgress?.({ done: i + 1, total: months.length, elapsedMs: Date.now() - started });
      }
      const bulletin = await publishBulletin(db, actor, { month: last });
      const first = bulletin.content.ranking.find((r) => r.rank === 1);
      return {
        text: `督导考核：${months[0]} 至 ${last} 指标 ${values} 个值，${last} 月通报已发布（第一名 ${first?.name ?? '无'}，${bulletin.content.belowTarget.length} 项次未达标）`,
        counts: { months, values, bulletinId: bulletin.id, belowTarget: bulletin.content.belowTarget.length },
      };
    },
  },
];
