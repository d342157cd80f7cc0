/**
 * Issuing cards (发证), reissuing lost ones (补发) and registering hand-overs (发放登记). Enrollment is by household,
 * so is the card: one valid card per household, issued only to a household enrolled in the year, kept across years.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { isRealDate, todayInShanghai } from '../../core/dates.ts';
import { conflict, invalid } from '../../core/errors.ts';
import { getArea } from '../../core/areas/areas.ts';
import { getHousehold, householdsInArea } from '../../core/people/households.ts';
import { RELATION_NAMES } from '../../core/people/relations.ts';
import { checkYear, enrollmentsOfYear } from '../enrollment/enrollment.ts';
import { requireEnrollmentRead } from '../enrollment/access.ts';
import { householdCardNo, nextMemberNumbers } from './card-number.ts';
import { cardRecords, householdCardView, scopedVillage, validCard, type HouseholdCardView, type HouseholdWithMembers } from './card-records.ts';

// Advisory lock class for card numbering; the second key is the village's area id. Issues in one village queue
// behind each other, so the village's next sequence and the household's "one valid card" check are never raced.
const CARD_LOCK = 4_510_713;

const lockVillage = (trx: Db, areaId: number) => sql`select pg_advisory_xact_lock(${CARD_LOCK}::int, ${areaId}::int)`.execute(trx);

function checkDate(date: string | undefined, field: string, what: string): string {
  const day = date ?? todayInShanghai();
  if (!isRealDate(day)) throw invalid(field, `${what}「${day}」无效，应为 YYYY-MM-DD`);
  if (day > todayInShanghai()) throw invalid(field, `${what} ${day} 不能晚于今天`);
  return day;
}

const householdLabel = (h: { householdNo: string; headName: string | null }) => `户编号 ${h.householdNo}（户主 ${h.headName ?? '未登记'}）`;

/**
 * Numbers the household's living members who have none yet (see nextMemberNumbers). Called by every card write, so
 * a member born or married in since the last one gets a number when the card is next issued, reissued or handed over.
 */
async function numberMembers(trx: Db, household: HouseholdWithMembers): Promise<void> {
  const given = await trx.selectFrom('ncms_card_member').select(['person_id as personId', 'member_no as memberNo']).where('household_id', '=', household.id).execute();
  const fresh = nextMemberNumbers(given, household.members.filter((m) => m.status === 'alive').map((m) => m.id));
  if (fresh.length === 0) return;
  await trx
    .insertInto('ncms_card_member')
    .values(fresh.map((f) => ({ household_id: household.id, person_id: f.personId, member_no: f.memberNo })))
    .execute();
}

/** The household's card number: the stored one, else the village's next sequence (assigned once, kept for ever). */
async function cardNumber(trx: Db, household: HouseholdWithMembers, villageCode: string): Promise<string> {
  const stored = await trx.selectFrom('ncms_card_number').select('card_no').where('household_id', '=', household.id).executeTakeFirst();
  if (stored) return stored.card_no;
  const { max } = await trx.selectFrom('ncms_card_number').select((eb) => eb.fn.max('seq').as('max')).where('area_code', '=', villageCode).executeTakeFirstOrThrow();
  const seq = Number(max ?? 0) + 1;
  const cardNo = householdCardNo(villageCode, seq);
  await trx.insertInto('ncms_card_number').values({ household_id: household.id, area_code: villageCode, seq, card_no: cardNo }).execute();
  return cardNo;
}

/**
 * Issues the next version of the household's card. Callers hold the village lock and have checked that no valid card
 * exists; the partial unique index is the last guard (a database conflict is put in words).
 */
