/**
 * Doses (接种记录): entered at the clinic with a batch from its stock, or copied from another place's certificate;
 * corrected or deleted with a reason. Every entry is checked by the schedule engine's input checks against the child's
 * other doses (dose before birth, dose number skipped, duplicate, unknown vaccine, after today) and answers with the
 * child's updated plan, so the clinic sees the next dose at once.
 */
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { isRealDate, todayInShanghai } from '../../../core/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../../core/errors.ts';
import { requireText } from '../../../core/institutions/institution-rules.ts';
import { institutionBasics } from '../../../core/institutions/institutions.ts';
import { plan } from '../plan.ts';
import { PlanInputError } from '../validate-input.ts';
import type { GivenDose, ImmunizationPlan } from '../types.ts';
import type { ImmChildTable, ImmDoseTable } from '../db/schema.ts';
import { returnDose, takeDose, vaccineName } from '../batches/batches.ts';
import { childInScope, clinicIdOf, clinicInScope } from './access.ts';
import { CHILD_STATUS_NAMES, personOf } from './children.ts';

export type DoseEntrySource = 'clinic' | 'other_place';

export interface DoseInput {
  vaccine: string;
  /** The product's dose number; by default the one after the child's last dose of it. */
  dose?: number | undefined;
  date: string;
  source?: DoseEntrySource | undefined;
  /**
   * clinic: the clinic giving the dose (in scope), by default the user's own institution; other_place: the institution
   * it was given at, if in the directory.
   */
  institutionId?: number | undefined;
  /** other_place: where it was given when that is no institution of the directory (外地接种点). */
  placeName?: string | undefined;
  /** clinic: the batch used; by default the FEFO batch of the clinic's stock. */
  batchId?: number | undefined;
  /** other_place: the batch number written on the certificate. */
  batchNo?: string | undefined;
  vaccinator?: string | undefined;
  site?: string | undefined;
  route?: string | undefined;
  /** The client's id for this entry: sending it again returns the first answer instead of a second dose. */
  requestId?: string | undefined;
}

export interface DoseCorrection {
  date?: string | undefined;
  batchId?: number | undefined;
  vaccinator?: string | null | undefined;
  site?: string | null | undefined;
  route?: string | null | undefined;
  reason: string;
}

export interface DoseResult {
  doseId: number;
  childId: number;
  plan: ImmunizationPlan;
}

type ChildRow = Selectable<ImmChildTable>;
type DoseRow = Selectable<ImmDoseTable>;

const payloadHash = (childId: number, input: DoseInput) => {
  const { requestId: _r, ...rest } = input;
  return createHash('sha256').update(JSON.stringify([childId, rest])).digest('hex');
};

/** The date checks made before the engine: a real day, not after today, not before birth. */
function checkDate(date: string, birthDate: string, field = 'date'): void {
  if (!isRealDate(date)) throw invalid(field, `接种日期「${date}」无效，应为 YYYY-MM-DD`);
  if (date > todayInShanghai()) throw invalid(field, `接种日期 ${date} 不能晚于今天`, 'dose_in_future');
  if (date < birthDate) throw invalid(field, `接种日期 ${date} 早于出生日期 ${birthDate}`, 'dose_before_birth');
}

/**
 * The child's plan with its doses as they will stand; the engine's input checks refuse a skipped dose number, doses of
 * a product out of date order or more doses than the series has, named by `field`.
 */
export function planWith(child: { conditions: ChildRow['conditions'] }, birthDate: string, doses: readonly GivenDose[], field = 'dose'): ImmunizationPlan {
  try {
    return plan(birthDate, doses, todayInShanghai(), { conditions: child.conditions });
  } catch (e) {
    if (!(e instanceof PlanInputError)) throw e;
    throw new AppError('invalid_dose', e.problems.map((p) => p.message).join('；'), 400, { field, problems: e.problems });
  }
}

const given = (rows: readonly Pick<DoseRow, 'vaccine' | 'dose' | 'given_on'>[]): GivenDose[] => rows.map((d) => ({ vaccine: d.vaccine, dose: d.dose, date: d.given_on }));

async function dosesOf(trx: Db, childId: number): Promise<DoseRow[]> {
  return trx.selectFrom('imm_dose').selectAll().where('child_id', '=', childId).orderBy('given_on').orderBy('id').execute();
}

