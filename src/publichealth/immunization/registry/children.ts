/**
 * Children under management (儿童预防接种管理): registration from a person of the people module, certificate issue,
 * guardian and condition changes, moves and deaths. A child is scoped by the area it LIVES in (imm_child.area_id), so a
 * migrant child (流动儿童) is managed and counted by the clinic of its living place, not of its household registration.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, pathInScope, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { isUniqueViolation } from '../../../core/db/unique-violation.ts';
import { isRealDate, todayInShanghai } from '../../../core/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../../core/errors.ts';
import { getArea } from '../../../core/areas/areas.ts';
import { checkPhone, requireText } from '../../../core/institutions/institution-rules.ts';
import { findPersonAnywhere, findPersonInScope, personsByIds } from '../../../core/people/persons.ts';
import { idNumberQuery, type PersonSummary } from '../../../core/people/person-query.ts';
import { addDuration, formatDuration, parseDay } from '../calendar.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { CHILD_CONDITIONS, type ChildCondition } from '../schedules/schema.ts';
import type { ChildResidence, ChildStatus } from '../db/schema.ts';
import { childInScope, clinicIdOf, clinicInScope } from './access.ts';
import { allocateCertificateNo, certificatePrefix } from './certificate-no.ts';

export interface NewChild {
  /** A person in the caller's scope (a newborn registered by the people module)… */
  personId?: number | undefined;
  /** …or a whole resident ID: a migrant child whose household is registered outside the caller's scope. */
  idNumber?: string | undefined;
  /** The immunization clinic responsible; by default the user's own institution. */
  clinicId?: number | undefined;
  /** The village or community the child lives in now. */
  areaId: number;
  address?: string | undefined;
  guardianName: string;
  guardianPhone?: string | null | undefined;
  conditions?: ChildCondition[] | undefined;
  /** Issue the certificate (接种证) at once. */
  issueCertificate?: boolean | undefined;
}

export interface ChildPatch {
  clinicId?: number | undefined;
  areaId?: number | undefined;
  address?: string | undefined;
  guardianName?: string | undefined;
  guardianPhone?: string | null | undefined;
  conditions?: ChildCondition[] | undefined;
}

export const RESIDENCE_NAMES: Record<ChildResidence, string> = { local: '本地', migrant_in: '流入（流动儿童）' };
export const CHILD_STATUS_NAMES: Record<ChildStatus, string> = { active: '在管', moved_away: '迁出', dead: '死亡' };
export const CONDITION_NAMES: Record<ChildCondition, string> = {
  mother_hbsag_positive: '母亲乙肝表面抗原阳性',
  birth_weight_under_2000g: '出生体重低于 2000 克',
};

/** Children are managed until the schedule's catch-up limit (补种至 18 岁), as the schedule in force says. */
const MANAGED_BEFORE = NIP_SCHEDULES.versions.at(-1)!.catchUpBefore;

function checkConditions(conditions: readonly string[] | undefined): ChildCondition[] {
  const list = [...new Set(conditions ?? [])];
  const unknown = list.find((c) => !(CHILD_CONDITIONS as readonly string[]).includes(c));
  if (unknown) throw invalid('conditions', `未知的儿童情况「${unknown}」，可选：${CHILD_CONDITIONS.map((c) => `${c}（${CONDITION_NAMES[c]}）`).join('、')}`);
  return list as ChildCondition[];
}

/** The living area: a village or community inside the caller's scope that the clinic serves. */
async function livingArea(db: Db, actor: Actor, areaId: number, clinic: { name: string; areaPath: string }) {
  let area;
  try {
    area = await getArea(db, actor, areaId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', '居住地区划不存在或不在您的管辖范围内', 404, { field: 'areaId' });
    throw e;
  }
  if (!pathInScope(actor.scope, area.path)) throw new AppError('not_found', '居住地区划不存在或不在您的管辖范围内', 404, { field: 'areaId' });
  if (area.level !== 'village') throw invalid('areaId', `居住地应选到村或社区，「${area.name}」是${area.level === 'township' ? '乡镇/街道' : '县'}`);
  if (area.validTo) throw invalid('areaId', `「${area.name}」已于 ${area.validTo} 撤销，请选择现在的村或社区`);
  if (!area.path.startsWith(clinic.areaPath)) throw invalid('areaId', `「${area.name}」不在「${clinic.name}」的服务范围内`);
  return area;
}

/** '/1/4/27/' → '/1/4/': the township above a village. */
const townshipPath = (villagePath: string) => `/${villagePath.split('/').filter(Boolean).slice(0, 2).join('/')}/`;

/** local when the household is registered in the township the child lives in; otherwise a migrant (流入). */
async function residenceOf(db: Db, actor: Actor, person: PersonSummary, livingPath: string): Promise<ChildResidence> {
  const township = { areaId: null, path: townshipPath(livingPath) };
  try {
    await findPersonInScope(db, { ...actor, scope: township }, person.id);
    return 'local';
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return 'migrant_in';
    throw e;
  }
}

async function findPerson(db: Db, actor: Actor, input: NewChild): Promise<PersonSummary> {
  if (input.personId !== undefined) {
    try {
      return await findPersonInScope(db, actor, input.personId);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') {
        throw new AppError('not_found', '人员不存在或不在您的管辖范围内；流动儿童请按身份证号登记', 404, { field: 'personId' });
      }
      throw e;
    }
  }
  if (!input.idNumber) throw invalid('personId', '请选择儿童（人员）或填写其身份证号');
  requirePermission(actor, 'people.read');
  if (!idNumberQuery(input.idNumber)) throw invalid('idNumber', `身份证号「${input.idNumber}」应为 18 位（或 15 位）号码`);
  // A whole ID only, anywhere in the county: the clinic reads it off the birth certificate; nobody can be browsed.
  const person = await findPersonAnywhere(db, { idNumber: input.idNumber });
  if (!person) throw new AppError('not_found', `人口信息中没有身份证号为 ${input.idNumber.trim()} 的人员，请先登记户籍或流动人口信息`, 404, { field: 'idNumber' });
  return person;
}

