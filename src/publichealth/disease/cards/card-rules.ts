/**
 * The rules of a report card, as pure functions over what was typed: which notifiable disease the code is, whether
 * the times line up, whether the card is on time, and which status changes are allowed by whom. No I/O here.
 */
import { findIcd10, normalizeIcd10 } from '../icd10/icd10.ts';
import { invalid } from '../../../core/errors.ts';
import { ageOn, isRealDate } from '../../../core/dates.ts';
import { parseResidentId } from '../../../core/people/resident-id.ts';
import type { Permission } from '../../../core/auth/roles.ts';
import { notifiableOn, type NotifiableLists, type NotifiableMatch } from '../notifiable/load.ts';
import { CASE_CLASS_NAMES, COURSES, type CaseClass, type Course } from '../notifiable/schema.ts';
import type { CardAction, CardStatus } from '../db/cards-schema.ts';

/** 人群分类 of the national card. */
export const OCCUPATIONS = ['幼托儿童', '散居儿童', '学生', '教师', '保育员及保姆', '餐饮食品业', '公共场所服务员', '商业服务', '医务人员', '工人', '民工', '农民', '牧民', '渔（船）民', '干部职员', '离退人员', '家务及待业', '其他', '不详'] as const;

/** Children under this age need a parent's name on the card (患儿家长姓名). */
export const PARENT_NAME_UNDER_AGE = 14;

export interface CardInput {
  institutionId?: number | undefined;
  visitId?: number | null | undefined;
  personId?: number | null | undefined;
  areaId: number;
  patientName: string;
  idNumber?: string | null | undefined;
  sex: 'M' | 'F';
  birthDate?: string | null | undefined;
  ageYears?: number | null | undefined;
  parentName?: string | null | undefined;
  phone?: string | null | undefined;
  occupation: string;
  workUnit?: string | null | undefined;
  address?: string | null | undefined;
  icd10: string;
  caseClass: CaseClass;
  course?: Course | null | undefined;
  onsetDate?: string | null | undefined;
  /** ISO time with offset, e.g. '2026-03-01T09:30:00+08:00'. */
  diagnosedAt: string;
  deathDate?: string | null | undefined;
  doctorName?: string | undefined;
  remarks?: string | null | undefined;
}

/** A card as it will be stored: every field checked, the disease and its limit worked out. */
export interface CheckedCard {
  patientName: string;
  idNumber: string | null;
  sex: 'M' | 'F';
  birthDate: string | null;
  ageYears: number | null;
  parentName: string | null;
  phone: string | null;
  occupation: string;
  workUnit: string;
  address: string;
  icd10: string;
  match: NotifiableMatch;
  caseClass: CaseClass;
  course: Course | null;
  onsetDate: string | null;
  diagnosedAt: Date;
  deathDate: string | null;
  remarks: string;
  onTime: boolean;
}

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
export const shanghaiDay = (t: Date) => SHANGHAI_DAY.format(t);
const shown = (t: Date) => SHANGHAI_TIME.format(t);

/** On time when reported within the limit after diagnosis (the limit's last minute still counts). */
export function reportedOnTime(diagnosedAt: Date, reportedAt: Date, hours: number): boolean {
  return reportedAt.getTime() - diagnosedAt.getTime() <= hours * 3_600_000;
}

const text = (v: string | null | undefined) => (v ?? '').trim();
const orNull = (v: string | null | undefined) => text(v) || null;

/**
 * Checks a card against the list in force on its diagnosis day and the report time; throws the first fault as a
 * Chinese message naming the field. `reportedAt` is when the card is (or first was) reported.
 */
