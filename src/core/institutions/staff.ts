import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Sex } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { pathInScope, requirePermission, type Actor } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseResidentId } from '../people/resident-id.ts';
import { isQualification, isStaffRole, QUALIFICATIONS, STAFF_ROLES } from './catalog.ts';
import { checkPhone, requireText } from './institution-rules.ts';

export interface StaffMember {
  id: number;
  name: string;
  sex: Sex | null;
  /** Withheld (null) when the institution lies outside the caller's area. */
  idNumber: string | null;
  role: string;
  roleName: string;
  qualification: string | null;
  qualificationName: string | null;
  /** Withheld (null) when the institution lies outside the caller's area. */
  phone: string | null;
  active: boolean;
}

export interface StaffFields {
  name: string;
  sex?: Sex | null | undefined;
  idNumber?: string | null | undefined;
  role: string;
  qualification?: string | null | undefined;
  phone?: string | null | undefined;
}

export type StaffPatch = Partial<StaffFields> & { active?: boolean | undefined; institutionId?: number | undefined };

const memberColumns = ['staff.id', 'staff.name', 'staff.sex', 'staff.id_number', 'staff.role', 'staff.qualification', 'staff.phone', 'staff.active'] as const;
type MemberRow = { id: number; name: string; sex: Sex | null; id_number: string | null; role: string; qualification: string | null; phone: string | null; active: boolean };

function toMember({ id_number, phone, ...row }: MemberRow, personal: boolean): StaffMember {
  return {
    ...row,
    idNumber: personal ? id_number : null,
    phone: personal ? phone : null,
    roleName: isStaffRole(row.role) ? STAFF_ROLES[row.role] : row.role,
    qualificationName: row.qualification && isQualification(row.qualification) ? QUALIFICATIONS[row.qualification] : null,
  };
}

/** The staff of one institution, active first; personal details only when `personal` (the caller's own area). */
export async function staffOf(db: Db, institutionId: number, personal: boolean): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('staff')
    .select(memberColumns)
    .where('institution_id', '=', institutionId)
    .orderBy('active', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => toMember(row, personal));
}

/** One staff member as the directory shows them to this caller. */
export async function getStaffMember(db: Db, actor: Actor, staffId: number): Promise<StaffMember> {
  requirePermission(actor, 'institutions.read');
  const row = await db
    .selectFrom('staff')
    .innerJoin('institution', 'institution.id', 'staff.institution_id')
    .innerJoin('area', 'area.id', 'institution.area_id')
    .select([...memberColumns, 'area.path'])
    .where('staff.id', '=', staffId)
    .executeTakeFirst();
  if (!row) throw notFound('人员');
  const { path, ...member } = row;
  return toMember(member, pathInScope(actor.scope, path));
}

export async function addStaff(db: Db, actor: Actor, institutionId: number, input: StaffFields): Promise<number> {
  requirePermission(actor, 'institutions.write');
  return inTransaction(db, async (trx) => {
    const areaId = await institutionArea(trx, actor, institutionId);
    const fields = checkStaff(input);
    await refuseDuplicate(trx, institutionId, fields.id_number);
    const { id } = await trx
      .insertInto('staff')
      .values({ institution_id: institutionId, ...fields })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', entity: 'staff', entityId: id, areaId, after: { institution_id: institutionId, ...fields } });
    return id;
  });
}

/** Changes a staff member; `institutionId` moves them to another institution (调动). */
export async function updateStaff(db: Db, actor: Actor, staffId: number, patch: StaffPatch): Promise<void> {
  requirePermission(actor, 'institutions.write');
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('staff')
      .select(['institution_id', 'name', 'sex', 'id_number', 'role', 'qualification', 'phone', 'active'])
      .where('id', '=', staffId)
      .where('institution_id', 'in', (eb) => eb.selectFrom('institution').select('id').where('area_id', 'in', areaIdsIn(eb, actor.scope)))
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('人员');
    const institutionId = patch.institutionId ?? before.institution_id;
    const areaId = await institutionArea(trx, actor, institutionId, 'institutionId');
    const fields = checkStaff({
      name: patch.name ?? before.name,
      role: patch.role ?? before.role,
      // An explicit null clears the value; a missing key keeps it.
      sex: patch.sex !== undefined ? patch.sex : before.sex,
      idNumber: patch.idNumber !== undefined ? patch.idNumber : before.id_number,
      qualification: patch.qualification !== undefined ? patch.qualification : before.qualification,
      phone: patch.phone !== undefined ? patch.phone : before.phone,
    });
    await refuseDuplicate(trx, institutionId, fields.id_number, staffId);
    const after = { institution_id: institutionId, ...fields, active: patch.active ?? before.active };
    await trx
      .updateTable('staff')
      .set({ ...after, updated_at: sql`now()` })
      .where('id', '=', staffId)
      .execute();
    await recordAudit(trx, actor, { action: 'update', entity: 'staff', entityId: staffId, areaId, before, after });
  });
}

/** The area of an institution the actor may write to; a missing one reads as not found, or as a bad field when named. */
async function institutionArea(trx: Db, actor: Actor, institutionId: number, field?: string): Promise<number> {
  const row = await trx
    .selectFrom('institution')
    .select('area_id')
    .where('id', '=', institutionId)
    .where('area_id', 'in', areaIdsIn(trx, actor.scope))
    .executeTakeFirst();
  if (row) return row.area_id;
  if (field) throw invalid(field, `机构（编号 ${institutionId}）不存在或不在您的管辖范围内`, 'unknown_institution');
  throw notFound('机构');
}

function checkStaff(input: StaffFields) {
  const name = requireText(input.name, 'name', '姓名');
  if (!isStaffRole(input.role)) {
    throw invalid('role', `未知的人员类别「${input.role}」，可选：${Object.values(STAFF_ROLES).join('、')}`, 'unknown_staff_role');
  }
  const qualification = input.qualification || null;
  if (qualification && !isQualification(qualification)) {
    throw invalid('qualification', `未知的执业资格「${qualification}」，可选：${Object.values(QUALIFICATIONS).join('、')}`, 'unknown_qualification');
  }
  let sex = input.sex ?? null;
  let idNumber: string | null = null;
  if (input.idNumber?.trim()) {
    const id = parseResidentId(input.idNumber, 'idNumber');
    if (sex && sex !== id.sex) {
      throw invalid('sex', `性别「${sex === 'M' ? '男' : '女'}」与身份证号（${id.sex === 'M' ? '男' : '女'}）不一致`, 'sex_mismatch');
    }
    sex = id.sex;
    idNumber = id.idNumber;
  }
  return { name, sex, id_number: idNumber, role: input.role, qualification, phone: checkPhone(input.phone) };
}

/** One person is listed once per institution (they may still practise at several). */
async function refuseDuplicate(trx: Db, institutionId: number, idNumber: string | null, selfId?: number): Promise<void> {
  if (!idNumber) return;
  const other = await trx
    .selectFrom('staff')
    .select('name')
    .where('institution_id', '=', institutionId)
    .where('id_number', '=', idNumber)
    .$if(selfId !== undefined, (q) => q.where('id', '<>', selfId!))
    .executeTakeFirst();
  if (other) throw conflict('duplicate_staff', `身份证号 ${idNumber} 已登记在本机构（${other.name}）`, 'idNumber');
}
