import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePermission, pathInScope } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { prefixPattern } from '../db/like.ts';
import { invalid, notFound } from '../errors.ts';
import { pageRequest, type Page, type PageRequest } from '../list-page.ts';
import { checkIdNumbersFree, insertMembers, memberAudit, prepareMember, type MemberInput } from './members.ts';
import { COUNT_CAP, NAME_COUNT_CAP, listAreaIds, listTotal, idNumberQuery, personSummaryColumns, scopedPersons, toPersonSummary, type PersonSummary } from './person-query.ts';

export interface HouseholdSummary {
  id: number;
  householdNo: string;
  areaId: number;
  areaName: string;
  address: string;
  phone: string | null;
  headName: string | null;
  headIdNumber: string | null;
  memberCount: number;
}

export interface HouseholdDetail extends HouseholdSummary {
  members: PersonSummary[];
}

export const MAX_MEMBERS = 30;

/** Households with their area, head and member count, as lists and details show them. */
function householdSummaries(db: Db) {
  return db
    .selectFrom('household')
    .innerJoin('area', 'area.id', 'household.area_id')
    .leftJoin('person as head', 'head.id', 'household.head_person_id')
    .select((eb) => [
      'household.id',
      'household.household_no',
      'household.area_id',
      'area.name as area_name',
      'household.address',
      'household.phone',
      'head.name as head_name',
      'head.id_number as head_id_number',
      // memberCount counts the people living there: the dead and the moved-out stay listed but do not count.
      eb
        .selectFrom('person')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('person.household_id', '=', 'household.id')
        .where('person.status', '=', 'alive')
        .as('member_count'),
    ]);
}

/** Households inside the actor's scope. */
function scopedHouseholds(db: Db, actor: Actor) {
  return householdSummaries(db).where('household.area_id', 'in', areaIdsIn(db, actor.scope));
}

type HouseholdRow = Awaited<ReturnType<ReturnType<typeof householdSummaries>['executeTakeFirstOrThrow']>>;

const toHouseholdSummary = (r: HouseholdRow): HouseholdSummary => ({
  id: r.id,
  householdNo: r.household_no,
  areaId: r.area_id,
  areaName: r.area_name,
  address: r.address,
  phone: r.phone,
  headName: r.head_name,
  headIdNumber: r.head_id_number,
  memberCount: Number(r.member_count ?? 0),
});

export interface HouseholdFilter extends Partial<PageRequest> {
  q?: string | undefined; // a member's full ID, a 户编号, or the head's name prefix
  areaId?: number | undefined;
}

export async function listHouseholds(db: Db, actor: Actor, filter: HouseholdFilter = {}): Promise<Page<HouseholdSummary> & { totalCapped: boolean }> {
  requirePermission(actor, 'people.read');
  const { page, pageSize, offset } = pageRequest(filter);
  const areaIds = await listAreaIds(db, actor, filter.areaId);
  // The matching households on their own (the head is joined only to search by name; otherwise the
  // planner drops the join): the count walks this, and the page is cut from it before the area, head
  // and member count are looked up for just those rows, not for every row the OFFSET skips.
  let query = db.selectFrom('household').leftJoin('person as head', 'head.id', 'household.head_person_id');
  if (areaIds) query = query.where('household.area_id', 'in', areaIds);
  const q = filter.q?.trim();
  let countCap = COUNT_CAP;
  if (q) {
    const idNumber = idNumberQuery(q);
    if (idNumber) {
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('person as m').select('m.id').whereRef('m.household_id', '=', 'household.id').where('m.id_number', '=', idNumber)),
      );
    } else if (/^\d{1,4}$/.test(q)) {
      query = query.where('household.household_no', '=', q.padStart(4, '0'));
    } else {
      query = query.where('head.name', 'like', prefixPattern(q));
      countCap = NAME_COUNT_CAP;
    }
  }
  const inOrder = <T extends { orderBy: (column: 'household.area_id' | 'household.household_no') => T }>(list: T) =>
    list.orderBy('household.area_id').orderBy('household.household_no');
  const pageIds = inOrder(query.select('household.id')).limit(pageSize).offset(offset);
  const rows = await inOrder(householdSummaries(db).where('household.id', 'in', pageIds)).execute();
  const count = await listTotal(db, query, countCap, { offset, pageSize }, rows.length);
  return { items: rows.map(toHouseholdSummary), ...count, page, pageSize };
}