function checkChildPerson(person: PersonSummary, today: string): void {
  if (person.status !== 'alive') {
    throw invalid('personId', `「${person.name}」在人口信息中已登记为${person.status === 'deceased' ? '死亡' : '迁出'}（${person.statusDate}），不能登记为接种儿童`);
  }
  const birth = parseDay(person.birthDate)!;
  if (parseDay(today)! >= addDuration(birth, MANAGED_BEFORE)) {
    throw invalid('personId', `「${person.name}」（${person.birthDate} 出生）已满${formatDuration(MANAGED_BEFORE)}，不再纳入儿童预防接种管理`);
  }
}

/** Registers a child under management, or takes back one that moved away from another clinic (迁入). */
export async function registerChild(db: Db, actor: Actor, input: NewChild): Promise<number> {
  requirePermission(actor, 'immunization.write');
  const guardianName = requireText(input.guardianName, 'guardianName', '监护人姓名');
  const guardianPhone = checkPhone(input.guardianPhone, 'guardianPhone');
  const conditions = checkConditions(input.conditions);
  const today = todayInShanghai();
  return inTransaction(db, async (trx) => {
    const clinic = await clinicInScope(trx, actor, clinicIdOf(actor, input.clinicId, 'clinicId'), 'clinicId');
    const area = await livingArea(trx, actor, input.areaId, clinic);
    const person = await findPerson(trx, actor, input);
    checkChildPerson(person, today);
    const residence = await residenceOf(trx, actor, person, area.path);
    const values = {
      clinic_id: clinic.id,
      area_id: area.id,
      address: input.address?.trim() ?? '',
      residence,
      guardian_name: guardianName,
      guardian_phone: guardianPhone,
      conditions,
    };

    const existing = await trx.selectFrom('imm_child').selectAll().where('person_id', '=', person.id).forUpdate().executeTakeFirst();
    let id: number;
    if (existing) {
      if (existing.status === 'dead') throw conflict('child_dead', `「${person.name}」的接种档案已登记死亡（${existing.status_date}）`, 'personId');
      if (existing.status === 'active') {
        const where = (await childVisible(trx, actor, existing.id)) ? `（接种档案编号 ${existing.id}）` : '，由其他接种单位管理；请原单位先登记迁出';
        throw conflict('already_registered', `「${person.name}」已登记为接种儿童${where}`, 'personId');
      }
      // Moved away from another clinic and now lives here: the one record follows the child, doses and certificate kept.
      await trx.updateTable('imm_child').set({ ...values, status: 'active', status_date: null, updated_at: sql`now()` }).where('id', '=', existing.id).execute();
      id = existing.id;
      await recordAudit(trx, actor, {
        action: 'transfer_in',
        entity: 'imm_child',
        entityId: id,
        areaId: area.id,
        before: { clinicId: existing.clinic_id, areaId: existing.area_id, status: existing.status, statusDate: existing.status_date },
        after: values,
      });
    } else {
      const row = await trx
        .insertInto('imm_child')
        .values({ ...values, person_id: person.id, registered_by: actor.userId, registered_by_name: actor.name })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) throw conflict('already_registered', `「${person.name}」刚刚已由他人登记为接种儿童（同时提交），请刷新后核对`, 'personId');
          throw e;
        });
      id = row.id;
      await recordAudit(trx, actor, { action: 'create', entity: 'imm_child', entityId: id, areaId: area.id, after: { personId: person.id, ...values } });
    }
    if (input.issueCertificate) await issueCertificate(trx, actor, id);
    return id;
  });
}

async function childVisible(db: Db, actor: Actor, id: number): Promise<boolean> {
  try {
    await childInScope(db, actor, id);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return false;
    throw e;
  }
}

