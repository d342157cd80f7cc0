/**
 * Enrollment (参合) per household and year. The village collects each member's contribution; a subsidised member
 * (五保, 低保, 特困, 计生户, other funds) has it paid by government or another fund. Either way the amount is the
 * individual contribution of the year's active scheme; `payer` says who pays it.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { isRealDate, todayInShanghai } from '../../core/dates.ts';
import { conflict, invalid } from '../../core/errors.ts';
import { pageRequest, type Page, type PageRequest } from '../../core/list-page.ts';
import { getArea } from '../../core/areas/areas.ts';
import { getHousehold } from '../../core/people/households.ts';
import { findPersonInScope } from '../../core/people/persons.ts';
import type { Payer } from '../db/schema.ts';
import { activeSchemeForArea, activeSchemesOfYear } from '../schemes/scheme-store.ts';
import { villagesWithTownships } from '../../core/areas/village-list.ts';
import { nextIds } from '../../core/db/next-ids.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import { contributionCategories, type ContributionCategory } from './categories.ts';
import { requireEnrollmentRead } from './access.ts';
import { alreadyEnrolledMessage, notEnrollableMessage } from './duplicates.ts';
import { postHouseholdEnrollments } from '../fund/contributions.ts';

export interface EnrollmentMemberInput {
  personId: number;
  category: string; // ncms_contribution_category.code
  receiptNo?: string | null | undefined; // 收据号 of this member, else the household's
}

export interface EnrollmentInput {
  householdId: number;
  year: number;
  members: EnrollmentMemberInput[];
  receiptNo?: string | null | undefined;
  collectedOn?: string | undefined; // 'YYYY-MM-DD', default today
  /** The client's id for this submission: sending it again returns the first answer instead of enrolling twice. */
  requestId?: string | undefined;
}

export interface EnrollmentView {
  id: number;
  personId: number;
  personName: string;
  idNumber: string | null;
  householdId: number;
  householdNo: string;
  areaId: number;
  areaName: string;
  year: number;
  category: string;
  categoryName: string;
  payer: Payer;
  payerName: string;
  amountFen: number;
  receiptNo: string | null;
  collectedOn: string;
  collectedByName: string;
}

export interface EnrollmentResult {
  householdId: number;
  year: number;
  enrollments: EnrollmentView[];
}

export function checkYear(year: number, field = 'year'): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw invalid(field, `参合年度应为四位年份，收到 ${year}`);
}

