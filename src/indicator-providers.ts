// The indicator library (督导考核指标库): every module's indicators, defined once over that module's exported
// functions. The one place that wires modules into supervision, so neither a module nor supervision imports the other.
import { registerIndicatorSource } from './supervision/indicators/registry.ts';
import { registerBulletinSection } from './supervision/bulletins/sections.ts';
import { monthDays } from './supervision/month.ts';
import { systemActor } from './core/auth/actor.ts';
import { todayInShanghai } from './core/dates.ts';
import { fundEarlyWarning, fundWarningLines } from './ncms/fund/early-warning-report.ts';
import { fundOverview } from './ncms/fund/overview.ts';
import type { AreaCount, ComputeContext, IndicatorSource, InstitutionCount, SourceCounts } from './supervision/indicators/types.ts';
import { listInstitutions } from './core/institutions/institutions.ts';
import { villagesWithTownships } from './core/areas/village-list.ts';
import { enrollmentRates } from './ncms/enrollment/enrollment-rate.ts';
import { monthlyIndicators } from './ncms/monitoring/indicator-service.ts';
import { coverageIndicatorsOfPeriods } from './publichealth/immunization/indicators/coverage-service.ts';
import { recordIndicators } from './publichealth/records/indicators.ts';
import { reportingRates } from './publichealth/disease/cards/missed-reports.ts';

const count = (areaId: number, numerator: number, denominator: number | null): AreaCount => ({ areaId, numerator, denominator });
const institutionCount = (institutionId: number, numerator: number, denominator: number | null): InstitutionCount => ({ institutionId, numerator, denominator });

/** Sums counts of villages into their townships (counts that add up: persons, doses). */
function withTownships(villages: Array<AreaCount & { townshipId: number }>): AreaCount[] {
  const towns = new Map<number, AreaCount>();
  for (const v of villages) {
    const t = towns.get(v.townshipId) ?? count(v.townshipId, 0, 0);
    t.numerator += v.numerator;
    t.denominator = (t.denominator ?? 0) + (v.denominator ?? 0);
    towns.set(v.townshipId, t);
  }
  return [...villages.map(({ areaId, numerator, denominator }) => count(areaId, numerator, denominator)), ...towns.values()];
}

const ncmsEnrollment: IndicatorSource = {
  indicators: [
    {
      code: 'ncms_enrollment_rate',
      name: '新农合参合率',
      description: '农村居民参加新型农村合作医疗的比例（按户籍所在村统计，城镇社区不计）。',
      unit: '%',
      direction: 'higher',
      numerator: '当年参合人数',
      denominator: '应参合农村居民数（在册存活的农村户籍居民，加上当年已参合后死亡或迁出者）',
      source: '新农合',
      levels: ['county', 'township', 'village'],
      period: '当年（按月所在年度）',
      aggregation: 'stock',
    },
  ],
  async compute(c) {
    const rates = await enrollmentRates(c.db, c.actor, { year: Number(c.month.slice(0, 4)) });
    return {
      ncms_enrollment_rate: [
        ...rates.villages.map((v) => count(v.areaId, v.enrolled, v.shouldEnroll)),
        ...rates.townships.map((t) => count(t.areaId, t.enrolled, t.shouldEnroll)),
        count(c.countyId, rates.total.enrolled, rates.total.shouldEnroll),
      ],
    };
  },
};

/** The institution directory, paged through. */
async function allInstitutions(c: ComputeContext) {
  const all = [];
  for (let page = 1; ; page += 1) {
    const { items, total } = await listInstitutions(c.db, c.actor, { page, pageSize: 200 });
    all.push(...items);
    if (page * 200 >= total) return all;
  }
}

/** Institutions' township: their own area when a township, their village's township; county-level ones have none. */
async function institutionTownships(c: ComputeContext): Promise<Map<number, number>> {
  const villages = new Map((await villagesWithTownships(c.db, c.actor)).map((v) => [v.id, v.townshipId]));
  const out = new Map<number, number>();
  for (const i of await allInstitutions(c)) {
    if (i.level === 'township') out.set(i.id, i.areaId);
    else if (i.level === 'village' && villages.has(i.areaId)) out.set(i.id, villages.get(i.areaId)!);
  }
  return out;
}

const ncmsCompensation: IndicatorSource = {
  indicators: [
    {
      code: 'ncms_inpatient_compensation_ratio',
      name: '实际住院补偿比',
      description: '新农合住院补偿金额占住院总费用的比例；乡镇按其卫生院和村卫生室结算的住院统计，全县含县级及县外医院。',
      unit: '%',
      direction: 'higher',
      numerator: '当月出院并已结算的住院补偿金额（元）',
      denominator: '同期住院总费用（元）',
      source: '新农合',
      levels: ['county', 'township', 'institution'],
      period: '当月',
      aggregation: 'flow',
    },
  ],
  async compute(c) {
    const [month, townshipOf] = await Promise.all([monthlyIndicators(c.db, c.actor, c.month), institutionTownships(c)]);
    const towns = new Map<number, AreaCount>();
    for (const row of month.rows) {
      const town = townshipOf.get(row.institutionId);
      if (town === undefined) continue;
      const t = towns.get(town) ?? count(town, 0, 0);
      t.numerator += row.payFen / 100;
      t.denominator! += row.totalFen / 100;
      towns.set(town, t);
    }
    const institutions = month.rows.map((row) => institutionCount(row.institutionId, row.payFen / 100, row.totalFen / 100));
    return { ncms_inpatient_compensation_ratio: [...towns.values(), count(c.countyId, month.total.payFen / 100, month.total.totalFen / 100), ...institutions] };
  },
};

