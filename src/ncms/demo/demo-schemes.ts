/**
 * The demo county's compensation schemes (补偿方案) for last year and this year, as a county would publish them:
 * financing rising year on year, deductibles and ratios by level, the special chronic disease list (特殊慢病) and the
 * major disease list (重大疾病). Created and activated through the scheme store, like a clerk would.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { activateScheme, saveSchemeDraft } from '../schemes/scheme-store.ts';
import { activeScheme } from '../schemes/scheme-store.ts';
import type { Scheme } from '../scheme/types.ts';

export const DEMO_POOL = '430702';

// 特殊慢病 (门诊大病): the common ones of a county list. Three-character ICD-10 codes cover their sub-codes.
export const CHRONIC_DISEASES = [
  'I10', // 高血压（Ⅱ级及以上）
  'E11', // 2型糖尿病
  'E10', // 1型糖尿病
  'I69', // 脑卒中后遗症
  'I25', // 冠心病
  'I50', // 慢性心力衰竭
  'I05', // 风湿性心脏病
  'J44', // 慢性阻塞性肺疾病
  'J45', // 支气管哮喘
  'N18', // 慢性肾脏病
  'F20', // 精神分裂症
  'F31', // 双相情感障碍
  'G40', // 癫痫
  'G20', // 帕金森病
  'M05', // 类风湿关节炎
  'M32', // 系统性红斑狼疮
  'K74', // 肝硬化
  'B18', // 慢性病毒性肝炎
  'A15', // 肺结核
  'E05', // 甲状腺功能亢进
  'D61', // 再生障碍性贫血
];

// 重大疾病: cancers, childhood leukaemia and congenital heart disease, end-stage renal disease, acute myocardial infarction…
export const MAJOR_DISEASES = ['C92', 'C91', 'Q21', 'C34', 'C16', 'C15', 'C22', 'C18', 'C50', 'C53', 'N18.5', 'I21', 'D66', 'Q35'];

/** The scheme document of a year (format v1). Last year's figures are a step below this year's. */
export function demoSchemeDocument(year: number, current: boolean) {
  const [individual, government] = current ? [400, 700] : [380, 670];
  return {
    format: 'jiceng.ncms.scheme/v1',
    pool: DEMO_POOL,
    year,
    financing: { individual, government },
    inpatient: {
      village: null,
      township: { deductible: current ? 100 : 150, ratio: current ? 0.85 : 0.8 },
      county: { deductible: current ? 400 : 500, ratio: current ? 0.75 : 0.7 },
      outside: { deductible: current ? 1000 : 1200, ratio: current ? 0.6 : 0.55, unreferredRatio: current ? 0.45 : 0.4 },
    },
    outpatient: {
      village: { ratio: 0.5, perVisitCap: 15 },
      township: { ratio: 0.5, perVisitCap: current ? 30 : 25 },
      annualCap: current ? 200 : 180,
    },
    chronic: { diseases: CHRONIC_DISEASES, annualCap: 10000 },
    major: { diseases: MAJOR_DISEASES, ratio: 0.7, annualCap: current ? 180000 : 160000 },
    delivery: { fixed: current ? 500 : 400 },
    annualCap: current ? 150000 : 120000,
  };
}

export interface DemoScheme {
  id: number;
  year: number;
  scheme: Scheme;
}

/**
 * Saves and activates both years' schemes; returns them last year first. No subsidy split (中央/省/县) is set, so the
 * subsidy is booked as county money: a split would add two lines per level to each of 200 000 household postings.
 */
export async function createDemoSchemes(db: Db, actor: Actor, years: readonly [number, number]): Promise<DemoScheme[]> {
  const out: DemoScheme[] = [];
  for (const [i, year] of years.entries()) {
    const current = i === years.length - 1;
    const draft = await saveSchemeDraft(db, actor, { document: demoSchemeDocument(year, current), note: `${year} 年度新农合补偿方案（演示）` });
    await activateScheme(db, actor, draft.id);
    const active = (await activeScheme(db, DEMO_POOL, year))!;
    out.push({ id: active.id, year, scheme: active.scheme });
  }
  return out;
}
