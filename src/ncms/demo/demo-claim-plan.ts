/**
 * The figures behind the demo claims, as data: how often people of each age see a doctor or are admitted, where they
 * go, what they have (ICD-10) and what it costs. Volumes follow the county reports the issue quotes: about two
 * outpatient visits per enrolled person a year, 6-8 % of the enrolled admitted, township / county / out-of-county
 * admissions about 45 / 40 / 15 %. Costs are log-normal around a median per level.
 */
import type { Random } from '../../core/demo/random.ts';
import { weighted, type Weighted } from '../../core/demo/random.ts';

/** Age bands [from, to) in years, with the yearly outpatient visit rate and the chance of being admitted in a year. */
export const AGE_BANDS: Array<{ to: number; visits: number; admitted: number; chronic: number }> = [
  { to: 5, visits: 2.8, admitted: 0.075, chronic: 0 },
  { to: 15, visits: 1.3, admitted: 0.025, chronic: 0.001 },
  { to: 45, visits: 1.2, admitted: 0.032, chronic: 0.003 },
  { to: 60, visits: 2.1, admitted: 0.065, chronic: 0.02 },
  { to: 75, visits: 3.1, admitted: 0.13, chronic: 0.055 },
  { to: 200, visits: 3.5, admitted: 0.19, chronic: 0.07 },
];

export const bandOf = (age: number) => AGE_BANDS.find((b) => age < b.to)!;

/** A person admitted once is admitted again in the same year with this chance. */
export const READMISSION = 0.12;

/** Seasonal weight of each month for outpatient visits: winter colds and bronchitis. */
export const MONTH_WEIGHT = [1.35, 1.2, 1.05, 0.95, 0.85, 0.8, 0.85, 0.85, 0.9, 0.95, 1.1, 1.3];
/** Share of visits that are respiratory, by month. */
export const RESPIRATORY_SHARE = [0.55, 0.5, 0.42, 0.35, 0.28, 0.25, 0.24, 0.25, 0.3, 0.36, 0.45, 0.53];

export const RESPIRATORY_VISITS = weighted<string>([
  ['J06.9', 40], // 急性上呼吸道感染
  ['J00', 15], // 感冒
  ['J02.9', 12], // 急性咽炎
  ['J20.9', 18], // 急性支气管炎
  ['J03.9', 6], // 急性扁桃体炎
  ['J40', 5], // 支气管炎
  ['J44.1', 4], // 慢阻肺急性加重
]);

export const OTHER_VISITS = weighted<string>([
  ['K29.7', 14], // 胃炎
  ['A09', 10], // 感染性腹泻
  ['K52.9', 5], // 非感染性胃肠炎
  ['I10', 14], // 高血压（复诊取药）
  ['E11.9', 6], // 2型糖尿病
  ['M54.5', 10], // 腰痛
  ['M17.9', 5], // 膝关节病
  ['R51', 4], // 头痛
  ['L30.9', 5], // 皮炎
  ['S61.9', 4], // 手部开放性伤口
  ['S93.4', 3], // 踝扭伤
  ['N39.0', 4], // 尿路感染
  ['H10.9', 3], // 结膜炎
  ['K02.9', 3], // 龋病
  ['R50.9', 5], // 发热
]);

/** Median cost and spread of an outpatient visit by level (yuan), and the chance of some out-of-catalogue drugs. */
export const OUTPATIENT_COST = {
  village: { median: 40, sigma: 0.38, outOfCatalog: 0.12 },
  township: { median: 110, sigma: 0.42, outOfCatalog: 0.25 },
} as const;
/** Share of visits at the township centre for a village with a clinic. */
export const TOWNSHIP_VISIT_SHARE = 0.18;

/** Chronic conditions of those registered for special chronic disease outpatient care (特殊慢病), by age. */
export const CHRONIC_OLD = weighted<string>([
  ['I10', 38],
  ['E11.9', 18],
  ['I69.3', 10],
  ['J44.9', 9],
  ['I25.1', 8],
  ['I50.9', 3],
  ['N18.4', 3],
  ['G20', 2],
  ['M05.9', 2],
  ['K74.6', 2],
  ['A15.0', 1],
]);
export const CHRONIC_YOUNG = weighted<string>([
  ['F20.9', 20],
  ['G40.9', 14],
  ['E11.9', 16],
  ['I10', 14],
  ['E10.9', 5],
  ['J45.9', 8],
  ['B18.1', 8],
  ['E05.9', 5],
  ['M32.9', 3],
  ['F31.9', 4],
  ['D61.9', 1],
  ['A15.0', 2],
]);
/** Chronic outpatient claims (drug pick-ups) per registered person a year, and where. */
export const CHRONIC_CLAIMS_PER_YEAR: [number, number] = [4, 10];
export const CHRONIC_AT_COUNTY = 0.3;
export const CHRONIC_COST = { township: { median: 260, sigma: 0.4 }, county: { median: 430, sigma: 0.45 } } as const;

