/**
 * What the visit demo draws from: the everyday diagnosis mix by age, and the notifiable diseases at plausible county
 * incidence with their ages, seasons and where they are diagnosed. Rough rural-county figures, for a demo that looks
 * like a county's year, not epidemiology.
 */

/** Age bands (years, inclusive) and their everyday outpatient diagnoses with weights. */
export const EVERYDAY_MIX: ReadonlyArray<{ ages: readonly [number, number]; diagnoses: ReadonlyArray<readonly [string, number]> }> = [
  { ages: [0, 5], diagnoses: [['J06.9', 30], ['J20.9', 10], ['J18.9', 6], ['A09.9', 8], ['K52.9', 4], ['L30.9', 5], ['R50.9', 8], ['H66.9', 3], ['J02.9', 8], ['B01.9', 2]] },
  { ages: [6, 17], diagnoses: [['J06.9', 25], ['J02.9', 12], ['J03.9', 8], ['J20.9', 6], ['K29.7', 4], ['L50.9', 4], ['H10.9', 3], ['T14.0', 4], ['R51', 3], ['B01.9', 2]] },
  { ages: [18, 59], diagnoses: [['J06.9', 15], ['J02.9', 6], ['K29.7', 10], ['I10', 8], ['M54.5', 8], ['M47.8', 4], ['E11.9', 4], ['N39.0', 4], ['L30.9', 4], ['T14.0', 4], ['K21.9', 2], ['R10.4', 3], ['G43.9', 2], ['F32.9', 1], ['J40', 3], ['K80.2', 1]] },
  { ages: [60, 120], diagnoses: [['I10', 25], ['E11.9', 10], ['J44.9', 8], ['I25.1', 6], ['I63.9', 4], ['M17.9', 5], ['K29.7', 6], ['J20.9', 6], ['J18.9', 4], ['I50.9', 2], ['M54.5', 4], ['E78.5', 2], ['C34.9', 1], ['C16.9', 1], ['C22.0', 0.5]] },
];

/** A chronic second diagnosis some adults carry into a visit, and how often. */
export const SECOND_DIAGNOSIS = { fromAge: 45, share: 0.2, codes: [['I10', 3], ['E11.9', 1]] as ReadonlyArray<readonly [string, number]> };

/** Months 1-12 where a disease peaks; other months get weight 1. */
type Season = Readonly<Record<number, number>>;
const WINTER: Season = { 12: 4, 1: 5, 2: 4, 3: 2 };
const SPRING_SUMMER: Season = { 4: 3, 5: 4, 6: 4, 7: 3 };
const SUMMER: Season = { 6: 3, 7: 4, 8: 4, 9: 3 };

/** Where a case is diagnosed: 'county' diseases mostly at the county hospital, 'any' wherever the patient goes. */
export type DiagnosedAt = 'county' | 'any';

export interface NotifiablePlan {
  code: string;
  /** Cases a year per 100 000 residents. */
  per100k: number;
  ages: readonly [number, number];
  season?: Season;
  at: DiagnosedAt;
}

export const NOTIFIABLE_PLAN: readonly NotifiablePlan[] = [
  { code: 'B08.4', per100k: 150, ages: [0, 5], season: { ...SPRING_SUMMER, 10: 2 }, at: 'any' }, // 手足口病
  { code: 'J11.1', per100k: 120, ages: [0, 90], season: WINTER, at: 'any' }, // 流行性感冒
  { code: 'A09.0', per100k: 120, ages: [0, 85], season: { ...SUMMER, 11: 2, 12: 2 }, at: 'any' }, // 其它感染性腹泻病
  { code: 'B18.1', per100k: 80, ages: [20, 70], at: 'county' }, // 慢性乙型肝炎
  { code: 'A16.2', per100k: 50, ages: [15, 85], at: 'county' }, // 肺结核
  { code: 'A53.9', per100k: 30, ages: [18, 80], at: 'county' }, // 梅毒
  { code: 'B26.9', per100k: 25, ages: [5, 15], season: { 4: 2, 5: 3, 6: 3, 12: 2, 1: 2 }, at: 'any' }, // 流行性腮腺炎
  { code: 'A38', per100k: 6, ages: [3, 12], season: { 4: 2, 5: 3, 6: 2, 11: 2, 12: 3 }, at: 'any' }, // 猩红热
  { code: 'A03.9', per100k: 4, ages: [0, 80], season: SUMMER, at: 'any' }, // 细菌性痢疾
  { code: 'B15.9', per100k: 2, ages: [5, 60], at: 'county' }, // 甲型肝炎
];

/** The mumps outbreak (§4: ≥10 cases in one village within a week): how many school children, over how many days. */
export const MUMPS_CLUSTER = { code: 'B26.9', cases: 12, days: 6, ages: [6, 14] as const, daysBeforeAsOf: 45 };

/** Where visits go, by the kind of visit: weights of the patient's village clinic, township centre, county hospital, TCM hospital. */
export const VISIT_SITES: Record<'everyday' | DiagnosedAt, readonly [village: number, township: number, county: number, tcm: number]> = {
  everyday: [50, 30, 15, 5],
  any: [30, 35, 30, 5],
  county: [0, 25, 70, 5],
};

/** How a visit names its patient, by source: with the ID number, without it (name + birth date + village), or misspelt. */
export const IDENTIFICATION: Record<'api' | 'file', readonly [withId: number, nameOnly: number, misspelt: number]> = {
  api: [92, 5, 3],
  file: [50, 45, 5],
};

export const monthWeight = (season: Season | undefined, month: number) => season?.[month] ?? 1;