function checkActive(child: ChildRow): void {
  if (child.status !== 'active') throw invalid('childId', `该儿童已${CHILD_STATUS_NAMES[child.status]}（${child.status_date}），不能再登记接种`, 'child_not_active');
}

/** Records one dose for a child in scope, takes it from the batch's stock in the same transaction, audited. */
export async function recordDose(db: Db, actor: Actor, childId: number, input: DoseInput): Promise<DoseResult> {
  requirePermission(actor, 'immunization.write');
  const source = input.source ?? 'clinic';
  vaccineName(input.vaccine);
  if (input.dose !== undefined && (!Number.isInteger(input.dose) || input.dose < 1)) throw invalid('dose', `剂次应为从 1 开始的整数，收到 ${input.dose}`);
  return inTransaction(db, async (trx) => {
    const child = await childInScope(trx, actor, childId, { forUpdate: true });
    if (input.requestId) {
      const done = await trx.selectFrom('imm_request').select(['payload_hash', 'result']).where('request_id', '=', input.requestId).executeTakeFirst();
      if (done) {
        if (done.payload_hash !== payloadHash(childId, input)) throw conflict('request_id_reused', '该提交编号（requestId）已用于另一条不同的接种记录，请刷新页面后重新录入', 'requestId');
        return done.result as DoseResult;
      }
    }
    checkActive(child);
    const person = await personOf(trx, child.person_id);
    checkDate(input.date, person.birthDate);
    const existing = await dosesOf(trx, childId);
    const dose = input.dose ?? Math.max(0, ...existing.filter((d) => d.vaccine === input.vaccine).map((d) => d.dose)) + 1;
    const same = existing.find((d) => d.vaccine === input.vaccine && d.dose === dose);
    if (same) throw conflict('duplicate_dose', `该儿童已有 ${input.vaccine} 第${dose}剂的记录（${same.given_on}），不能重复登记；如有错误请更正原记录`, 'dose');
    const result = planWith(child, person.birthDate, [...given(existing), { vaccine: input.vaccine, dose, date: input.date }]);

    const { id } = (await sql<{ id: number }>`select nextval('imm_dose_id_seq')::int as id`.execute(trx)).rows[0]!;
    let place: Pick<DoseRow, 'institution_id' | 'place_name' | 'batch_id' | 'batch_no'>;
    if (source === 'clinic') {
      const clinic = await clinicInScope(trx, actor, clinicIdOf(actor, input.institutionId));
      const batch = await takeDose(trx, actor, { batchId: input.batchId, institutionId: clinic.id, vaccine: input.vaccine, date: input.date, doseId: id });
      place = { institution_id: clinic.id, place_name: null, batch_id: batch.id, batch_no: null };
    } else {
      if (input.batchId !== undefined) throw invalid('batchId', '外地接种的记录不从本地库存出库，请填写接种证上的批号（batchNo）', 'batch_not_for_other_place');
      const placeName = input.placeName?.trim() || null;
      if (input.institutionId !== undefined) {
        if (!(await institutionBasics(trx, input.institutionId))) throw invalid('institutionId', `机构编号 ${input.institutionId} 不存在；机构名录中没有的接种地点请填写 placeName`);
      } else if (!placeName) throw invalid('placeName', '请填写接种地点（接种证上的接种单位）');
      place = { institution_id: input.institutionId ?? null, place_name: placeName, batch_id: null, batch_no: input.batchNo?.trim() || null };
    }
    const values = {
      id,
      child_id: childId,
      vaccine: input.vaccine,
      dose,
      given_on: input.date,
      ...place,
      vaccinator: input.vaccinator?.trim() || null,
      site: input.site?.trim() || null,
      route: input.route?.trim() || null,
      source,
      entered_by: actor.userId,
      entered_by_name: actor.name,
    };
    await trx.insertInto('imm_dose').values(values).execute();
    await recordAudit(trx, actor, { action: 'create', entity: 'imm_dose', entityId: id, areaId: child.area_id, after: values });
    const answer: DoseResult = { doseId: id, childId, plan: result };
    if (input.requestId) {
      await trx.insertInto('imm_request').values({ request_id: input.requestId, payload_hash: payloadHash(childId, input), result: JSON.stringify(answer) }).execute();
    }
    return answer;
  });
}