export type InpatientLevel = 'township' | 'county' | 'outside';
export const ADMISSION_LEVEL = weighted<InpatientLevel>([
  ['township', 45],
  ['county', 40],
  ['outside', 15],
]);
/** Out-of-county admissions that were referred (转诊); the rest went on their own and get the lower ratio. */
export const REFERRED_SHARE = 0.78;

export const ADMISSION_DIAGNOSES: Record<'child' | InpatientLevel, Weighted<string>> = {
  child: weighted([
    ['J18.9', 40], // 肺炎
    ['J20.9', 18],
    ['A09', 14],
    ['J06.9', 8],
    ['K35.8', 5], // 阑尾炎
    ['S52.5', 4], // 前臂骨折
    ['Q21.1', 1], // 先天性心脏病（重大疾病）
    ['C92.0', 1], // 白血病（重大疾病）
  ]),
  township: weighted([
    ['J18.9', 20],
    ['J44.1', 14],
    ['I63.9', 8], // 脑梗死
    ['I10', 8],
    ['I25.1', 8],
    ['K29.7', 7],
    ['E11.9', 6],
    ['J20.9', 6],
    ['N39.0', 4],
    ['M54.5', 5],
    ['A09', 4],
    ['K80.2', 3],
    ['S82.0', 2],
  ]),
  county: weighted([
    ['I63.9', 16],
    ['J18.9', 12],
    ['J44.1', 10],
    ['I25.1', 9],
    ['K80.1', 6], // 胆结石
    ['K35.8', 5],
    ['S72.0', 4], // 股骨颈骨折
    ['N20.0', 4], // 肾结石
    ['I50.9', 4],
    ['E11.9', 4],
    ['I61.9', 3], // 脑出血
    ['M17.9', 3],
    ['C34.9', 2], // 肺癌（重大疾病）
    ['C16.9', 1.5],
    ['C22.0', 1],
    ['I21.9', 1.5],
    ['N18.5', 1],
  ]),
  outside: weighted([
    ['C34.9', 10],
    ['C16.9', 6],
    ['C22.0', 5],
    ['C50.9', 5],
    ['C18.9', 3],
    ['C15.9', 3],
    ['C53.9', 2],
    ['I21.9', 8],
    ['I63.9', 9],
    ['I61.9', 5],
    ['S06.5', 4], // 颅脑损伤
    ['K80.1', 4],
    ['N18.5', 3],
    ['M16.9', 4], // 髋关节置换
    ['I25.1', 8],
    ['Q21.1', 1],
  ]),
};

export const INPATIENT_COST: Record<InpatientLevel, { median: number; sigma: number; stay: [number, number]; bed: number; outOfCatalog: [number, number] }> = {
  township: { median: 2700, sigma: 0.35, stay: [4, 9], bed: 25, outOfCatalog: [0.05, 0.1] },
  county: { median: 7300, sigma: 0.38, stay: [6, 13], bed: 45, outOfCatalog: [0.08, 0.15] },
  outside: { median: 19500, sigma: 0.4, stay: [9, 20], bed: 90, outOfCatalog: [0.12, 0.2] },
};
/** Cancer and the other major diseases cost more than the median admission of their level. */
export const MAJOR_COST_FACTOR = 1.8;
/** Of the county-level admissions, the share at the TCM hospital (the county hospital takes the rest). */
export const TCM_SHARE = 0.3;
/** Of the out-of-county admissions, the share at each outside hospital in code order. */
export const OUTSIDE_SHARES = [0.6, 0.28, 0.12];

/** Deliveries (住院分娩): where, how, what it costs. */
export const DELIVERY = {
  townshipShare: 0.35,
  caesareanShare: { township: 0, county: 0.32 },
  cost: { normal: { township: 2100, county: 3300 }, caesarean: 7200 },
  sigma: 0.18,
  stay: { normal: [2, 4] as [number, number], caesarean: [5, 7] as [number, number] },
};

/** Cost line categories of an admission and their rough shares of the in-catalogue part (beds are by the day). */
export const LINE_SHARES: Array<[category: 'drug' | 'exam' | 'treatment' | 'material', name: string, share: number]> = [
  ['drug', '药品费', 0.45],
  ['exam', '检查化验费', 0.25],
  ['treatment', '治疗费', 0.18],
  ['material', '卫生材料费', 0.12],
];

/** A log-normal draw around `median` (Box-Muller), in fen rounded to the 10 fen a cashier charges. */
export function logNormalFen(random: Random, median: number, sigma: number): number {
  const u = Math.max(random.next(), 1e-12);
  const v = random.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(10, Math.round(median * Math.exp(sigma * z) * 10) * 10);
}

/** A Poisson draw (Knuth), for visit counts around a small mean. */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}
