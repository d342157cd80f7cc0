/**
 * Saving a report card: entry and 订正 (revision) go through `saveCard`, the one write path of a card's content, so
 * every rule, the duplicate check, the class A alert and the audit entry apply to both.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { institutionBasics } from '../../../core/institutions/institutions.ts';
import { findPersonAnywhere } from '../../../core/people/persons.ts';
import { AppError, forbidden, invalid } from '../../../core/errors.ts';
import { NOTIFIABLE_LISTS } from '../notifiable/index.ts';
import { listById } from '../notifiable/load.ts';
import { checkCard, TRANSITIONS, type CardInput, type CheckedCard } from './card-rules.ts';
import { lockCard, requireReporterOrCdc } from './card-access.ts';
import { checkClustersForCard } from '../clusters/check-after-save.ts';

export interface Revision {
  cardId: number;
  reason: string;
}

/**
 * Enters a new card (no `revision`) or revises one (订正: a new version; the old fields stay in the card's history).
 * Returns the card's id. Nothing is written when any check fails.
 */
export async function saveCard(db: Db, actor: Actor, input: CardInput, revision?: Revision): Promise<number> {
  requirePermission(actor, 'disease.report');
  return inTransaction(db, async (trx) => {
    const existing = revision ? await lockCard(trx, actor, revision.cardId) : undefined;
    if (existing && revision) {
      const t = TRANSITIONS.revise;
      if (!t.from.includes(existing.status)) throw new AppError('card_status', `报告卡当前状态为「已删除」，不能订正`, 409);
      requireReporterOrCdc(actor, existing.institution_id, t);
      if (!revision.reason.trim()) throw invalid('reason', '请填写订正原因（如：诊断变更）');
    }
    const institutionId = existing?.institution_id ?? input.institutionId ?? actor.institutionId;
    if (institutionId == null) throw invalid('institutionId', '您的账号没有关联医疗机构，不能填报传染病报告卡；请联系管理员在用户管理中设置所在机构');
    if (!existing && actor.role !== 'system' && institutionId !== actor.institutionId) throw forbidden('只能以本人所在机构的名义填报传染病报告卡');
    const institution = await institutionBasics(trx, institutionId);
    if (!institution || !institution.active) throw invalid('institutionId', '报告单位不存在或已停用');

    const area = await trx.selectFrom('area').select(['id', 'level']).where('id', '=', input.areaId).executeTakeFirst();
    if (!area || area.level !== 'village') throw invalid('areaId', '请选择患者现住址所在的村（社区）');

    const visitId = existing ? existing.visit_id : (input.visitId ?? null);
    // A revision that does not name the resident keeps the one the card has.
    let personId = input.personId !== undefined ? input.personId : (existing?.person_id ?? null);
    if (visitId !== null && !existing) {
      const visit = await trx.selectFrom('disease_visit').select(['institution_id', 'person_id']).where('id', '=', visitId).executeTakeFirst();
      if (!visit) throw invalid('visitId', '所选就诊记录不存在');
      if (visit.institution_id !== institutionId) throw invalid('visitId', '只能从本单位的就诊记录填报报告卡');
      personId ??= visit.person_id;
    }
    if (personId !== null && !(await findPersonAnywhere(trx, { id: personId }))) throw invalid('personId', '所选居民不存在');

    const reportedAt = existing?.reported_at ?? new Date();
    const card = checkCard(input, NOTIFIABLE_LISTS, reportedAt);
    await refuseDuplicate(trx, card, personId, existing?.id);

    const row = {
      area_id: input.areaId,
      person_id: personId,
      patient_name: card.patientName,
      id_number: card.idNumber,
      sex: card.sex,
      birth_date: card.birthDate,
      age_years: card.ageYears,
      parent_name: card.parentName,
      phone: card.phone,
      occupation: card.occupation,
      work_unit: card.workUnit,
      address: card.address,
      list_id: card.match.listId,
      disease_id: card.match.disease.id,
      form_id: card.match.form?.id ?? null,
      icd10: card.icd10,
      disease_class: card.match.disease.class,
      class_a: card.match.classA,
      time_limit_hours: card.match.hours,
      case_class: card.caseClass,
      course: card.course,
      onset_date: card.onsetDate,
      diagnosed_at: card.diagnosedAt,
      death_date: card.deathDate,
      remarks: card.remarks,
      on_time: card.onTime,
    };
    let id: number;
    if (existing && revision) {
      id = existing.id;
      const version = existing.version + 1;
      await trx.updateTable('disease_card').set({ ...row, status: 'revised', version, updated_at: sql`now()` }).where('id', '=', id).execute();
      await trx
        .insertInto('disease_card_event')
        .values({ card_id: id, version, action: 'revise', from_status: existing.status, to_status: 'revised', by_id: actor.userId, by_name: actor.name, reason: revision.reason.trim(), before: JSON.stringify(existing) })
        .execute();
      await recordAudit(trx, actor, { action: 'revise', entity: 'disease_card', entityId: id, areaId: input.areaId, before: existing, after: { ...row, version, reason: revision.reason.trim() } });
    } else {
      const inserted = await trx
        .insertInto('disease_card')
        .values({ ...row, institution_id: institutionId, visit_id: visitId, doctor_name: input.doctorName?.trim() || actor.name, reported_at: reportedAt, entered_by: actor.userId, entered_by_name: actor.name })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
      await trx.insertInto('disease_card_event').values({ card_id: id, version: 1, action: 'enter', to_status: 'entered', by_id: actor.userId, by_name: actor.name }).execute();
      await recordAudit(trx, actor, { action: 'create', entity: 'disease_card', entityId: id, areaId: input.areaId, after: { ...row, institution_id: institutionId, visit_id: visitId } });
    }
    // A class A card (or one revised into class A) alerts the CDC at once; one alert per card.
    if (card.match.classA) await trx.insertInto('disease_card_alert').values({ card_id: id }).onConflict((oc) => oc.column('card_id').doNothing()).execute();
    await checkClustersForCard(trx, id); // 聚集性疫情: the card's village on its diagnosis day
    return id;
  });
}

