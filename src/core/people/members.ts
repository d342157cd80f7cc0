import type { Db } from '../db/connection.ts';
import type { Sex } from '../db/schema.ts';
import { AppError, conflict, invalid } from '../errors.ts';
import { isRealDate, todayInShanghai } from '../dates.ts';
import { reconcileIdentity } from './resident-id.ts';
import { RELATION_NAMES } from './relations.ts';

export interface MemberInput {
  name: string;
  idNumber?: string | null | undefined;
  sex?: Sex | null | undefined;
  birthDate?: string | null | undefined;
  relation: string;
  phone?: string | null | undefined;
  ethnicity?: string | null | undefined;
}

export interface PreparedMember {
  name: string;
  idNumber: string | null;
  sex: Sex;
  birthDate: string;
  relation: string;
  phone: string | null;
  ethnicity: string | null;
  field: string; // 'members.2.' or '': where this member's fields sit in the request
  label: string; // '第 3 位成员「张三」' for messages
}

/** Says which member a message is about when a household brings several. */
function aboutMember(error: unknown, label: string): unknown {
  if (!(error instanceof AppError) || !label) return error;
  return new AppError(error.code, `${label}：${error.message}`, error.status, error.details);
}

/**
 * Checks one member as typed: name, relation code, and the ID reconciled with sex and birth date
 * (a newborn without an ID must have both typed). `field` prefixes the field names in errors.
 */
export function prepareMember(input: MemberInput, field = '', label = ''): PreparedMember {
  try {
    const name = input.name.trim();
    if (!name) throw invalid(`${field}name`, '姓名不能为空');
    if (!(input.relation in RELATION_NAMES)) throw invalid(`${field}relation`, `与户主关系「${input.relation}」不在代码表中`);
    const identity = reconcileIdentity(input, field);
    if (!identity.idNumber && (!isRealDate(identity.birthDate) || identity.birthDate > todayInShanghai())) {
      throw invalid(`${field}birthDate`, `出生日期 ${identity.birthDate} 无效或晚于今天`);
    }
    return {
      name,
      ...identity,
      relation: input.relation,
      phone: input.phone?.trim() || null,
      ethnicity: input.ethnicity?.trim() || null,
      field,
      label,
    };
  } catch (error) {
    throw aboutMember(error, label);
  }
}

/**
 * Refuses an ID typed twice in one request or already registered. A registered person who already
 * belongs to a household is named as such, since the fix differs (迁出 first). `exceptPersonId` lets a
 * person keep their own number on update.
 */
export async function checkIdNumbersFree(trx: Db, members: PreparedMember[], exceptPersonId?: number): Promise<void> {
  const seen = new Map<string, PreparedMember>();
  for (const m of members) {
    if (!m.idNumber) continue;
    const first = seen.get(m.idNumber);
    if (first) throw invalid(`${m.field}idNumber`, `${m.label}：身份证号 ${m.idNumber} 与${first.label}重复`, 'duplicate_id_number');
    seen.set(m.idNumber, m);
  }
  if (seen.size === 0) return;
  let query = trx.selectFrom('person').select(['id', 'id_number', 'household_id']).where('id_number', 'in', [...seen.keys()]);
  if (exceptPersonId) query = query.where('id', '!=', exceptPersonId);
  const existing = await query.execute();
  for (const m of members) {
    const found = existing.find((p) => p.id_number === m.idNumber);
    if (!found) continue;
    const who = m.label ? `${m.label}：` : '';
    // The message never names the other person or their village: they may be outside the caller's scope.
    if (found.household_id !== null) {
      throw conflict('person_in_other_household', `${who}身份证号 ${m.idNumber} 的人员已是其他户的成员，须先在原户办理迁出`, `${m.field}idNumber`);
    }
    throw conflict('duplicate_id_number', `${who}身份证号 ${m.idNumber} 已登记，同一人不能重复登记`, `${m.field}idNumber`);
  }
}

/** Inserts prepared members into a household, returning their ids in order. */
export async function insertMembers(trx: Db, householdId: number, members: PreparedMember[]): Promise<number[]> {
  const rows = await trx
    .insertInto('person')
    .values(
      members.map((m) => ({
        household_id: householdId,
        relation: m.relation,
        name: m.name,
        id_number: m.idNumber,
        sex: m.sex,
        birth_date: m.birthDate,
        ethnicity: m.ethnicity,
        phone: m.phone,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** What the audit log keeps of a member. */
export const memberAudit = (m: PreparedMember, id: number) => ({
  id,
  name: m.name,
  idNumber: m.idNumber,
  sex: m.sex,
  birthDate: m.birthDate,
  relation: m.relation,
  phone: m.phone,
  ethnicity: m.ethnicity,
});