/** Issues the certificate (接种证) with the next number of the clinic's township and year; once per child. */
export async function issueCertificate(db: Db, actor: Actor, childId: number, issuedOn: string = todayInShanghai()): Promise<string> {
  requirePermission(actor, 'immunization.write');
  if (!isRealDate(issuedOn)) throw invalid('issuedOn', `发证日期「${issuedOn}」无效，应为 YYYY-MM-DD`);
  if (issuedOn > todayInShanghai()) throw invalid('issuedOn', `发证日期 ${issuedOn} 不能晚于今天`);
  return inTransaction(db, async (trx) => {
    const child = await childInScope(trx, actor, childId, { forUpdate: true });
    if (child.certificate_no) throw conflict('certificate_issued', `该儿童已于 ${child.certificate_issued_on} 发证，接种证号 ${child.certificate_no}`, 'childId');
    if (child.status !== 'active') throw invalid('childId', `该儿童已${CHILD_STATUS_NAMES[child.status]}，不能发证`);
    const clinic = await clinicInScope(trx, actor, child.clinic_id, 'clinicId');
    const clinicArea = await getArea(trx, actor, clinic.areaId);
    const no = await allocateCertificateNo(trx, certificatePrefix(clinicArea.code), Number(issuedOn.slice(0, 4)));
    await trx.updateTable('imm_child').set({ certificate_no: no, certificate_issued_on: issuedOn, updated_at: sql`now()` }).where('id', '=', childId).execute();
    await recordAudit(trx, actor, { action: 'issue_certificate', entity: 'imm_child', entityId: childId, areaId: child.area_id, after: { certificateNo: no, issuedOn } });
    return no;
  });
}

/** Corrects the guardian, conditions, clinic or living place (a move within the caller's scope). */
export async function updateChild(db: Db, actor: Actor, childId: number, patch: ChildPatch): Promise<void> {
  requirePermission(actor, 'immunization.write');
  await inTransaction(db, async (trx) => {
    const child = await childInScope(trx, actor, childId, { forUpdate: true });
    const changes: Record<string, unknown> = {};
    if (patch.guardianName !== undefined) changes.guardian_name = requireText(patch.guardianName, 'guardianName', '监护人姓名');
    if (patch.guardianPhone !== undefined) changes.guardian_phone = checkPhone(patch.guardianPhone, 'guardianPhone');
    if (patch.address !== undefined) changes.address = patch.address.trim();
    if (patch.conditions !== undefined) changes.conditions = checkConditions(patch.conditions);
    if (patch.clinicId !== undefined || patch.areaId !== undefined) {
      const clinic = await clinicInScope(trx, actor, patch.clinicId ?? child.clinic_id, 'clinicId');
      const area = await livingArea(trx, actor, patch.areaId ?? child.area_id, clinic);
      changes.clinic_id = clinic.id;
      changes.area_id = area.id;
      changes.residence = await residenceOf(trx, actor, await personOf(trx, child.person_id), area.path);
    }
    const current = child as unknown as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(changes).filter(([k, v]) => JSON.stringify(current[k]) !== JSON.stringify(v)));
    if (Object.keys(changed).length === 0) return;
    await trx.updateTable('imm_child').set({ ...changed, updated_at: sql`now()` }).where('id', '=', childId).execute();
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, current[k]]));
    await recordAudit(trx, actor, { action: 'update', entity: 'imm_child', entityId: childId, areaId: (changed.area_id as number) ?? child.area_id, before, after: changed });
  });
}

/** The child's person record, read whatever the caller's scope (the child itself was checked in scope). */
export async function personOf(db: Db, personId: number): Promise<PersonSummary> {
  const person = (await personsByIds(db, [personId])).get(personId);
  if (!person) throw notFound('人员');
  return person;
}

/**
 * Records that a child moved away (迁出: another clinic may then take the record over) or died, with the date; or
 * puts the child back under management (active), which clears it.
 */
export async function setChildStatus(db: Db, actor: Actor, childId: number, change: { status: ChildStatus; date?: string | null | undefined }): Promise<void> {
  requirePermission(actor, 'immunization.write');
  const date = change.status === 'active' ? null : (change.date ?? null);
  if (change.status !== 'active') {
    const label = CHILD_STATUS_NAMES[change.status];
    if (!date || !isRealDate(date)) throw invalid('date', `请填写有效的${label}日期（YYYY-MM-DD）`);
    if (date > todayInShanghai()) throw invalid('date', `${label}日期 ${date} 不能晚于今天`);
  }
  await inTransaction(db, async (trx) => {
    const child = await childInScope(trx, actor, childId, { forUpdate: true });
    const person = await personOf(trx, child.person_id);
    if (date && date < person.birthDate) throw invalid('date', `${CHILD_STATUS_NAMES[change.status]}日期 ${date} 不能早于出生日期 ${person.birthDate}`);
    if (child.status === change.status && child.status_date === date) return;
    await trx.updateTable('imm_child').set({ status: change.status, status_date: date, updated_at: sql`now()` }).where('id', '=', childId).execute();
    await recordAudit(trx, actor, {
      action: 'status',
      entity: 'imm_child',
      entityId: childId,
      areaId: child.area_id,
      before: { status: child.status, statusDate: child.status_date },
      after: { status: change.status, statusDate: date },
    });
  });
}