/** The same person (resident, ID number, or name + birth date) with a live card of the same disease diagnosed nearby. */
async function refuseDuplicate(trx: Db, card: CheckedCard, personId: number | null, exceptId: number | undefined): Promise<void> {
  const list = listById(NOTIFIABLE_LISTS, card.match.listId)!;
  const windowMs = list.duplicateDays * 86_400_000;
  let query = trx
    .selectFrom('disease_card')
    .select(['id', 'diagnosed_at', 'institution_id'])
    .where('disease_id', '=', card.match.disease.id)
    .where('status', '<>', 'deleted')
    .where('diagnosed_at', '>=', new Date(card.diagnosedAt.getTime() - windowMs))
    .where('diagnosed_at', '<=', new Date(card.diagnosedAt.getTime() + windowMs))
    .where((eb) => {
      const same = [eb.and([eb('patient_name', '=', card.patientName), card.birthDate ? eb('birth_date', '=', card.birthDate) : eb('age_years', '=', card.ageYears)])];
      if (personId !== null) same.push(eb('person_id', '=', personId));
      if (card.idNumber) same.push(eb('id_number', '=', card.idNumber));
      return eb.or(same);
    });
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  const other = await query.orderBy('diagnosed_at').executeTakeFirst();
  if (other) {
    throw new AppError(
      'duplicate_card',
      `该患者已有一张${card.match.disease.name}报告卡（第 ${other.id} 号），诊断时间相差不到 ${list.duplicateDays} 天，属于重复报告。如诊断或信息有变化，请打开该卡进行订正，不要另填新卡`,
      409,
      { field: 'icd10', cardId: other.id },
    );
  }
}