async function householdMembers(db: Db, actor: Actor, householdId: number): Promise<PersonSummary[]> {
  const rows = await scopedPersons(db, actor)
    .select(personSummaryColumns)
    .where('person.household_id', '=', householdId)
    // The head first, then the others in the order they were registered.
    .orderBy(sql`person.id = household.head_person_id`, 'desc')
    .orderBy('person.id')
    .execute();
  return rows.map(toPersonSummary);
}

export async function getHousehold(db: Db, actor: Actor, id: number): Promise<HouseholdDetail> {
  requirePermission(actor, 'people.read');
  const row = await scopedHouseholds(db, actor).where('household.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('户');
  return { ...toHouseholdSummary(row), members: await householdMembers(db, actor, id) };
}

/**
 * Every household of an area (and the areas below it) with its members, head first, unpaged: for documents printed
 * for a whole village (cards, collection lists), a few hundred households. Two queries. 404 outside the scope.
 */
export async function householdsInArea(db: Db, actor: Actor, areaId: number): Promise<HouseholdDetail[]> {
  requirePermission(actor, 'people.read');
  const areaIds = await listAreaIds(db, actor, areaId); // null: the area holds every area there is
  let households = householdSummaries(db);
  let persons = scopedPersons(db, actor).select(personSummaryColumns);
  if (areaIds) {
    households = households.where('household.area_id', 'in', areaIds);
    persons = persons.where('household.area_id', 'in', areaIds);
  }
  return withMembers(households, persons);
}

/**
 * The households with these ids that lie inside the caller's scope, with their members head first (ids outside the
 * scope or unknown are simply absent: the caller says what that means). Two queries per thousand ids, for bulk work
 * such as a roster import that would otherwise read household by household.
 */
export async function householdsByIds(db: Db, actor: Actor, ids: readonly number[]): Promise<HouseholdDetail[]> {
  requirePermission(actor, 'people.read');
  const unique = [...new Set(ids)];
  const found: HouseholdDetail[] = [];
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    found.push(
      ...(await withMembers(
        scopedHouseholds(db, actor).where('household.id', 'in', chunk),
        scopedPersons(db, actor).select(personSummaryColumns).where('person.household_id', 'in', chunk),
      )),
    );
  }
  return found;
}

/** Runs a household query and its persons' query and puts each household's members with it, head first. */
async function withMembers(
  households: ReturnType<typeof householdSummaries>,
  persons: ReturnType<ReturnType<typeof scopedPersons>['select']>,
): Promise<HouseholdDetail[]> {
  const [householdRows, personRows] = await Promise.all([
    households.orderBy('household.area_id').orderBy('household.household_no').execute(),
    persons.orderBy('person.household_id').orderBy(sql`person.id = household.head_person_id`, 'desc').orderBy('person.id').execute(),
  ]);
  const members = new Map<number, PersonSummary[]>();
  for (const row of personRows) {
    const person = toPersonSummary(row);
    const list = members.get(person.householdId);
    if (list) list.push(person);
    else members.set(person.householdId, [person]);
  }
  return householdRows.map((h) => ({ ...toHouseholdSummary(h), members: members.get(h.id) ?? [] }));
}

/**
 * The village or community a household is registered in: it must exist, be current, be a
 * village-level area and lie inside the caller's scope (all four answer alike). Locks the area row,
 * which serialises 户编号 numbering within it.
 */
async function lockHouseholdArea(trx: Db, actor: Actor, areaId: number) {
  const area = await trx.selectFrom('area').select(['id', 'name', 'level', 'path', 'valid_to']).where('id', '=', areaId).forUpdate().executeTakeFirst();
  if (!area || !pathInScope(actor.scope, area.path) || area.valid_to !== null) {
    throw invalid('areaId', '所选区划不存在、已撤销或不在您的管辖范围内', 'unknown_area');
  }
  if (area.level !== 'village') throw invalid('areaId', `户只能登记在村或社区，「${area.name}」不是村（社区）`, 'not_a_village');
  return area;
}