async function insertCard(trx: Db, actor: Actor, household: HouseholdWithMembers, villageCode: string, year: number, issuedOn: string, replaces?: { version: number; reason: string }) {
  const cardNo = await cardNumber(trx, household, villageCode);
  await numberMembers(trx, household);
  const { max } = await trx.selectFrom('ncms_card').select((eb) => eb.fn.max('version').as('max')).where('household_id', '=', household.id).executeTakeFirstOrThrow();
  const version = Number(max ?? 0) + 1;
  let id: number;
  try {
    ({ id } = await trx
      .insertInto('ncms_card')
      .values({ household_id: household.id, area_id: household.areaId, card_no: cardNo, version, year, issued_on: issuedOn, issued_by: actor.userId, issued_by_name: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow());
  } catch (e) {
    if ((e as { code?: unknown }).code === '23505') throw conflict('already_issued', `${householdLabel(household)} 刚刚已由他人发证，请刷新后查看`, 'householdId');
    throw e;
  }
  await recordAudit(trx, actor, {
    action: replaces ? 'reissue' : 'issue',
    entity: 'ncms_card',
    entityId: id,
    areaId: household.areaId,
    ...(replaces ? { before: { cardNo, version: replaces.version, status: 'void', voidReason: replaces.reason } } : {}),
    after: { householdId: household.id, cardNo, version, year, issuedOn },
  });
  return { id, cardNo, version };
}

async function refuseSecondCard(trx: Db, household: HouseholdWithMembers): Promise<void> {
  const record = (await cardRecords(trx, [household.id])).get(household.id);
  const current = validCard(record);
  if (!record || !current) return;
  throw conflict(
    'already_issued',
    `${householdLabel(household)} 已持有效合作医疗证（证号 ${record.cardNo}，${current.issuedOn} 发证），一户只能有一本有效证；遗失或损坏请办理补发`,
    'householdId',
  );
}

async function enrolledHouseholdIds(trx: Db, actor: Actor, year: number, filter: { areaId?: number; householdIds?: number[] }): Promise<Set<number>> {
  return new Set((await enrollmentsOfYear(trx, actor, { year, ...filter })).map((e) => e.householdId));
}

/** The household's card view for a year (its members, numbers, versions, hand-overs and that year's enrollment). */
export async function householdCard(db: Db, actor: Actor, householdId: number, year: number): Promise<HouseholdCardView> {
  requireEnrollmentRead(actor);
  checkYear(year);
  const household = await getHousehold(db, actor, householdId);
  const [records, enrollments] = await Promise.all([cardRecords(db, [household.id]), enrollmentsOfYear(db, actor, { year, householdIds: [household.id] })]);
  return householdCardView(household, records.get(household.id), enrollments, year);
}

export interface IssueInput {
  householdId: number;
  year: number; // the enrollment year the issue rests on
  issuedOn?: string | undefined;
}

/** Issues a household's card (first issue: the number is assigned). Refused unless the household is enrolled in the year. */
export async function issueCard(db: Db, actor: Actor, input: IssueInput): Promise<HouseholdCardView> {
  requirePermission(actor, 'ncms.enroll');
  checkYear(input.year);
  const issuedOn = checkDate(input.issuedOn, 'issuedOn', '发证日期');
  await inTransaction(db, async (trx) => {
    const household = await getHousehold(trx, actor, input.householdId); // 404 outside the scope
    await lockVillage(trx, household.areaId);
    if ((await enrolledHouseholdIds(trx, actor, input.year, { householdIds: [household.id] })).size === 0) {
      throw invalid('householdId', `${householdLabel(household)} ${input.year} 年度尚未参合，不能发证：请先收缴参合费并登记参合`, 'not_enrolled');
    }
    await refuseSecondCard(trx, household);
    const area = await getArea(trx, actor, household.areaId);
    await insertCard(trx, actor, household, area.code, input.year, issuedOn);
  });
  return householdCard(db, actor, input.householdId, input.year);
}

export interface VillageIssueResult {
  areaId: number;
  year: number;
  enrolledHouseholds: number;
  /** Cards issued now, in 户编号 order. */
  issued: Array<{ householdId: number; householdNo: string; headName: string | null; cardNo: string; version: number }>;
  /** Enrolled households that already held a valid card (left as they were). */
  alreadyHeld: number;
  /** Enrolled here but since registered in another village: issue from that village. */
  movedAway: number;
}

/**
 * Issues a card to every household of the village enrolled in the year that holds no valid card, in one transaction.
 * Running it again issues nothing new.
 */
export async function issueVillageCards(db: Db, actor: Actor, input: { areaId: number; year: number; issuedOn?: string | undefined }): Promise<VillageIssueResult> {
  requirePermission(actor, 'ncms.enroll');
  checkYear(input.year);
  const issuedOn = checkDate(input.issuedOn, 'issuedOn', '发证日期');
  return inTransaction(db, async (trx) => {
    const village = await scopedVillage(trx, actor, input.areaId);
    await lockVillage(trx, village.id);
    const enrolled = await enrolledHouseholdIds(trx, actor, input.year, { areaId: village.id });
    const households = (await householdsInArea(trx, actor, village.id)).filter((h) => enrolled.has(h.id));
    const records = await cardRecords(trx, households.map((h) => h.id));
    const result: VillageIssueResult = { areaId: village.id, year: input.year, enrolledHouseholds: enrolled.size, issued: [], alreadyHeld: 0, movedAway: enrolled.size - households.length };
    for (const household of households) {
      if (validCard(records.get(household.id))) {
        result.alreadyHeld += 1;
        continue;
      }
      const card = await insertCard(trx, actor, household, village.code, input.year, issuedOn);
      result.issued.push({ householdId: household.id, householdNo: household.householdNo, headName: household.headName, cardNo: card.cardNo, version: card.version });
    }
    return result;
  });
}

export interface ReissueInput {
  /** The version being replaced, as the clerk saw it: a second click finds it already replaced and changes nothing. */
  version: number;
  reason: string;
  issuedOn?: string | undefined;
}

/** Reissues (补发) a lost or damaged card: the valid version is voided with the reason, the next version keeps the number. */
export async function reissueCard(db: Db, actor: Actor, householdId: number, input: ReissueInput): Promise<HouseholdCardView> {
  requirePermission(actor, 'ncms.manage');
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', '请填写补发原因（如：遗失、损毁）');
  const issuedOn = checkDate(input.issuedOn, 'issuedOn', '补发日期');
  const year = await inTransaction(db, async (trx) => {
    const household = await getHousehold(trx, actor, householdId);
    await lockVillage(trx, household.areaId);
    const record = (await cardRecords(trx, [household.id])).get(household.id);
    const current = validCard(record);
    if (!record || !current) throw conflict('no_card', `${householdLabel(household)} 没有有效的合作医疗证，请办理发证而不是补发`, 'householdId');
    if (current.version !== input.version) {
      throw conflict('version_changed', `本户的证已是第 ${current.version} 版（${current.issuedOn} 由 ${current.issuedByName} 办理），请刷新后核对是否还需补发`, 'version');
    }
    await trx
      .updateTable('ncms_card')
      .set({ status: 'void', void_reason: reason, voided_on: issuedOn, voided_by_name: actor.name })
      .where('id', '=', current.id)
      .execute();
    // The card number carries the village code at first issue, whatever the household's code is now.
    await insertCard(trx, actor, household, record.cardNo.slice(0, 12), current.year, issuedOn, { version: current.version, reason });
    return current.year;
  });
  return householdCard(db, actor, householdId, year);
}

export interface HandoverInput {
  handedOn?: string | undefined;
  receiverName: string;
  receiverRelation: string; // a relation code (与户主关系): head, spouse, …, other
  note?: string | null | undefined;
}

/** Registers the hand-over (发放登记) of the household's valid card: only then does the card count as delivered. */
export async function handOverCard(db: Db, actor: Actor, householdId: number, input: HandoverInput): Promise<HouseholdCardView> {
  requirePermission(actor, 'ncms.enroll');
  const handedOn = checkDate(input.handedOn, 'handedOn', '发放日期');
  const receiverName = input.receiverName.trim();
  if (!receiverName) throw invalid('receiverName', '请填写领证人姓名');
  if (!(input.receiverRelation in RELATION_NAMES)) throw invalid('receiverRelation', `领证人与户主关系「${input.receiverRelation}」不在代码表中`);
  const year = await inTransaction(db, async (trx) => {
    const household = await getHousehold(trx, actor, householdId);
    await lockVillage(trx, household.areaId);
    const record = (await cardRecords(trx, [household.id])).get(household.id);
    const card = validCard(record);
    if (!record || !card) throw conflict('no_card', `${householdLabel(household)} 还没有有效的合作医疗证，请先发证`, 'householdId');
    if (card.handover) {
      throw conflict('already_delivered', `本户第 ${card.version} 版医疗证已于 ${card.handover.handedOn} 由 ${card.handover.handedByName} 发给 ${card.handover.receiverName}，不能重复登记`, 'householdId');
    }
    if (handedOn < card.issuedOn) throw invalid('handedOn', `发放日期 ${handedOn} 不能早于发证日期 ${card.issuedOn}`);
    await numberMembers(trx, household);
    const note = input.note?.trim() || null;
    await trx
      .insertInto('ncms_card_handover')
      .values({ card_id: card.id, handed_on: handedOn, handed_by: actor.userId, handed_by_name: actor.name, receiver_name: receiverName, receiver_relation: input.receiverRelation, note })
      .execute();
    await recordAudit(trx, actor, {
      action: 'hand_over',
      entity: 'ncms_card',
      entityId: card.id,
      areaId: household.areaId,
      after: { householdId: household.id, cardNo: record.cardNo, version: card.version, handedOn, receiverName, receiverRelation: input.receiverRelation, note },
    });
    return card.year;
  });
  return householdCard(db, actor, householdId, year);
}
