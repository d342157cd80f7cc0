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
import { cardRecords, householdCardView, scopedVillage, validCard, type CardRecord, type HouseholdCardView, type HouseholdWithMembers } from './card-records.ts';

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

interface CardToIssue {
  household: HouseholdWithMembers;
  /** What is stored for the household, read under the village lock (undefined: never issued). */
  record: CardRecord | undefined;
  villageCode: string;
  year: number;
  replaces?: { version: number; reason: string } | undefined;
}

/** Rows per INSERT: well below PostgreSQL's 65 535 parameters for the widest row here (10 columns). */
const INSERT_ROWS = 2000;
async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) await insert(rows.slice(i, i + INSERT_ROWS));
}

/**
 * Issues the next version of each household's card, in a few statements whatever their number (a village's batch is
 * hundreds). A household without a number takes its village's next sequence (assigned once, kept for ever); living
 * members without a number take the household's next ones (see nextMemberNumbers), so a member born or married in
 * since the last card write is numbered now. Callers hold the village lock and have checked that no valid card exists;
 * the partial unique index is the last guard, and its conflict is put in words.
 */
async function insertCards(trx: Db, actor: Actor, items: CardToIssue[], issuedOn: string): Promise<Array<{ householdId: number; cardNo: string; version: number }>> {
  if (items.length === 0) return [];
  const cardNos = new Map(items.flatMap((i) => (i.record ? [[i.household.id, i.record.cardNo] as const] : [])));
  const unnumbered = items.filter((i) => !i.record);
  const numbers: Array<{ household_id: number; area_code: string; seq: number; card_no: string }> = [];
  for (const code of new Set(unnumbered.map((i) => i.villageCode))) {
    const { max } = await trx.selectFrom('ncms_card_number').select((eb) => eb.fn.max('seq').as('max')).where('area_code', '=', code).executeTakeFirstOrThrow();
    let seq = Number(max ?? 0);
    for (const item of unnumbered.filter((i) => i.villageCode === code)) {
      seq += 1;
      const cardNo = householdCardNo(code, seq);
      numbers.push({ household_id: item.household.id, area_code: code, seq, card_no: cardNo });
      cardNos.set(item.household.id, cardNo);
    }
  }
  await insertInChunks(numbers, (chunk) => trx.insertInto('ncms_card_number').values(chunk).execute());

  await insertInChunks(items.flatMap((i) => newMemberNumbers(i.household, i.record)), (chunk) => trx.insertInto('ncms_card_member').values(chunk).execute());

  const cards = items.map(({ household, record, year }) => ({
    household_id: household.id,
    area_id: household.areaId,
    card_no: cardNos.get(household.id)!,
    version: (record?.versions[0]?.version ?? 0) + 1, // versions are newest first
    year,
    issued_on: issuedOn,
    issued_by: actor.userId,
    issued_by_name: actor.name,
  }));
  const ids = new Map<number, number>();
  try {
    await insertInChunks(cards, async (chunk) => {
      for (const row of await trx.insertInto('ncms_card').values(chunk).returning(['id', 'household_id']).execute()) ids.set(row.household_id, row.id);
    });
  } catch (e) {
    const who = items.length === 1 ? householdLabel(items[0]!.household) : '其中有户';
    if ((e as { code?: unknown }).code === '23505') throw conflict('already_issued', `${who}刚刚已由他人发证，请刷新后查看`, 'householdId');
    throw e;
  }
  await recordAudit(
    trx,
    actor,
    ...items.map(({ household, replaces }, i) => ({
      action: replaces ? 'reissue' : 'issue',
      entity: 'ncms_card',
      entityId: ids.get(household.id)!,
      areaId: household.areaId,
      ...(replaces ? { before: { cardNo: cards[i]!.card_no, version: replaces.version, status: 'void', voidReason: replaces.reason } } : {}),
      after: { householdId: household.id, cardNo: cards[i]!.card_no, version: cards[i]!.version, year: cards[i]!.year, issuedOn },
    })),
  );
  return cards.map((c) => ({ householdId: c.household_id, cardNo: c.card_no, version: c.version }));
}

/** Rows numbering the household's living members who have none yet (next numbers after every number ever given). */
function newMemberNumbers(household: HouseholdWithMembers, record: CardRecord | undefined) {
  const given = [...(record?.memberNos ?? [])].map(([personId, memberNo]) => ({ personId, memberNo }));
  const alive = household.members.filter((m) => m.status === 'alive').map((m) => m.id);
  return nextMemberNumbers(given, alive).map((f) => ({ household_id: household.id, person_id: f.personId, member_no: f.memberNo }));
}

/** The household's stored card record, read under the village lock; refused when it holds a valid card. */
async function withoutValidCard(trx: Db, household: HouseholdWithMembers): Promise<CardRecord | undefined> {
  const record = (await cardRecords(trx, [household.id])).get(household.id);
  const current = validCard(record);
  if (!record || !current) return record;
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
    const record = await withoutValidCard(trx, household);
    const area = await getArea(trx, actor, household.areaId);
    await insertCards(trx, actor, [{ household, record, villageCode: area.code, year: input.year }], issuedOn);
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
    const toIssue = households.filter((h) => !validCard(records.get(h.id)));
    const issued = await insertCards(trx, actor, toIssue.map((household) => ({ household, record: records.get(household.id), villageCode: village.code, year: input.year })), issuedOn);
    const result: VillageIssueResult = {
      areaId: village.id,
      year: input.year,
      enrolledHouseholds: enrolled.size,
      issued: issued.map((card, i) => ({ householdId: card.householdId, householdNo: toIssue[i]!.householdNo, headName: toIssue[i]!.headName, cardNo: card.cardNo, version: card.version })),
      alreadyHeld: households.length - toIssue.length,
      movedAway: enrolled.size - households.length,
    };
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
    await insertCards(trx, actor, [{ household, record, villageCode: record.cardNo.slice(0, 12), year: current.year, replaces: { version: current.version, reason } }], issuedOn);
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
    // A hand-over is a card write too: members who joined since the card was issued are numbered now.
    const fresh = newMemberNumbers(household, record);
    if (fresh.length > 0) await trx.insertInto('ncms_card_member').values(fresh).execute();
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
