/** The claims' vocabularies in Chinese: kinds, statuses, cost categories, rejection reasons and caps. */
import type { ClaimKind, ClaimLineCategory, ClaimStatus, YearToDateBucket } from '../db/schema.ts';
import type { CapName, RejectionReason } from '../settlement/result.ts';

export const CLAIM_KINDS: Record<ClaimKind, string> = {
  outpatient: '普通门诊（门诊统筹）',
  inpatient: '住院',
  chronic: '特殊慢病门诊',
  delivery: '住院分娩',
};
export const CLAIM_KIND_CODES = Object.keys(CLAIM_KINDS) as [ClaimKind, ...ClaimKind[]];

/** Admissions get a discharge date at settlement; a visit's day is its discharge date. */
export const isAdmission = (kind: ClaimKind) => kind === 'inpatient' || kind === 'delivery';

export const CLAIM_STATUSES: Record<ClaimStatus, string> = { open: '未结算', settled: '已结算', rejected: '不予报销', reversed: '已冲销' };
export const CLAIM_STATUS_CODES = Object.keys(CLAIM_STATUSES) as [ClaimStatus, ...ClaimStatus[]];

export const LINE_CATEGORIES: Record<ClaimLineCategory, string> = {
  drug: '药品',
  exam: '检查',
  treatment: '治疗',
  bed: '床位',
  material: '材料',
  other: '其他',
};
export const LINE_CATEGORY_CODES = Object.keys(LINE_CATEGORIES) as [ClaimLineCategory, ...ClaimLineCategory[]];

/** Why the engine paid nothing, for the clerk and the patient. */
export const REJECTION_MESSAGES: Record<RejectionReason, string> = {
  not_enrolled: '该患者本年度未参合，不予报销',
  not_in_scheme_year: '就诊日期不在补偿方案年度内，不予报销',
  level_not_covered: '本年度补偿方案对该级别医疗机构的此类就诊不予报销',
  not_chronic_disease: '诊断不在补偿方案所列特殊慢病范围内，不能按慢病报销',
  invalid_claim: '报销单据数据有误',
};

export const CAP_NAMES: Record<CapName, string> = {
  perVisit: '门诊单次封顶',
  outpatientAnnual: '门诊统筹年度封顶',
  chronicAnnual: '特殊慢病年度封顶',
  annual: '年度封顶线（住院与慢病合计）',
  majorAnnual: '重大疾病年度封顶',
};

export const BUCKET_NAMES: Record<YearToDateBucket, string> = {
  outpatient: '门诊统筹',
  chronic: '特殊慢病',
  inpatient: '住院',
  major: '重大疾病',
};
