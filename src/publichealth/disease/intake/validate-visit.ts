/**
 * Checks one visit as sent and turns it into what is stored: every fault found (not just the first), each in Chinese
 * naming the visit and the field. Pure: the caller passes `now` (a visit after it is in the future).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { isRealDate } from '../../../core/dates.ts';
import { parseResidentId } from '../../../core/people/resident-id.ts';
import { canonicalJson } from '../../../core/audit/canonical.ts';
import { findIcd10 } from '../icd10/icd10.ts';
import type { VisitInput } from './visit-input.ts';
import { parseVisitTime } from './visit-time.ts';

/** One fault of one visit: `index` in the batch, `row` when it came from a file. */
export interface VisitFault {
  index: number;
  row?: number | undefined;
  visitId: string;
  field: string;
  message: string;
}

export interface CheckedVisit {
  index: number;
  row?: number | undefined;
  visitId: string;
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  address: string | null;
  village: string | null;
  department: string | null;
  visitedAt: Date;
  diagnoses: string[];
  /** Of the visit as stored (normalised): a resend with the same content is recognised, a different one is reported. */
  contentHash: string;
}

const SEX: Record<string, 'M' | 'F'> = { 男: 'M', M: 'M', 女: 'F', F: 'F' };
/** Allowed clock difference between sender and server before a visit counts as in the future. */
const CLOCK_SKEW_MS = 10 * 60_000;

const blank = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** How a visit is named in messages: 第 3 条（就诊编号 MZ001）or 第 5 行（就诊编号 MZ001）. */
export function visitLabel(fault: { index: number; row?: number | undefined; visitId: string }): string {
  const where = fault.row !== undefined ? `第 ${fault.row} 行` : `第 ${fault.index + 1} 条`;
  return fault.visitId ? `${where}（就诊编号 ${fault.visitId}）` : where;
}

/** The hash a visit's stored content is recognised by on a resend (also used by the demo, so its visits resend alike). */
export function visitContentHash(stored: {
  name: string | null;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  address: string | null;
  village: string | null;
  department: string | null;
  visitedAt: string;
  diagnoses: string[];
}): string {
  return createHash('sha256').update(canonicalJson(stored)).digest('hex');
}

export function validateVisit(input: VisitInput, index: number, now: Date, row?: number): CheckedVisit | VisitFault[] {
  const visitId = input.visitId.trim();
  const faults: VisitFault[] = [];
  const fault = (field: string, message: string) => faults.push({ index, row, visitId, field, message: `${visitLabel({ index, row, visitId })}：${message}` });

  if (!visitId) fault('visitId', '缺少就诊编号，请填写本机构的门诊号或流水号');
  else if (visitId.length > 64) fault('visitId', '就诊编号过长（最多 64 个字符）');
  const name = blank(input.patient.name);
  if (!name) fault('patient.name', '缺少患者姓名');

  let idNumber: string | null = null;
  let birthDate = blank(input.patient.birthDate);
  let sex: 'M' | 'F' | null = null;
  const rawSex = blank(input.patient.sex);
  if (rawSex) {
    sex = SEX[rawSex.toUpperCase()] ?? null;
    if (!sex) fault('patient.sex', `性别「${rawSex}」无法识别，请填写“男”或“女”`);
  }
  if (birthDate && !isRealDate(birthDate)) {
    fault('patient.birthDate', `出生日期「${birthDate}」不正确，应为 YYYY-MM-DD 格式的真实日期`);
    birthDate = null;
  }
  const rawId = blank(input.patient.idNumber);
  if (rawId) {
    try {
      const id = parseResidentId(rawId, 'patient.idNumber', now.toISOString().slice(0, 10));
      idNumber = id.idNumber;
      if (birthDate && birthDate !== id.birthDate) fault('patient.birthDate', `出生日期 ${birthDate} 与身份证号中的 ${id.birthDate} 不一致`);
      if (sex && sex !== id.sex) fault('patient.sex', `性别与身份证号（${id.sex === 'M' ? '男' : '女'}）不一致`);
      birthDate = id.birthDate;
      sex = id.sex;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fault('patient.idNumber', error.message);
    }
  } else if (!birthDate && !faults.some((f) => f.field === 'patient.birthDate')) {
    fault('patient.birthDate', '没有身份证号时必须填写出生日期（用于按“姓名 + 出生日期 + 村”匹配居民）');
  }

  const visitedAt = parseVisitTime(input.visitedAt);
  if (!visitedAt) fault('visitedAt', `就诊时间「${input.visitedAt}」无法识别，请写成 2026-03-05 09:30 或 2026-03-05T09:30:00+08:00`);
  else if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) fault('visitedAt', `就诊时间 ${input.visitedAt} 晚于当前时间，请核对日期`);
  else if (birthDate && visitedAt.toISOString().slice(0, 10) < birthDate) fault('visitedAt', `就诊时间 ${input.visitedAt} 早于出生日期 ${birthDate}`);

  const diagnoses: string[] = [];
  if (input.diagnoses.length === 0) fault('diagnoses', '没有诊断：至少填写一个 ICD-10 诊断编码');
  input.diagnoses.forEach((d, i) => {
    const entry = findIcd10(d.code);
    if (!entry) fault(`diagnoses.${i}.code`, `第 ${i + 1} 个诊断编码「${d.code}」不是有效的 ICD-10 编码，请核对（如 B26.9、J11.1）`);
    else if (diagnoses.includes(entry.code)) fault(`diagnoses.${i}.code`, `诊断编码 ${entry.code} 重复填写`);
    else diagnoses.push(entry.code);
  });

  if (faults.length) return faults;
  const stored = {
    name,
    idNumber,
    birthDate,
    sex,
    address: blank(input.patient.address),
    village: blank(input.patient.village),
    department: blank(input.department),
    visitedAt: visitedAt!.toISOString(),
    diagnoses,
  };
  const contentHash = visitContentHash(stored);
  return { index, row, visitId, ...stored, name: name!, visitedAt: visitedAt!, contentHash };
}