const payloadHash = (input: EnrollmentInput) => {
  const { requestId: _r, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
};

/**
 * Enrolls the listed members of one household for a year, all or nothing. Refused, each naming the member:
 * a person listed twice, a person not in this household, one who died or moved out, an unknown category,
 * and anyone already enrolled that year in any category. A household outside the caller's scope is 404.
 */
export async function enrollHousehold(db: Db, actor: Actor, input: EnrollmentInput): Promise<EnrollmentResult> {
  requirePermission(actor, 'ncms.enroll');
  checkYear(input.year);
  if (input.members.length === 0) throw invalid('members', '请至少选择一名参合成员');
  const collectedOn = input.collectedOn ?? todayInShanghai();
  if (!isRealDate(collectedOn)) throw invalid('collectedOn', `缴费日期「${collectedOn}」无效，应为 YYYY-MM-DD`);
  if (collectedOn > todayInShanghai()) throw invalid('collectedOn', `缴费日期 ${collectedOn} 不能晚于今天`);

  return inTransaction(db, async (trx) => {
    // Scope first: a repeated requestId never reveals a household the caller may not see.
    const household = await getHousehold(trx, actor, input.householdId);
    if (input.requestId) {
      const done = await trx.selectFrom('ncms_enrollment_request').select(['payload_hash', 'result']).where('request_id', '=', input.requestId).executeTakeFirst();
      if (done) {
        if (done.payload_hash !== payloadHash(input)) {
          throw conflict('request_id_reused', '该提交编号（requestId）已用于另一份不同的参合登记，请刷新页面后重新提交', 'requestId');
        }
        return done.result as EnrollmentResult;
      }
    }
    const categories = new Map((await contributionCategories(trx)).map((c) => [c.code, c]));
    const members = new Map(household.members.map((m) => [m.id, m]));
    const seen = new Set<number>();
    const prepared: MemberToEnroll[] = [];
    for (const [i, m] of input.members.entries()) {
      const field = `members.${i}`;
      if (seen.has(m.personId)) throw invalid(`${field}.personId`, `第 ${i + 1} 位：同一人员在本次登记中出现了两次`, 'duplicate_in_request');
      seen.add(m.personId);
      const person = members.get(m.personId);
      if (!person) {
        // Outside the scope answers like a missing person; a person of another household in scope is named as such.
        const found = await findPersonInScope(trx, actor, m.personId);
        throw invalid(`${field}.personId`, `「${found.name}」不是本户成员，请在其所在户登记参合`, 'not_household_member');
      }
      const label = `第 ${i + 1} 位成员「${person.name}」`;
      const gone = notEnrollableMessage(person.status, person.statusDate);
      if (gone) throw invalid(`${field}.personId`, `${label}：${gone}`, 'person_not_enrollable');
      const category = categories.get(m.category);
      if (!category) throw invalid(`${field}.category`, `${label}：参合类别「${m.category}」不在代码表中`, 'unknown_category');
      prepared.push({ person, category, receiptNo: m.receiptNo?.trim() || input.receiptNo?.trim() || null });
    }

    const [{ schemeId, ...result }] = (await enrollHouseholds(trx, actor, input.year, [{ household, members: prepared }], { collectedOn, requestId: input.requestId })) as [
      EnrollmentResult & { schemeId: number },
    ];
    const { enrollments } = result;
    await recordAudit(
      trx,
      actor,
      ...enrollments.map((e) => ({
        action: 'enroll',
        entity: 'ncms_enrollment',
        entityId: e.id,
        areaId: e.areaId,
        after: { personId: e.personId, householdId: e.householdId, year: e.year, category: e.category, amountFen: e.amountFen, payer: e.payer, receiptNo: e.receiptNo, collectedOn: e.collectedOn, schemeId },
      })),
    );
    if (input.requestId) {
      const request = { request_id: input.requestId, payload_hash: payloadHash(input), result: JSON.stringify(result) };
      await raceChecked(input.requestId, () => trx.insertInto('ncms_enrollment_request').values(request).execute());
    }
    return result;
  });
}

type ActiveScheme = NonNullable<Awaited<ReturnType<typeof activeSchemeForArea>>>;

/**
 * The year's active scheme of every village in the caller's scope (null where none covers it), in two queries:
 * what bulk enrollment asks once per village.
 */
export async function schemesByVillage(trx: Db, actor: Actor, year: number): Promise<(areaId: number) => ActiveScheme | null> {
  const [villages, schemeFor] = await Promise.all([villagesWithTownships(trx, actor), activeSchemesOfYear(trx, year)]);
  const byVillage = new Map(villages.map((v) => [v.id, schemeFor(v.code)]));
  return (areaId) => byVillage.get(areaId) ?? null;
}

/** A household as the people module gives it, with its members. */
export type EnrollingHousehold = Awaited<ReturnType<typeof getHousehold>>;

/** One member to enroll, already checked against the household, its status and the category table. */
export interface MemberToEnroll {
  person: EnrollingHousehold['members'][number];
  category: ContributionCategory;
  receiptNo: string | null;
}

const INSERT_CHUNK = 10_000; // rows per insert and per already-enrolled query

/**
 * Writes the enrollments of checked households for a year, all in the caller's transaction: the set-based path that
 * `enrollHousehold` (one household) and the roster import (thousands) share. Per household: the year's active scheme
 * of its village (refused without one), nobody already enrolled that year, one row per member with the scheme's
 * individual contribution and the category's payer, and one fund posting. A few queries per ten thousand members
 * (ids from the sequence, column-wise inserts, the postings together through `postHouseholdEnrollments`). Does not audit: the caller says
 * what the act was (one entry per enrollment from the form, one for an import).
 */
export async function enrollHouseholds(
  trx: Db,
  actor: Actor,
  year: number,
  households: ReadonlyArray<{ household: EnrollingHousehold; members: readonly MemberToEnroll[] }>,
  options: { collectedOn: string; requestId?: string | undefined },
): Promise<Array<EnrollmentResult & { schemeId: number }>> {
  const { collectedOn, requestId } = options;
  const schemeOf = await schemesByVillage(trx, actor, year);
  const schemes = new Map<number, ActiveScheme>(); // by village
  for (const { household } of households) {
    const scheme = schemeOf(household.areaId);
    if (!scheme) throw invalid('year', `${year} 年度尚无执行中的补偿方案，暂不能登记参合`, 'no_active_scheme');
    schemes.set(household.areaId, scheme);
  }

  const personIds = households.flatMap((h) => h.members.map((m) => m.person.id));
  const enrolledAs = new Map<number, string>();
  for (let i = 0; i < personIds.length; i += INSERT_CHUNK) {
    const existing = await trx
      .selectFrom('ncms_enrollment')
      .innerJoin('ncms_contribution_category as c', 'c.code', 'ncms_enrollment.category')
      .select(['ncms_enrollment.person_id', 'c.name'])
      .where('ncms_enrollment.year', '=', year)
      .where('ncms_enrollment.person_id', 'in', personIds.slice(i, i + INSERT_CHUNK))
      .execute();
    for (const e of existing) enrolledAs.set(e.person_id, e.name);
  }
  for (const { members } of households) {
    for (const [i, m] of members.entries()) {
      const before = enrolledAs.get(m.person.id);
      if (before) throw conflict('already_enrolled', `第 ${i + 1} 位成员「${m.person.name}」：${alreadyEnrolledMessage(year, before, m.category.name)}`, `members.${i}.personId`);
    }
  }

  const views: EnrollmentView[] = households.flatMap(({ household, members }) =>
    members.map((m) => ({
      id: 0, // drawn from the sequence below
      personId: m.person.id,
      personName: m.person.name,
      idNumber: m.person.idNumber,
      householdId: household.id,
      householdNo: household.householdNo,
      areaId: household.areaId,
      areaName: household.areaName,
      year,
      category: m.category.code,
      categoryName: m.category.name,
      payer: m.category.payer,
      payerName: m.category.payerName,
      amountFen: schemes.get(household.areaId)!.scheme.financing.individualFen,
      receiptNo: m.receiptNo,
      collectedOn,
      collectedByName: actor.name,
    })),
  );
  const ids = await nextIds(trx, 'ncms_enrollment', views.length);
  views.forEach((v, i) => (v.id = ids[i]!));
  for (let start = 0; start < views.length; start += INSERT_CHUNK) {
    const part = views.slice(start, start + INSERT_CHUNK);
    await raceChecked(requestId, () =>
      insertColumns(trx, 'ncms_enrollment', [
        ['id', 'int', part.map((v) => v.id)],
        ['person_id', 'int', part.map((v) => v.personId)],
        ['household_id', 'int', part.map((v) => v.householdId)],
        ['area_id', 'int', part.map((v) => v.areaId)],
        ['year', 'int', part.map(() => year)],
        ['category', 'text', part.map((v) => v.category)],
        ['amount_fen', 'bigint', part.map((v) => v.amountFen)],
        ['payer', 'text', part.map((v) => v.payer)],
        ['scheme_id', 'int', part.map((v) => schemes.get(v.areaId)!.id)],
        ['receipt_no', 'text', part.map((v) => v.receiptNo)],
        ['collected_on', 'date', part.map(() => collectedOn)],
        ['collected_by', 'int', part.map(() => actor.userId)],
        ['collected_by_name', 'text', part.map(() => actor.name)],
        ['request_id', 'text', part.map(() => requestId ?? null)],
      ]),
    );
  }

  // The fund's income: one posting per household (not per person), referenced by its first enrollment row.
  const byHousehold = new Map<number, EnrollmentView[]>();
  for (const v of views) byHousehold.set(v.householdId, [...(byHousehold.get(v.householdId) ?? []), v]);
  await postHouseholdEnrollments(
    trx,
    actor,
    households.map(({ household }) => {
      const scheme = schemes.get(household.areaId)!.scheme;
      const enrolled = byHousehold.get(household.id)!;
      return {
        pool: scheme.pool,
        year,
        collectedOn,
        individualFen: scheme.financing.individualFen,
        governmentFen: scheme.financing.governmentFen,
        members: enrolled.map((v) => ({ category: v.category, payer: v.payer })),
        enrollmentId: Math.min(...enrolled.map((v) => v.id)),
        label: `${household.areaName} ${household.householdNo} 户`,
      };
    }),
  );
  return households.map(({ household }) => ({ householdId: household.id, year, enrollments: byHousehold.get(household.id)!, schemeId: schemes.get(household.areaId)!.id }));
}

/** Whether a person is enrolled (参合) for a year, in any category: what settlement at discharge asks. */
export async function isEnrolled(db: Db, personId: number, year: number): Promise<boolean> {
  const row = await db.selectFrom('ncms_enrollment').select('id').where('person_id', '=', personId).where('year', '=', year).executeTakeFirst();
  return row !== undefined;
}

/**
 * The checks above read before writing, so two clerks submitting the same person at the same moment both pass them;
 * the unique index then refuses the second. Say so in words rather than as a bare database conflict.
 */
export async function raceChecked<T>(requestId: string | undefined, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    if ((e as { code?: unknown }).code !== '23505') throw e;
    const message = requestId ? '同一份参合登记正在提交中，请稍候刷新查看结果' : '本户有成员刚刚已由他人登记参合（同时提交），请刷新后核对';
    throw conflict('already_enrolled', message, 'members');
  }
}

