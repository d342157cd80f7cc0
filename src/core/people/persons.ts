import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { PersonStatus, Sex } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { prefixPattern } from '../db/like.ts';
import { isRealDate, todayInShanghai } from '../dates.ts';
import { invalid, notFound } from '../errors.ts';
import { pageRequest, type Page, type PageRequest } from '../list-page.ts';
import { checkIdNumbersFree, prepareMember } from './members.ts';
import { PERSON_STATUS_NAMES, RELATION_NAMES } from './relations.ts';
import { COUNT_CAP, NAME_COUNT_CAP, listAreaIds, listTotal, idNumberQuery, personSummaryColumns, scopedPersons, toPersonSummary, type PersonSummary } from './person-query.ts';
import { getHousehold, type HouseholdDetail } from './households.ts';

export interface PersonFilter {
  q?: string | undefined; // a whole resident ID (15 or 18 characters) or the start of a name
  areaId?: number | undefined; // within scope; includes the areas below it
  status?: PersonStatus | undefined;
}

/**
 * The scoped, filtered and ordered person list behind search and export. A whole ID matches exactly;
 * other text is a name prefix (served by the text_pattern_ops index). Without a name the list runs
 * household by household.
 */
export async function personListQuery(db: Db, actor: Actor, filter: PersonFilter) {
  const areaIds = await listAreaIds(db, actor, filter.areaId);
  // The matching persons on their own, which is all the count needs: the scope is the person's copy
  // of their household's village, so neither household nor area is joined to decide who is in it.
  let query = db.selectFrom('person');
  query = areaIds ? query.where('person.area_id', 'in', areaIds) : query.where('person.area_id', 'is not', null);
  if (filter.status) query = query.where('person.status', '=', filter.status);
  const q = filter.q?.trim();
  const idNumber = q ? idNumberQuery(q) : null;
  if (idNumber) query = query.where('person.id_number', '=', idNumber);
  else if (q) query = query.where('person.name', 'like', prefixPattern(q));
  const listed = query
    .innerJoin('household', 'household.id', 'person.household_id')
    .innerJoin('area', 'area.id', 'person.area_id')
    .select(personSummaryColumns);
  // Both orders follow an index, so a page is found without sorting the whole scope: names along
  // (area_id, name text_pattern_ops, id) or the county-wide name index (hence the ~<~ operator),
  // otherwise village by village, household by household.
  const byName = Boolean(q && !idNumber);
  const ordered = byName
    ? listed.orderBy(sql`person.name using ~<~`).orderBy('person.id')
    : listed.orderBy('household.area_id').orderBy('household.household_no').orderBy('person.id');
  return { query, ordered, countCap: byName ? NAME_COUNT_CAP : COUNT_CAP };
}

export async function searchPersons(
  db: Db,
  actor: Actor,
  filter: PersonFilter & Partial<PageRequest> = {},
): Promise<Page<PersonSummary> & { totalCapped: boolean }> {
  requirePermission(actor, 'people.read');
  const { page, pageSize, offset } = pageRequest(filter);
  const { query, ordered, countCap } = await personListQuery(db, actor, filter);
  const rows = await ordered.limit(pageSize).offset(offset).execute();
  const count = await listTotal(db, query, countCap, { offset, pageSize }, rows.length);
  return { items: rows.map(toPersonSummary), ...count, page, pageSize };
}