/** A dose of a child in the caller's scope, locked with its child. */
async function lockDose(trx: Db, actor: Actor, doseId: number): Promise<{ dose: DoseRow; child: ChildRow }> {
  const row = await trx
    .selectFrom('imm_dose')
    .select('child_id')
    .where('id', '=', doseId)
    .where('child_id', 'in', (eb) => eb.selectFrom('imm_child').select('id').where('area_id', 'in', areaIdsIn(eb, actor.scope)))
    .executeTakeFirst();
  if (!row) throw notFound('接种记录');
  const child = await childInScope(trx, actor, row.child_id, { forUpdate: true });
  const dose = await trx.selectFrom('imm_dose').selectAll().where('id', '=', doseId).forUpdate().executeTakeFirst();
  if (!dose) throw notFound('接种记录');
  return { dose, child };
}

const checkReason = (reason: string) => requireText(reason, 'reason', '更正原因');

/** Deletes a wrongly entered dose (with the reason, audited); its stock goes back to the batch. */
export async function deleteDose(db: Db, actor: Actor, doseId: number, reason: string): Promise<DoseResult> {
  requirePermission(actor, 'immunization.write');
  const why = checkReason(reason);
  return inTransaction(db, async (trx) => {
    const { dose, child } = await lockDose(trx, actor, doseId);
    const person = await personOf(trx, child.person_id);
    const rest = (await dosesOf(trx, child.id)).filter((d) => d.id !== doseId);
    const later = rest.find((d) => d.vaccine === dose.vaccine && d.dose > dose.dose);
    if (later) throw invalid('doseId', `删除后 ${dose.vaccine} 第${later.dose}剂（${later.given_on}）将缺少第${dose.dose}剂，请先删除后面的剂次`, 'later_dose_exists');
    const result = planWith(child, person.birthDate, given(rest), 'doseId');
    await trx.deleteFrom('imm_dose').where('id', '=', doseId).execute();
    if (dose.batch_id !== null) await returnDose(trx, actor, dose.batch_id, doseId, why);
    await recordAudit(trx, actor, { action: 'delete', entity: 'imm_dose', entityId: doseId, areaId: child.area_id, before: dose, after: { reason: why } });
    return { doseId, childId: child.id, plan: result };
  });
}

/**
 * Corrects a dose's date, batch or vaccinator, with the reason (audited). A new batch is checked on the (new) date
 * and takes the stock, the old one gets it back; a new date is checked against the batch's expiry. Another vaccine
 * or dose number is a delete and a new entry.
 */
export async function correctDose(db: Db, actor: Actor, doseId: number, patch: DoseCorrection): Promise<DoseResult> {
  requirePermission(actor, 'immunization.write');
  const why = checkReason(patch.reason);
  return inTransaction(db, async (trx) => {
    const { dose, child } = await lockDose(trx, actor, doseId);
    const person = await personOf(trx, child.person_id);
    const date = patch.date ?? dose.given_on;
    checkDate(date, person.birthDate);
    const others = (await dosesOf(trx, child.id)).filter((d) => d.id !== doseId);
    const result = planWith(child, person.birthDate, [...given(others), { vaccine: dose.vaccine, dose: dose.dose, date }], 'date');
    const changes: Partial<DoseRow> = {};
    if (date !== dose.given_on) changes.given_on = date;
    for (const key of ['vaccinator', 'site', 'route'] as const) {
      if (patch[key] !== undefined && (patch[key]?.trim() || null) !== dose[key]) changes[key] = patch[key]?.trim() || null;
    }
    const newBatch = patch.batchId !== undefined && patch.batchId !== dose.batch_id;
    if (newBatch || (changes.given_on && dose.batch_id !== null)) {
      if (dose.source !== 'clinic' || dose.institution_id === null) throw invalid('batchId', '只有本单位接种的记录使用库存批次', 'batch_not_for_other_place');
      if (dose.batch_id !== null) await returnDose(trx, actor, dose.batch_id, doseId, why);
      const batch = await takeDose(trx, actor, { batchId: patch.batchId ?? dose.batch_id ?? undefined, institutionId: dose.institution_id, vaccine: dose.vaccine, date, doseId });
      if (batch.id !== dose.batch_id) changes.batch_id = batch.id;
    }
    if (Object.keys(changes).length === 0) return { doseId, childId: child.id, plan: result };
    await trx.updateTable('imm_dose').set(changes).where('id', '=', doseId).execute();
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, dose[k as keyof DoseRow]]));
    await recordAudit(trx, actor, { action: 'correct', entity: 'imm_dose', entityId: doseId, areaId: child.area_id, before, after: { ...changes, reason: why } });
    return { doseId, childId: child.id, plan: result };
  });
}