export interface EnrollmentFilter extends Partial<PageRequest> {
  year?: number | undefined;
  areaId?: number | undefined;
}

/**
 * Enrollments inside the caller's scope (by the household's village when enrolled), village by village.
 * Names and ID numbers are joined read-only from the people tables: one lookup per row through
 * findPersonInScope would make a village's page 20 queries.
 */
export async function listEnrollments(db: Db, actor: Actor, filter: EnrollmentFilter = {}): Promise<Page<EnrollmentView>> {
  requireEnrollmentRead(actor);
  const { page, pageSize, offset } = pageRequest(filter);
  const query = await scopedEnrollments(db, actor, filter);
  const [rows, { n }] = await Promise.all([
    orderedViews(query).limit(pageSize).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toEnrollmentView), total: n, page, pageSize };
}

/**
 * Every enrollment of one year in an area (a village: a few thousand rows at most) or of some households, unpaged,
 * for the documents printed from them (cards, receipts, collection lists). Same scope rules as listEnrollments.
 */
export async function enrollmentsOfYear(
  db: Db,
  actor: Actor,
  filter: { year: number; areaId?: number | undefined; householdIds?: readonly number[] | undefined },
): Promise<EnrollmentView[]> {
  requireEnrollmentRead(actor);
  checkYear(filter.year);
  let query = await scopedEnrollments(db, actor, filter);
  if (filter.householdIds) {
    if (filter.householdIds.length === 0) return [];
    query = query.where('e.household_id', 'in', [...filter.householdIds]);
  }
  return (await orderedViews(query).execute()).map(toEnrollmentView);
}

