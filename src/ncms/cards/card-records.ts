/**
 * Reading cards (合作医疗证): the stored numbers, versions and hand-overs of some households, and the household card
 * view that joins them with the household's members (people module) and the year's enrollment (enrollment module).
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { pathInScope } from '../../core/auth/actor.ts';
import { getArea } from '../../core/areas/areas.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { HouseholdSummary } from '../../core/people/households.ts';
import type { PersonSummary } from '../../core/people/person-query.ts';
import { RELATION_NAMES } from '../../core/people/relations.ts';
import type { PersonStatus, Sex } from '../../core/db/schema.ts';
import type { EnrollmentView } from '../enrollment/enrollment.ts';
import type { CardStatus } from '../db/schema.ts';
import { medicalNo } from './card-number.ts';

export type HouseholdWithMembers = HouseholdSummary & { members: PersonSummary[] };

export interface HandoverView {
  handedOn: string;
  handedByName: string;
  receiverName: string;
  receiverRelation: string;
  receiverRelationName: string;
  note: string | null;
}

export interface CardVersionView {
  id: number;
  version: number;
  status: CardStatus;
  year: number;
  issuedOn: string;
  issuedByName: string;
  voidReason: string | null;
  voidedOn: string | null;
  voidedByName: string | null;
  handover: HandoverView | null;
}

export interface CardMemberView {
  personId: number;
  memberNo: number | null; // null: joined the household since the card's last write (numbered at the next one)
  medicalNo: string | null;
  name: string;
  sex: Sex;
  birthDate: string;
  relationName: string;
  idNumber: string | null;
  status: PersonStatus;
  /** This year's enrollment (参合), or null when the member is not enrolled this year. */
  enrollment: { category: string; categoryName: string; payerName: string; amountFen: number } | null;
}

export interface HouseholdCardView {
  householdId: number;
  householdNo: string;
  headName: string | null;
  address: string;
  areaId: number;
  areaName: string;
  year: number;
  enrolled: boolean;
  cardNo: string | null;
  /** The valid card, or null when none was issued (or all were voided). */
  card: CardVersionView | null;
  /** Every version, newest first. */
  versions: CardVersionView[];
  members: CardMemberView[];
}

export interface CardRecord {
  cardNo: string;
  versions: CardVersionView[];
  memberNos: Map<number, number>;
}

/** Stored numbers, versions (newest first) and hand-overs of these households; a household without a number is absent. */
export async function cardRecords(db: Db, householdIds: readonly number[]): Promise<Map<number, CardRecord>> {
  const records = new Map<number, CardRecord>();
  if (householdIds.length === 0) return records;
  const ids = [...new Set(householdIds)];
  const [numbers, cards, members] = await Promise.all([
    db.selectFrom('ncms_card_number').select(['household_id', 'card_no']).where('household_id', 'in', ids).execute(),
    db
      .selectFrom('ncms_card as c')
      .leftJoin('ncms_card_handover as h', 'h.card_id', 'c.id')
      .select([
        'c.id',
        'c.household_id',
        'c.version',
        'c.status',
        'c.year',
        'c.issued_on',
        'c.issued_by_name',
        'c.void_reason',
        'c.voided_on',
        'c.voided_by_name',
        'h.handed_on',
        'h.handed_by_name',
        'h.receiver_name',
        'h.receiver_relation',
        'h.note',
      ])
      .where('c.household_id', 'in', ids)
      .orderBy('c.household_id')
      .orderBy('c.version', 'desc')
      .execute(),
    db.selectFrom('ncms_card_member').select(['household_id', 'person_id', 'member_no']).where('household_id', 'in', ids).execute(),
  ]);
  for (const n of numbers) records.set(n.household_id, { cardNo: n.card_no, versions: [], memberNos: new Map() });
  for (const c of cards) {
    records.get(c.household_id)!.versions.push({
      id: c.id,
      version: c.version,
      status: c.status,
      year: c.year,
      issuedOn: c.issued_on,
      issuedByName: c.issued_by_name,
      voidReason: c.void_reason,
      voidedOn: c.voided_on,
      voidedByName: c.voided_by_name,
      handover: c.handed_on
        ? {
            handedOn: c.handed_on,
            handedByName: c.handed_by_name!,
            receiverName: c.receiver_name!,
            receiverRelation: c.receiver_relation!,
            receiverRelationName: RELATION_NAMES[c.receiver_relation!] ?? c.receiver_relation!,
            note: c.note,
          }
        : null,
    });
  }
  for (const m of members) records.get(m.household_id)!.memberNos.set(m.person_id, m.member_no);
  return records;
}

export const validCard = (record: CardRecord | undefined): CardVersionView | null => record?.versions.find((v) => v.status === 'valid') ?? null;

/** The household's card as shown and printed: members in household order with their numbers and this year's category. */
export function householdCardView(household: HouseholdWithMembers, record: CardRecord | undefined, enrollments: readonly EnrollmentView[], year: number): HouseholdCardView {
  const enrolledAs = new Map(enrollments.filter((e) => e.householdId === household.id && e.year === year).map((e) => [e.personId, e]));
  return {
    householdId: household.id,
    householdNo: household.householdNo,
    headName: household.headName,
    address: household.address,
    areaId: household.areaId,
    areaName: household.areaName,
    year,
    enrolled: enrolledAs.size > 0,
    cardNo: record?.cardNo ?? null,
    card: validCard(record),
    versions: record?.versions ?? [],
    members: household.members.map((m) => {
      const memberNo = record?.memberNos.get(m.id) ?? null;
      const e = enrolledAs.get(m.id);
      return {
        personId: m.id,
        memberNo,
        medicalNo: record && memberNo !== null ? medicalNo(record.cardNo, memberNo) : null,
        name: m.name,
        sex: m.sex,
        birthDate: m.birthDate,
        relationName: m.relation ? (RELATION_NAMES[m.relation] ?? m.relation) : '',
        idNumber: m.idNumber,
        status: m.status,
        enrollment: e ? { category: e.category, categoryName: e.categoryName, payerName: e.payerName, amountFen: e.amountFen } : null,
      };
    }),
  };
}

/**
 * A village (村 or 社区) inside the caller's scope, for the per-village lists. Areas above the caller's own answer
 * 404 like missing ones here: their registers would list households outside the scope.
 */
export async function scopedVillage(db: Db, actor: Actor, areaId: number) {
  const area = await getArea(db, actor, areaId);
  if (!pathInScope(actor.scope, area.path)) throw notFound('区划');
  if (area.level !== 'village') throw invalid('areaId', `「${area.name}」不是村（社区），请选择一个村查看发证情况`, 'not_a_village');
  return area;
}

/** County, township and village names of a village, for printed headings (ancestors are visible to everyone below). */
export async function areaNames(db: Db, actor: Actor, area: { path: string; name: string }): Promise<{ county: string; township: string; village: string }> {
  const ids = area.path.split('/').filter(Boolean).map(Number);
  const chain = await Promise.all(ids.map((id) => getArea(db, actor, id)));
  const named = (level: string) => chain.find((a) => a.level === level)?.name ?? '';
  return { county: named('county'), township: named('township'), village: area.name };
}
