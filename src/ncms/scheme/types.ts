/** The typed, fen-based form of a scheme document (format v1). Units are in the field names: *Fen = 分, *Ppm = 百万分之一. */
import type { Fen, Ppm } from './decimal.ts';

export const SCHEME_FORMAT = 'jiceng.ncms.scheme/v1';

/** Institution levels: 村级 / 乡级 / 县级 / 县外. */
export const LEVELS = ['village', 'township', 'county', 'outside'] as const;
export type Level = (typeof LEVELS)[number];

/** Outpatient pooling (门诊统筹) exists only at village and township level. */
export const OUTPATIENT_LEVELS = ['village', 'township'] as const;
export type OutpatientLevel = (typeof OUTPATIENT_LEVELS)[number];

export interface InpatientBenefit {
  deductibleFen: Fen; // 起付线
  ratioPpm: Ppm; // 报销比例
  /** Out-of-county care without referral (未转诊); only ever set on `outside`. */
  unreferredRatioPpm?: Ppm;
}

export interface OutpatientBenefit {
  ratioPpm: Ppm;
  perVisitCapFen: Fen; // 每次封顶
}

export interface Scheme {
  format: typeof SCHEME_FORMAT;
  pool: string; // 统筹区
  year: number;
  financing: { individualFen: Fen; governmentFen: Fen };
  /** null = that level is not covered (不予报销). */
  inpatient: Record<Level, InpatientBenefit | null>;
  /** A level that is absent or null has no outpatient pooling. */
  outpatient: Partial<Record<OutpatientLevel, OutpatientBenefit | null>> & { annualCapFen: Fen };
  chronic: { diseases: string[]; annualCapFen: Fen }; // 特殊慢病
  major: { diseases: string[]; ratioPpm: Ppm; annualCapFen: Fen }; // 重大疾病
  delivery: { fixedFen: Fen }; // 住院分娩
  annualCapFen: Fen; // 年度封顶线 (inpatient + chronic)
}

/** One thing wrong with a scheme document: the JSON path and a plain Chinese message. */
export interface SchemeProblem {
  path: string;
  message: string;
}