async function scopedEnrollments(db: Db, actor: Actor, filter: { year?: number | undefined; areaId?: number | undefined }) {
  let query = db
    .selectFrom('ncms_enrollment as e')
    .innerJoin('person', 'person.id', 'e.person_id')
    .innerJoin('household', 'household.id', 'e.household_id')
    .innerJoin('area', 'area.id', 'e.area_id')
    .innerJoin('ncms_contribution_category as c', 'c.code', 'e.category')
    .where('e.area_id', 'in', areaIdsIn(db, actor.scope));
  if (filter.areaId !== undefined) {
    const area = await getArea(db, actor, filter.areaId); // 404 outside the caller's view
    query = query.where('e.area_id', 'in', areaIdsIn(db, { areaId: area.id, path: area.path }));
  }
  if (filter.year !== undefined) query = query.where('e.year', '=', filter.year);
  return query;
}

function orderedViews(query: Awaited<ReturnType<typeof scopedEnrollments>>) {
  return query
    .select([
      'e.id',
      'e.person_id',
      'person.name as person_name',
      'person.id_number',
      'e.household_id',
      'household.household_no',
      'e.area_id',
      'area.name as area_name',
      'e.year',
      'e.category',
      'c.name as category_name',
      'e.payer',
      'c.payer_name',
      'e.amount_fen',
      'e.receipt_no',
      'e.collected_on',
      'e.collected_by_name',
    ])
    .orderBy('e.year', 'desc')
    .orderBy('e.area_id')
    .orderBy('household.household_no')
    .orderBy('e.id');
}

function toEnrollmentView(r: Awaited<ReturnType<ReturnType<typeof orderedViews>['executeTakeFirstOrThrow']>>): EnrollmentView {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    idNumber: r.id_number,
    householdId: r.household_id,
    householdNo: r.household_no,
    areaId: r.area_id,
    areaName: r.area_name,
    year: r.year,
    category: r.category,
    categoryName: r.category_name,
    payer: r.payer,
    payerName: r.payer_name,
    amountFen: r.amount_fen,
    receiptNo: r.receipt_no,
    collectedOn: r.collected_on,
    collectedByName: r.collected_by_name,
  };
}
