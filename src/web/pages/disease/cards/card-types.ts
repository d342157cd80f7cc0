// The report-card API's shapes, from the server's own types (type-only: no server code reaches the bundle).
import type { CardAction as EventAction, CardStatus } from '../../../../publichealth/disease/db/cards-schema.ts';
import type { CaseOutcome as Outcome } from '../../../../publichealth/disease/cards/missed-detect.ts';

export type { CardStatus, Outcome };
/** What a reader may do to a card (entering is not one: it makes the card). */
export type CardAction = Exclude<EventAction, 'enter'>;
export type { CardSummary, CardDetail } from '../../../../publichealth/disease/cards/card-query.ts';
export type { CardAlert as AlertItem } from '../../../../publichealth/disease/cards/alerts.ts';
export type { MissedItem, RatesReport } from '../../../../publichealth/disease/cards/missed-reports.ts';
export type { RateRow } from '../../../../publichealth/disease/cards/report-rates.ts';
export type { NotifiableView as NotifiableList } from '../../../../publichealth/disease/cards/routes.ts';

export const STATUS_COLORS: Record<CardStatus, string> = { entered: 'blue', checked: 'cyan', confirmed: 'green', revised: 'orange', deleted: 'default' };
export const OUTCOME_NAMES: Record<Outcome, string> = { missed: '漏报', late: '迟报', pending: '待报（尚在时限内）', reported: '已按时报告' };
export const ACTION_NAMES: Record<EventAction, string> = { enter: '录入', check: '审核', confirm: '确认', revise: '订正', delete: '删除' };

/** The card's fields as the history names them when a revision changed them. */
export const FIELD_NAMES: Record<string, string> = {
  patient_name: '姓名', id_number: '身份证号', sex: '性别', birth_date: '出生日期', age_years: '年龄', parent_name: '家长姓名', phone: '电话', occupation: '人群分类',
  work_unit: '工作单位', address: '详细地址', area_id: '现住址（村）', icd10: '诊断编码', disease_id: '病种', case_class: '病例分类', course: '急/慢性',
  onset_date: '发病日期', diagnosed_at: '诊断时间', death_date: '死亡日期', remarks: '备注',
};
