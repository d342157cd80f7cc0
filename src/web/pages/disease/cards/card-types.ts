// Shapes of the report-card API as the pages read them (src/publichealth/disease/cards/http-schemas.ts).

export type CardStatus = 'entered' | 'checked' | 'confirmed' | 'revised' | 'deleted';
export type CardAction = 'check' | 'confirm' | 'revise' | 'delete';
export type Outcome = 'reported' | 'late' | 'missed' | 'pending';

export interface CardSummary {
  id: number;
  patientName: string;
  sex: 'M' | 'F';
  disease: string;
  diseaseId: string;
  diseaseClass: 'A' | 'B' | 'C';
  classA: boolean;
  icd10: string;
  caseClass: string;
  institutionId: number;
  institutionName: string;
  areaName: string;
  diagnosedAt: string;
  reportedAt: string;
  timeLimitHours: number;
  onTime: boolean;
  status: CardStatus;
  version: number;
}

export interface CardDetail extends CardSummary {
  visitId: number | null;
  personId: number | null;
  areaId: number;
  townshipName: string | null;
  idNumber: string | null;
  birthDate: string | null;
  ageYears: number | null;
  parentName: string | null;
  phone: string | null;
  occupation: string;
  workUnit: string;
  address: string;
  course: 'acute' | 'chronic' | null;
  onsetDate: string | null;
  deathDate: string | null;
  doctorName: string;
  remarks: string;
  enteredBy: string;
  checkedAt: string | null;
  checkedBy: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
  deleteReason: string | null;
  alert: { id: number; acknowledgedAt: string | null; acknowledgedBy: string | null } | null;
  history: Array<{ version: number; action: 'enter' | CardAction; fromStatus: CardStatus | null; toStatus: CardStatus; at: string; byName: string; reason: string | null; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
  actions: CardAction[];
}

export interface NotifiableList {
  id: string;
  name: string;
  effective: string;
  hours: { classA: number; other: number };
  diseases: Array<{ id: string; name: string; class: 'A' | 'B' | 'C'; forms: Array<{ id: string; name: string }> }>;
  caseClasses: Record<string, string>;
  courses: Record<string, string>;
  occupations: string[];
  statuses: Record<CardStatus, string>;
}

export interface AlertItem {
  id: number;
  cardId: number;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  patientName: string;
  disease: string;
  institutionName: string;
  areaName: string;
  diagnosedAt: string;
}

export interface MissedItem {
  visitId: number;
  institutionId: number;
  institutionName: string;
  patientName: string;
  areaName: string | null;
  visitedAt: string;
  deadline: string;
  icd10: string;
  disease: string;
  classA: boolean;
  hours: number;
  outcome: Outcome;
  cardId: number | null;
  cardInstitutionName: string | null;
}

export interface RateRow {
  key: string;
  name: string;
  registered: number;
  reported: number;
  missed: number;
  reportingRate: number | null;
  cards: number;
  onTime: number;
  timelyRate: number | null;
}

export interface RatesReport {
  period: { from: string; to: string };
  definitions: { reportingRate: string; timelyRate: string };
  institutions: RateRow[];
  townships: RateRow[];
  total: RateRow;
}

export const STATUS_COLORS: Record<CardStatus, string> = { entered: 'blue', checked: 'cyan', confirmed: 'green', revised: 'orange', deleted: 'default' };
export const OUTCOME_NAMES: Record<Outcome, string> = { missed: '漏报', late: '迟报', pending: '待报（尚在时限内）', reported: '已按时报告' };
export const ACTION_NAMES: Record<'enter' | CardAction, string> = { enter: '录入', check: '审核', confirm: '确认', revise: '订正', delete: '删除' };

/** The card's fields as the history names them when a revision changed them. */
export const FIELD_NAMES: Record<string, string> = {
  patient_name: '姓名', id_number: '身份证号', sex: '性别', birth_date: '出生日期', age_years: '年龄', parent_name: '家长姓名', phone: '电话', occupation: '人群分类',
  work_unit: '工作单位', address: '详细地址', area_id: '现住址（村）', icd10: '诊断编码', disease_id: '病种', case_class: '病例分类', course: '急/慢性',
  onset_date: '发病日期', diagnosed_at: '诊断时间', death_date: '死亡日期', remarks: '备注',
};
