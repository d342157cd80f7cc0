/**
 * The village's card register (发证登记簿: issued, delivered, not delivered) and the reconciliation (卡证核对) of a
 * village and year: enrolled households against valid and delivered cards. It answers the documents' faults "enrolled
 * count ≠ card count" and "money collected but no card" with the households behind each difference.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { householdsInArea } from '../../core/people/households.ts';
import { checkYear, enrollmentsOfYear } from '../enrollment/enrollment.ts';
import { requireEnrollmentRead } from '../enrollment/access.ts';
import { cardRecords, scopedVillage, validCard, type CardVersionView, type HouseholdWithMembers } from './card-records.ts';

export interface RegisterRow {
  householdId: number;
  householdNo: string;
  headName: string | null;
  cardNo: string;
  card: CardVersionView;
  delivered: boolean;
}

export interface VillageCardRegister {
  areaId: number;
  areaName: string;
  issued: number;
  delivered: number;
  notDelivered: number;
  /** Voided versions (replaced by a reissue). */
  voided: number;
  rows: RegisterRow[];
}

/** Households of the village (with names) and the card records of every household with a card issued here. */
async function villageCards(db: Db, actor: Actor, areaId: number, alsoHouseholds: readonly number[] = []) {
  const village = await scopedVillage(db, actor, areaId);
  const households = await householdsInArea(db, actor, village.id);
  const issuedHere = await db.selectFrom('ncms_card').select('household_id').distinct().where('area_id', '=', village.id).execute();
  const records = await cardRecords(db, [...households.map((h) => h.id), ...issuedHere.map((c) => c.household_id), ...alsoHouseholds]);
  return { village, households: new Map(households.map((h) => [h.id, h])), records };
}

const rowOf = (householdId: number, household: HouseholdWithMembers | undefined, cardNo: string, card: CardVersionView): RegisterRow => ({
  householdId,
  householdNo: household?.householdNo ?? '',
  headName: household?.headName ?? null, // a household since moved to a village outside the caller's scope
  cardNo,
  card,
  delivered: card.handover !== null,
});

/** Every valid card of the village's households (and of households given one here since moved), in card number order. */
export async function villageCardRegister(db: Db, actor: Actor, areaId: number): Promise<VillageCardRegister> {
  requireEnrollmentRead(actor);
  const { village, households, records } = await villageCards(db, actor, areaId);
  const rows: RegisterRow[] = [];
  let voided = 0;
  for (const [householdId, record] of records) {
    voided += record.versions.filter((v) => v.status === 'void').length;
    const card = validCard(record);
    if (card) rows.push(rowOf(householdId, households.get(householdId), record.cardNo, card));
  }
  rows.sort((a, b) => a.cardNo.localeCompare(b.cardNo));
  const delivered = rows.filter((r) => r.delivered).length;
  return { areaId: village.id, areaName: village.name, issued: rows.length, delivered, notDelivered: rows.length - delivered, voided, rows };
}

export interface EnrolledHouseholdRow {
  householdId: number;
  householdNo: string;
  headName: string | null;
  enrolledPersons: number;
  /** What the household itself paid (个人缴纳, fen); subsidised members' contributions are paid by funds. */
  paidFen: number;
}

export interface CardReconciliation {
  areaId: number;
  areaName: string;
  year: number;
  enrolledHouseholds: number;
  enrolledPersons: number;
  /** Valid cards of the village's households. */
  validCards: number;
  /** Enrolled households holding a valid card, and those whose card was handed over. */
  enrolledWithCard: number;
  enrolledDelivered: number;
  /** Enrolled households = valid cards, with no household on either side alone. */
  balanced: boolean;
  /** Enrolled (money collected) but no valid card: issue them. */
  enrolledWithoutCard: EnrolledHouseholdRow[];
  /** A valid card but not enrolled this year: not covered this year (the card stays valid for later years). */
  cardWithoutEnrollment: RegisterRow[];
  /** Enrolled, card issued, hand-over not registered: hand it over and register it. */
  notDelivered: RegisterRow[];
}

/** Reconciliation (卡证核对) of a village's enrollment of a year with its cards and hand-overs. */
export async function reconcileCards(db: Db, actor: Actor, areaId: number, year: number): Promise<CardReconciliation> {
  requireEnrollmentRead(actor);
  checkYear(year);
  const village = await scopedVillage(db, actor, areaId);
  const enrollments = await enrollmentsOfYear(db, actor, { year, areaId: village.id });
  const enrolled = new Map<number, EnrolledHouseholdRow>();
  for (const e of enrollments) {
    const row = enrolled.get(e.householdId) ?? { householdId: e.householdId, householdNo: e.householdNo, headName: null, enrolledPersons: 0, paidFen: 0 };
    row.enrolledPersons += 1;
    if (e.payer === 'individual') row.paidFen += e.amountFen;
    enrolled.set(e.householdId, row);
  }
  // Households enrolled here count with their cards even if registered elsewhere now.
  const { households, records } = await villageCards(db, actor, village.id, [...enrolled.keys()]);
  for (const row of enrolled.values()) row.headName = households.get(row.householdId)?.headName ?? null;

  const enrolledWithoutCard: EnrolledHouseholdRow[] = [];
  const cardWithoutEnrollment: RegisterRow[] = [];
  const notDelivered: RegisterRow[] = [];
  let validCards = 0;
  let enrolledWithCard = 0;
  let enrolledDelivered = 0;
  for (const row of enrolled.values()) {
    const record = records.get(row.householdId);
    const card = validCard(record);
    if (!record || !card) {
      enrolledWithoutCard.push(row);
      continue;
    }
    enrolledWithCard += 1;
    if (card.handover) enrolledDelivered += 1;
    else notDelivered.push(rowOf(row.householdId, households.get(row.householdId), record.cardNo, card));
  }
  for (const [householdId, record] of records) {
    const card = validCard(record);
    if (!card || !(households.has(householdId) || enrolled.has(householdId))) continue;
    validCards += 1;
    if (!enrolled.has(householdId)) cardWithoutEnrollment.push(rowOf(householdId, households.get(householdId), record.cardNo, card));
  }
  const byNo = <T extends { householdNo: string }>(rows: T[]) => rows.sort((a, b) => a.householdNo.localeCompare(b.householdNo));
  return {
    areaId: village.id,
    areaName: village.name,
    year,
    enrolledHouseholds: enrolled.size,
    enrolledPersons: enrollments.length,
    validCards,
    enrolledWithCard,
    enrolledDelivered,
    balanced: enrolledWithoutCard.length === 0 && cardWithoutEnrollment.length === 0,
    enrolledWithoutCard: byNo(enrolledWithoutCard),
    cardWithoutEnrollment: byNo(cardWithoutEnrollment),
    notDelivered: byNo(notDelivered),
  };
}
