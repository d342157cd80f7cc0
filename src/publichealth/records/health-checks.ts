/**
 * 健康体检 recorded on a resident's health record: the record module's own health service, shown on the timeline and
 * counted for dynamic use. Written in one transaction with its audit entry; only on an active record.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { isRealDate, todayInShanghai } from '../../core/dates.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { getInstitution } from '../../core/institutions/institutions.ts';
import { personForRecord } from './records.ts';
import { recordStatus } from './status.ts';

export interface HealthCheckInput {
  checkedOn: string;
  doctor: string;
  institutionId?: number | null | undefined; // default: the user's institution
  systolic?: number | null | undefined;
  diastolic?: number | null | undefined;
  heightCm?: number | null | undefined;
  weightKg?: number | null | undefined;
  conclusion?: string | undefined;
}

export interface HealthCheckView {
  id: number;
  checkedOn: string;
  doctor: string;
  institutionName: string | null;
  systolic: number | null;
  diastolic: number | null;
  heightCm: number | null;
  weightKg: number | null;
  conclusion: string;
  createdByName: string;
}

/** Plausible ranges of the measurements, as data: [field, label, unit, min, max]. */
const RANGES = [
  ['systolic', '收缩压', 'mmHg', 50, 300],
  ['diastolic', '舒张压', 'mmHg', 30, 200],
  ['heightCm', '身高', '厘米', 30, 250],
  ['weightKg', '体重', '千克', 1, 300],
] as const;

function checkInput(input: HealthCheckInput, birthDate: string): void {
  if (!isRealDate(input.checkedOn)) throw invalid('checkedOn', `体检日期「${input.checkedOn}」无效，应为 YYYY-MM-DD`);
  if (input.checkedOn > todayInShanghai()) throw invalid('checkedOn', `体检日期 ${input.checkedOn} 不能晚于今天`);
  if (input.checkedOn < birthDate) throw invalid('checkedOn', `体检日期 ${input.checkedOn} 早于出生日期 ${birthDate}`);
  if (!input.doctor?.trim() || input.doctor.trim().length > 40) throw invalid('doctor', '请填写体检医生姓名（最多 40 字）');
  for (const [field, label, unit, min, max] of RANGES) {
    const value = input[field];
    if (value !== undefined && value !== null && !(Number.isFinite(value) && value >= min && value <= max)) {
      throw invalid(field, `${label} ${value} ${unit}超出合理范围（${min}-${max} ${unit}），请核对`);
    }
  }
  if ((input.systolic == null) !== (input.diastolic == null)) throw invalid('diastolic', '血压请同时填写收缩压和舒张压');
  if (input.systolic != null && input.diastolic != null && input.diastolic >= input.systolic) throw invalid('diastolic', '舒张压应低于收缩压，请核对');
  if ((input.conclusion ?? '').length > 500) throw invalid('conclusion', '健康评价最多 500 字');
}

/** Records a health check on the resident's active record; audited. */
export async function addHealthCheck(db: Db, actor: Actor, personId: number, input: HealthCheckInput): Promise<HealthCheckView> {
  requirePermission(actor, 'records.write');
  return inTransaction(db, async (trx) => {
    const person = await personForRecord(trx, actor, personId);
    const record = await trx.selectFrom('health_record').select(['id', 'created_on']).where('person_id', '=', personId).executeTakeFirst();
    if (!record) throw notFound('健康档案');
    const status = recordStatus(person);
    if (status.status === 'closed') throw conflict('record_closed', `「${person.name}」已${status.reasonName}，健康档案已结案，不能再登记体检`);
    checkInput(input, person.birthDate);
    const institutionId = input.institutionId === undefined ? actor.institutionId : input.institutionId;
    const institutionName = institutionId === null ? null : (await getInstitution(trx, actor, institutionId).catch(() => {
      throw invalid('institutionId', '所选体检单位不存在', 'unknown_institution');
    })).name;
    const values = {
      record_id: record.id,
      person_id: personId,
      checked_on: input.checkedOn,
      institution_id: institutionId,
      institution_name: institutionName,
      doctor: input.doctor.trim(),
      systolic: input.systolic ?? null,
      diastolic: input.diastolic ?? null,
      height_cm: input.heightCm ?? null,
      weight_kg: input.weightKg ?? null,
      conclusion: input.conclusion?.trim() ?? '',
      created_by: actor.userId,
      created_by_name: actor.name,
    };
    const { id } = await trx.insertInto('health_check').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', entity: 'health_check', entityId: id, areaId: person.areaId, after: values });
    return toView({ id, ...values });
  });
}

function toView(r: { id: number; checked_on: string; doctor: string; institution_name: string | null; systolic: number | null; diastolic: number | null; height_cm: number | null; weight_kg: number | null; conclusion: string; created_by_name: string }): HealthCheckView {
  return {
    id: r.id,
    checkedOn: r.checked_on,
    doctor: r.doctor,
    institutionName: r.institution_name,
    systolic: r.systolic,
    diastolic: r.diastolic,
    heightCm: r.height_cm,
    weightKg: r.weight_kg,
    conclusion: r.conclusion,
    createdByName: r.created_by_name,
  };
}

/** The title and detail of a check on the timeline. */
export function describeCheck(c: Pick<HealthCheckView, 'systolic' | 'diastolic' | 'heightCm' | 'weightKg' | 'conclusion' | 'doctor'>): string {
  const bmi = c.heightCm && c.weightKg ? (c.weightKg / (c.heightCm / 100) ** 2).toFixed(1) : null;
  return [
    c.systolic != null && `血压 ${c.systolic}/${c.diastolic} mmHg`,
    c.heightCm != null && `身高 ${c.heightCm} cm`,
    c.weightKg != null && `体重 ${c.weightKg} kg`,
    bmi && `BMI ${bmi}`,
    c.conclusion && `评价：${c.conclusion}`,
    `医生 ${c.doctor}`,
  ]
    .filter(Boolean)
    .join('；');
}