// The fund is pooled at the county: its income has no township, so the rate is the county's only.
const ncmsFund: IndicatorSource = {
  indicators: [
    {
      code: 'ncms_fund_usage_rate',
      name: '新农合基金使用率',
      description: '年初至月末的新农合补偿支出占当年筹集基金（个人缴费与各级财政补助）的比例；基金县级统筹，只有全县数。',
      unit: '%',
      direction: 'higher',
      numerator: '年初至月末补偿支出（元）',
      denominator: '当年筹集基金（元）',
      source: '新农合',
      levels: ['county'],
      period: '年初至当月末',
      aggregation: 'stock',
    },
  ],
  async compute(c) {
    const fund = await fundOverview(c.db, c.actor, { year: Number(c.month.slice(0, 4)) }, c.to < c.today ? c.to : c.today);
    const spentFen = fund.monthly.filter((m) => m.month <= Number(c.month.slice(5, 7))).reduce((s, m) => s + m.spendingFen, 0);
    return { ncms_fund_usage_rate: [count(c.countyId, spentFen / 100, fund.raisedFen / 100)] };
  },
};

const immunization: IndicatorSource = {
  indicators: [
    {
      code: 'nip_coverage',
      name: '国家免疫规划疫苗接种率',
      description: '各剂次合计的常规免疫接种率：当月达到应完成接种年龄的儿童中已接种的剂次比例（流动儿童计入现居住地）。',
      unit: '%',
      direction: 'higher',
      numerator: '各剂次接种人数之和',
      denominator: '各剂次应种人数之和',
      source: '免疫规划',
      levels: ['county', 'township', 'village'],
      period: '当月',
      aggregation: 'flow',
    },
    {
      code: 'nip_timeliness',
      name: '国家免疫规划疫苗及时接种率',
      description: '各剂次合计：在应完成接种年龄之前接种的比例。',
      unit: '%',
      direction: 'higher',
      numerator: '各剂次及时接种人数之和',
      denominator: '各剂次应种人数之和',
      source: '免疫规划',
      levels: ['county', 'township', 'village'],
      period: '当月',
      aggregation: 'flow',
    },
    {
      code: 'nip_certificate_rate',
      name: '预防接种建证率',
      description: '在管 7 岁以下儿童中已办理预防接种证的比例。',
      unit: '%',
      direction: 'higher',
      numerator: '月末已建证的在管儿童数',
      denominator: '月末在管儿童数',
      source: '免疫规划',
      levels: ['county', 'township', 'village'],
      period: '月末时点',
      aggregation: 'stock',
    },
  ],
  // The cohort and its doses are most of a month's time: a run of months reads them once.
  compute: async (c) => (await immunizationMonths([c]))[0]!,
  computeMonths: immunizationMonths,
};

/** The immunization indicators of a run of months from one load of the children (`coverageIndicatorsOfPeriods`). */
async function immunizationMonths(contexts: readonly ComputeContext[]): Promise<SourceCounts[]> {
  const [c] = contexts;
  if (!c) return [];
  const answers = await coverageIndicatorsOfPeriods(c.db, c.actor, { periods: contexts.map((x) => x.month), level: 'village' }, c.today);
  return answers.map((answer) => {
    const sum = (area: (typeof answer.areas)[number], part: 'given' | 'timely') => area.doses.reduce((s, d) => s + d[part], 0);
    const eligible = (area: (typeof answer.areas)[number]) => area.doses.reduce((s, d) => s + d.eligible, 0);
    const villages = answer.areas.filter((a) => a.areaId !== null && a.townshipId !== undefined);
    const of = (numerator: (a: (typeof answer.areas)[number]) => number, denominator: (a: (typeof answer.areas)[number]) => number) => [
      ...withTownships(villages.map((a) => ({ ...count(a.areaId!, numerator(a), denominator(a)), townshipId: a.townshipId! }))),
      count(c.countyId, numerator(answer.total), denominator(answer.total)),
    ];
    return {
      nip_coverage: of((a) => sum(a, 'given'), eligible),
      nip_timeliness: of((a) => sum(a, 'timely'), eligible),
      nip_certificate_rate: of((a) => a.certificate.certified, (a) => a.certificate.managed),
    };
  });
}