/** A person the actor may see, for other modules (enrolment, follow-ups) to check a personId against. */
export async function findPersonInScope(db: Db, actor: Actor, id: number): Promise<PersonSummary> {
  const row = await scopedPersons(db, actor).select(personSummaryColumns).where('person.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('人员');
  return toPersonSummary(row);
}

/**
 * A person anywhere in the county, by id or resident ID number (18 characters or the old 15 digits), with their
 * village's code and path; null when there is none. No area scope, on purpose: a designated hospital treats and
 * settles for residents of every village (NCMS settlement at discharge). Callers check their own permission first.
 */
export async function findPersonAnywhere(db: Db, key: { id: number } | { idNumber: string }): Promise<(PersonSummary & { areaCode: string; areaPath: string }) | null> {
  let query = unscopedPersons(db).select(['area.code as area_code', 'area.path as area_path']);
  if ('id' in key) query = query.where('person.id', '=', key.id);
  else {
    const idNumber = idNumberQuery(key.idNumber);
    if (!idNumber) return null;
    query = query.where('person.id_number', '=', idNumber);
  }
  const row = await query.executeTakeFirst();
  return row ? { ...toPersonSummary(row), areaCode: row.area_code, areaPath: row.area_path } : null;
}

export interface PersonDetail extends PersonSummary {
  phone: string | null;
  ethnicity: string | null;
  household: Pick<HouseholdDetail, 'id' | 'householdNo' | 'address' | 'members'>;
}

export async function getPerson(db: Db, actor: Actor, id: number): Promise<PersonDetail> {
  requirePermission(actor, 'people.read');
  const row = await scopedPersons(db, actor)
    .select([...personSummaryColumns, 'person.phone', 'person.ethnicity'])
    .where('person.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('人员');
  const household = await getHousehold(db, actor, row.household_id!);
  return {
    ...toPersonSummary(row),
    phone: row.phone,
    ethnicity: row.ethnicity,
    household: { id: household.id, householdNo: household.householdNo, address: household.address, members: household.members },
  };
}

/** Loads and locks a person inside the actor's scope for a write. */
async function lockPerson(trx: Db, actor: Actor, id: number) {
  const row = await scopedPersons(trx, actor)
    .selectAll('person')
    .select(['household.area_id', 'household.head_person_id'])
    .where('person.id', '=', id)
    .forUpdate('person')
    .executeTakeFirst();
  if (!row) throw notFound('人员');
  return row;
}

export interface PersonPatch {
  name?: string | undefined;
  idNumber?: string | undefined;
  sex?: Sex | undefined;
  birthDate?: string | undefined;
  relation?: string | undefined;
  phone?: string | null | undefined;
  ethnicity?: string | null | undefined;
}

/**
 * Corrects a person's details or gives a newborn their ID. The ID, sex and birth date are checked
 * together as they will stand after the change, so a new ID must agree with the recorded birth date
 * unless the same request corrects it.
 */
export async function updatePerson(db: Db, actor: Actor, id: number, patch: PersonPatch): Promise<void> {
  requirePermission(actor, 'people.write');
  await inTransaction(db, async (trx) => {
    const current = await lockPerson(trx, actor, id);
    if (patch.idNumber !== undefined && !patch.idNumber.trim() && current.id_number) {
      throw invalid('idNumber', '已登记的身份证号不能清空；如有错误，请改为正确的号码');
    }
    const next = prepareMember({
      name: patch.name ?? current.name,
      idNumber: patch.idNumber ?? current.id_number,
      sex: patch.sex ?? current.sex,
      birthDate: patch.birthDate ?? current.birth_date,
      relation: patch.relation ?? current.relation ?? 'other',
      phone: patch.phone === undefined ? current.phone : patch.phone,
      ethnicity: patch.ethnicity === undefined ? current.ethnicity : patch.ethnicity,
    });
    const isHead = current.head_person_id === id;
    if (patch.relation !== undefined && (patch.relation === 'head') !== isHead) {
      throw invalid('relation', isHead ? '户主的与户主关系只能是「户主」' : `本户已有户主，与户主关系不能改为「${RELATION_NAMES.head}」`);
    }
    if (next.idNumber !== current.id_number) await checkIdNumbersFree(trx, [next], id);
    const after = {
      name: next.name,
      id_number: next.idNumber,
      sex: next.sex,
      birth_date: next.birthDate,
      relation: patch.relation === undefined ? current.relation : next.relation,
      phone: next.phone,
      ethnicity: next.ethnicity,
    };
    const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => current[k as keyof typeof after] !== v));
    if (Object.keys(changed).length === 0) return;
    if (current.status !== 'alive' && changed.birth_date && current.status_date! < next.birthDate) {
      throw invalid('birthDate', `出生日期不能晚于${PERSON_STATUS_NAMES[current.status]}日期 ${current.status_date}`);
    }
    await trx.updateTable('person').set({ ...changed, updated_at: sql`now()` }).where('id', '=', id).execute();
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof typeof after]]));
    await recordAudit(trx, actor, { action: 'update', entity: 'person', entityId: id, areaId: current.area_id, before, after: changed });
  });
}

/**
 * Records a death or a move away (with its date: not before birth, not after today), or puts a
 * person back to living here (which clears the date).
 */
export async function setPersonStatus(db: Db, actor: Actor, id: number, change: { status: PersonStatus; date?: string | null | undefined }): Promise<void> {
  requirePermission(actor, 'people.write');
  const date = change.status === 'alive' ? null : (change.date ?? null);
  if (change.status !== 'alive') {
    const label = PERSON_STATUS_NAMES[change.status];
    if (!date || !isRealDate(date)) throw invalid('date', `请填写有效的${label}日期（YYYY-MM-DD）`);
    if (date > todayInShanghai()) throw invalid('date', `${label}日期 ${date} 不能晚于今天`);
  }
  await inTransaction(db, async (trx) => {
    const current = await lockPerson(trx, actor, id);
    if (date && date < current.birth_date) {
      throw invalid('date', `${PERSON_STATUS_NAMES[change.status]}日期 ${date} 不能早于出生日期 ${current.birth_date}`);
    }
    if (current.status === change.status && current.status_date === date) return;
    await trx.updateTable('person').set({ status: change.status, status_date: date, updated_at: sql`now()` }).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'status',
      entity: 'person',
      entityId: id,
      areaId: current.area_id,
      before: { status: current.status, statusDate: current.status_date },
      after: { status: change.status, statusDate: date },
    });
  });
}

function unscopedPersons(db: Db) {
  return db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .innerJoin('area', 'area.id', 'household.area_id')
    .select(personSummaryColumns);
}

/**
 * Persons by id whatever the caller's scope, for a module that scopes its own records of them: a migrant child
 * (流动儿童) is managed where it lives, not where its household is registered. The caller checks its own scope first.
 */
export async function personsByIds(db: Db, ids: readonly number[]): Promise<Map<number, PersonSummary>> {
  const found = new Map<number, PersonSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await unscopedPersons(db).where('person.id', 'in', unique.slice(i, i + 1000)).execute();
    for (const row of rows) found.set(row.id, toPersonSummary(row));
  }
  return found;
}

/**
 * The households in the actor's scope with a member born in a range (inclusive), in id order: for bulk work on an age
 * group (children under 7 for the immunization demo) that then reads those households with `householdsByIds`,
 * instead of every household of the county. One query on the person table's scope copy of the area.
 */
export async function householdIdsWithMembersBorn(db: Db, actor: Actor, range: { from: string; to: string }): Promise<number[]> {
  requirePermission(actor, 'people.read');
  const areaIds = await listAreaIds(db, actor);
  let query = db.selectFrom('person').select('person.household_id').distinct().where('person.birth_date', '>=', range.from).where('person.birth_date', '<=', range.to);
  query = areaIds ? query.where('person.area_id', 'in', areaIds) : query.where('person.area_id', 'is not', null);
  return (await query.orderBy('person.household_id').execute()).flatMap((r) => (r.household_id === null ? [] : [r.household_id]));
}