async function nextHouseholdNo(trx: Db, areaId: number): Promise<string> {
  const { max } = await trx
    .selectFrom('household')
    .select((eb) => eb.fn.max('household_no').as('max'))
    .where('area_id', '=', areaId)
    .executeTakeFirstOrThrow();
  const next = Number(max ?? 0) + 1;
  if (next > 9999) throw invalid('areaId', '该村（社区）的户编号已用完（最多 9999 户）');
  return String(next).padStart(4, '0');
}

export interface NewHousehold {
  areaId: number;
  address: string;
  phone?: string | null | undefined;
  members: MemberInput[];
}

/**
 * Registers a household and its members in one transaction: any bad member rolls back everything.
 * The member whose relation is 户主 becomes head; with none, the first member is the head.
 */
export async function createHousehold(db: Db, actor: Actor, input: NewHousehold): Promise<number> {
  requirePermission(actor, 'people.write');
  if (input.members.length === 0) throw invalid('members', '一户至少要登记一名成员');
  if (input.members.length > MAX_MEMBERS) throw invalid('members', `一户最多登记 ${MAX_MEMBERS} 名成员`);
  const members = input.members.map((m, i) => prepareMember(m, `members.${i}.`, `第 ${i + 1} 位成员「${m.name}」`));
  const heads = members.filter((m) => m.relation === 'head');
  if (heads.length > 1) throw invalid(`${heads[1]!.field}relation`, `${heads[1]!.label}：一户只能有一位户主`);
  if (heads.length === 0) members[0]!.relation = 'head';
  const headIndex = members.findIndex((m) => m.relation === 'head');

  return inTransaction(db, async (trx) => {
    const area = await lockHouseholdArea(trx, actor, input.areaId);
    await checkIdNumbersFree(trx, members);
    const householdNo = await nextHouseholdNo(trx, area.id);
    const { id } = await trx
      .insertInto('household')
      .values({ area_id: area.id, household_no: householdNo, address: input.address.trim(), phone: input.phone?.trim() || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const personIds = await insertMembers(trx, id, members);
    await trx.updateTable('household').set({ head_person_id: personIds[headIndex]! }).where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'create',
        entity: 'household',
        entityId: id,
        areaId: area.id,
        after: { householdNo, areaId: area.id, address: input.address.trim(), phone: input.phone ?? null, headPersonId: personIds[headIndex] },
      },
      ...members.map((m, i) => ({ action: 'create', entity: 'person', entityId: personIds[i]!, areaId: area.id, after: { householdId: id, ...memberAudit(m, personIds[i]!) } })),
    );
    return id;
  });
}

/** Adds a member to an existing household (a birth, a marriage, ...). The head is changed elsewhere, not here. */
export async function addMember(db: Db, actor: Actor, householdId: number, input: MemberInput): Promise<number> {
  requirePermission(actor, 'people.write');
  const member = prepareMember(input);
  if (member.relation === 'head') throw invalid('relation', '本户已有户主，新成员的与户主关系不能是「户主」');
  return inTransaction(db, async (trx) => {
    const household = await trx
      .selectFrom('household')
      .select(['household.id', 'household.area_id'])
      .where('household.id', '=', householdId)
      .where('household.area_id', 'in', areaIdsIn(trx, actor.scope))
      .forUpdate()
      .executeTakeFirst();
    if (!household) throw notFound('户');
    const size = await trx.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('household_id', '=', householdId).executeTakeFirstOrThrow();
    if (size.n >= MAX_MEMBERS) throw invalid('householdId', `一户最多登记 ${MAX_MEMBERS} 名成员`);
    await checkIdNumbersFree(trx, [member]);
    const [personId] = await insertMembers(trx, householdId, [member]);
    await recordAudit(trx, actor, { action: 'create', entity: 'person', entityId: personId!, areaId: household.area_id, after: { householdId, ...memberAudit(member, personId!) } });
    return personId!;
  });
}