const records: IndicatorSource = {
  indicators: [
    {
      code: 'record_rate',
      name: '居民健康档案建档率',
      description: '在册居民中已建立健康档案（含纸质）的比例。',
      unit: '%',
      direction: 'higher',
      numerator: '月末已建档的在册居民数',
      denominator: '在册居民数（户籍人口）',
      source: '健康档案',
      levels: ['county', 'township', 'village'],
      period: '月末时点',
      aggregation: 'stock',
    },
    {
      code: 'record_use_rate',
      name: '健康档案使用率',
      description: '有动态记录（接种、随访、体检、就诊等服务）的档案比例；建档和修改档案本身不算。',
      unit: '%',
      direction: 'higher',
      numerator: '年初至月末有动态记录的档案数',
      denominator: '月末档案总数',
      source: '健康档案',
      levels: ['county', 'township', 'village'],
      period: '年初至当月末',
      aggregation: 'stock',
    },
    {
      code: 'record_completeness_rate',
      name: '健康档案完整率',
      description: '必填项目全部填写的档案比例。',
      unit: '%',
      direction: 'higher',
      numerator: '必填项目齐全的档案数',
      denominator: '月末档案总数',
      source: '健康档案',
      levels: ['county', 'township', 'village'],
      period: '月末时点',
      aggregation: 'stock',
    },
  ],
  async compute(c) {
    const r = await recordIndicators(c.db, c.actor, { from: `${c.month.slice(0, 4)}-01-01`, to: c.to });
    const of = (key: 'recordRate' | 'useRate' | 'completenessRate') => [
      ...r.townships.flatMap((t) => [count(t.areaId, t[key].numerator, t[key].denominator), ...t.villages.map((v) => count(v.areaId, v[key].numerator, v[key].denominator))]),
      count(c.countyId, r.total[key].numerator, r.total[key].denominator),
    ];
    return { record_rate: of('recordRate'), record_use_rate: of('useRate'), record_completeness_rate: of('completenessRate') };
  },
};

const diseaseReporting: IndicatorSource = {
  indicators: [
    {
      code: 'disease_reporting_rate',
      name: '法定传染病报告率',
      description: '就诊登记的法定传染病病例中已报告（含迟报、含他院已报）的比例；乡镇按其卫生院和村卫生室的就诊统计。',
      unit: '%',
      direction: 'higher',
      numerator: '已报告病例数',
      denominator: '当月就诊登记、已过报告时限的法定传染病病例数',
      source: '传染病报告',
      levels: ['county', 'township', 'institution'],
      period: '当月',
      aggregation: 'flow',
    },
    {
      code: 'disease_timely_rate',
      name: '法定传染病报告及时率',
      description: '报告卡中在时限内报告的比例（甲类及按甲类管理 2 小时，其余 24 小时）。',
      unit: '%',
      direction: 'higher',
      numerator: '在时限内报告的报告卡数',
      denominator: '当月诊断的报告卡总数',
      source: '传染病报告',
      levels: ['county', 'township', 'institution'],
      period: '当月',
      aggregation: 'flow',
    },
  ],
  async compute(c) {
    // Cases still within their time limit at the as-of day are not counted yet (the module's rule).
    const r = await reportingRates(c.db, c.actor, { from: c.from, to: c.to }, new Date(`${c.today}T23:59:59+08:00`));
    const towns = r.townships.filter((t) => c.areaIdByCode.has(t.key));
    // The module keys an institution's row "township code:institution code".
    const idByCode = new Map((await allInstitutions(c)).map((i) => [i.code, i.id]));
    const institutions = r.institutions.flatMap((row) => {
      const id = idByCode.get(row.key.slice(row.key.indexOf(':') + 1));
      return id === undefined ? [] : [{ id, row }];
    });
    return {
      disease_reporting_rate: [
        ...towns.map((t) => count(c.areaIdByCode.get(t.key)!, t.reported, t.registered)),
        count(c.countyId, r.total.reported, r.total.registered),
        ...institutions.map(({ id, row }) => institutionCount(id, row.reported, row.registered)),
      ],
      disease_timely_rate: [
        ...towns.map((t) => count(c.areaIdByCode.get(t.key)!, t.onTime, t.cards)),
        count(c.countyId, r.total.onTime, r.total.cards),
        ...institutions.map(({ id, row }) => institutionCount(id, row.onTime, row.cards)),
      ],
    };
  },
};

for (const source of [ncmsEnrollment, ncmsCompensation, ncmsFund, immunization, records, diseaseReporting]) registerIndicatorSource(source);

// The monthly bulletin's section on the NCMS fund (基金运行预警), as the fund stood at the end of the month. These are
// county figures the bureau publishes to every reader of the bulletin, so they are read as the system, not as the
// reader (who may not hold ncms.read).
registerBulletinSection({
  title: '新农合基金运行预警',
  async lines(db, month) {
    const today = todayInShanghai();
    const { to } = monthDays(month);
    const warning = await fundEarlyWarning(db, systemActor('月通报'), { year: Number(month.slice(0, 4)) }, to < today ? to : today);
    return fundWarningLines(warning);
  },
});