export function checkCard(input: CardInput, lists: NotifiableLists, reportedAt: Date): CheckedCard {
  const patientName = text(input.patientName);
  if (!patientName) throw invalid('patientName', '请填写患者姓名');
  const diagnosedAt = new Date(input.diagnosedAt);
  if (!input.diagnosedAt || Number.isNaN(diagnosedAt.getTime())) throw invalid('diagnosedAt', '请填写诊断时间（日期和时刻）');
  if (diagnosedAt > reportedAt) {
    throw invalid('diagnosedAt', `诊断时间 ${shown(diagnosedAt)} 晚于报告时间 ${shown(reportedAt)}：不能先报告后诊断，请核对诊断时间`, 'diagnosed_after_report');
  }
  const diagnosisDay = shanghaiDay(diagnosedAt);

  const code = normalizeIcd10(input.icd10 ?? '');
  if (!code || !findIcd10(code)) throw invalid('icd10', `「${input.icd10}」不是有效的 ICD-10 编码，请核对诊断编码（如 B26.9）`, 'unknown_icd10');
  const match = notifiableOn(lists, code, diagnosisDay);
  if (!match) {
    throw invalid('icd10', `诊断编码 ${code}（${findIcd10(code)!.name || '未知名称'}）不是法定报告传染病，不需要填写传染病报告卡；请核对诊断编码`, 'not_notifiable');
  }

  let idNumber: string | null = null;
  if (text(input.idNumber)) {
    const id = parseResidentId(text(input.idNumber), 'idNumber', diagnosisDay);
    idNumber = id.idNumber;
    if (input.birthDate && input.birthDate !== id.birthDate) throw invalid('birthDate', `出生日期 ${input.birthDate} 与身份证号中的 ${id.birthDate} 不一致`, 'birth_date_mismatch');
    if (input.sex !== id.sex) throw invalid('sex', `性别与身份证号（${id.sex === 'M' ? '男' : '女'}）不一致，请核对`, 'sex_mismatch');
  }
  const birthDate = input.birthDate || (idNumber ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : null);
  if (birthDate && (!isRealDate(birthDate) || birthDate > diagnosisDay)) throw invalid('birthDate', `出生日期 ${birthDate} 无效或晚于诊断日期，请核对`);
  const ageYears = birthDate ? null : (input.ageYears ?? null);
  if (!birthDate && ageYears === null) throw invalid('birthDate', '请填写出生日期；不知道出生日期时填写年龄');
  const age = birthDate ? ageOn(birthDate, diagnosisDay) : ageYears!;
  const parentName = orNull(input.parentName);
  if (age < PARENT_NAME_UNDER_AGE && !parentName) throw invalid('parentName', `患者未满 ${PARENT_NAME_UNDER_AGE} 岁，请填写患儿家长姓名`);

  if (!(OCCUPATIONS as readonly string[]).includes(input.occupation)) throw invalid('occupation', `人群分类「${input.occupation}」不在国家报告卡的分类中，请从列表中选择`);
  if (!match.caseClasses.includes(input.caseClass)) {
    throw invalid('caseClass', `${match.disease.name}不能报告为「${CASE_CLASS_NAMES[input.caseClass] ?? input.caseClass}」，可选：${match.caseClasses.map((c) => CASE_CLASS_NAMES[c]).join('、')}`);
  }
  const course = match.course ? (input.course ?? null) : null;
  if (match.course && (!course || !COURSES.includes(course))) throw invalid('course', `${match.form?.name ?? match.disease.name}须注明急性或慢性`);

  const onsetDate = orNull(input.onsetDate);
  if (!onsetDate && input.caseClass !== 'carrier') throw invalid('onsetDate', '请填写发病日期（病原携带者可不填）');
  if (onsetDate && !isRealDate(onsetDate)) throw invalid('onsetDate', `发病日期「${onsetDate}」不是有效日期`);
  if (onsetDate && onsetDate > diagnosisDay) throw invalid('onsetDate', `发病日期 ${onsetDate} 晚于诊断日期 ${diagnosisDay}：应先发病后诊断，请核对`, 'onset_after_diagnosis');
  if (onsetDate && birthDate && onsetDate < birthDate) throw invalid('onsetDate', `发病日期 ${onsetDate} 早于出生日期，请核对`);

  const deathDate = orNull(input.deathDate);
  if (deathDate && !isRealDate(deathDate)) throw invalid('deathDate', `死亡日期「${deathDate}」不是有效日期`);
  if (deathDate && deathDate > shanghaiDay(reportedAt)) throw invalid('deathDate', `死亡日期 ${deathDate} 晚于报告日期，请核对`);
  if (deathDate && onsetDate && deathDate < onsetDate) throw invalid('deathDate', `死亡日期 ${deathDate} 早于发病日期 ${onsetDate}，请核对`);

  return {
    patientName,
    idNumber,
    sex: input.sex,
    birthDate,
    ageYears,
    parentName,
    phone: orNull(input.phone),
    occupation: input.occupation,
    workUnit: text(input.workUnit),
    address: text(input.address),
    icd10: code,
    match,
    caseClass: input.caseClass,
    course,
    onsetDate,
    diagnosedAt,
    deathDate,
    remarks: text(input.remarks),
    onTime: reportedOnTime(diagnosedAt, reportedAt, match.hours),
  };
}

export interface Transition {
  from: readonly CardStatus[];
  to: CardStatus;
  permission: Permission;
  name: string;
  /** Only the reporting institution's own users (or the CDC, who confirm) may do it. */
  reporterOrCdc?: boolean;
  needsReason?: boolean;
}

/**
 * The status flow: entered → checked (乡镇审核) → confirmed (县疾控确认). A revision (订正) makes a new version that
 * is checked again; a deletion needs a reason and keeps the card. Entry itself ('enter') is not a transition.
 */
export const TRANSITIONS: Record<Exclude<CardAction, 'enter'>, Transition> = {
  check: { from: ['entered', 'revised'], to: 'checked', permission: 'disease.check', name: '审核' },
  confirm: { from: ['checked'], to: 'confirmed', permission: 'disease.confirm', name: '确认' },
  revise: { from: ['entered', 'checked', 'confirmed', 'revised'], to: 'revised', permission: 'disease.report', name: '订正', reporterOrCdc: true, needsReason: true },
  delete: { from: ['entered', 'checked', 'confirmed', 'revised'], to: 'deleted', permission: 'disease.report', name: '删除', reporterOrCdc: true, needsReason: true },
};

export const CARD_STATUS_NAMES: Record<CardStatus, string> = { entered: '已录入（待审核）', checked: '乡镇已审核', confirmed: '县疾控已确认', revised: '已订正（待审核）', deleted: '已删除' };
