/**
 * Cards (合作医疗证) of the demo county, written in bulk with the numbers the cards service assigns (village code +
 * household sequence in 户编号 order, members numbered head first by `nextMemberNumbers`): every household enrolled
 * last year gets its card in December before that year, households joining this year theirs a year later. Most cards
 * are handed over (发放登记) within a month; three villages lag with many hand-overs missing, so the reconciliation
 * (enrolled ≠ cards delivered) has something to show. No per-card audit entries: the step's summary entry covers them.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { addDays } from '../../core/dates.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import type { Random } from '../../core/demo/random.ts';
import { householdCardNo, nextMemberNumbers } from '../cards/card-number.ts';
import type { DemoVillage } from './demo-county.ts';
import type { Coverage } from './demo-enrollment.ts';

export interface CardsOutcome {
  cards: number;
  handedOver: number;
  /** Villages where many hand-overs are missing. */
  laggingVillages: string[];
}

const alive = (p: { birthDate: string; status: string; statusDate: string | null }, day: string) => p.birthDate <= day && (p.status === 'alive' || (p.statusDate !== null && p.statusDate > day));

export async function generateCards(db: Db, actor: Actor, random: Random, villages: DemoVillage[], coverage: Map<number, Map<number, Coverage>>, years: readonly number[], asOf: string): Promise<CardsOutcome> {
  const lagging = new Set([Math.floor(villages.length / 4), Math.floor(villages.length / 2), Math.floor((villages.length * 3) / 4)]);
  const numbers: Array<{ householdId: number; areaCode: string; seq: number; cardNo: string }> = [];
  const members: Array<{ householdId: number; personId: number; memberNo: number }> = [];
  const cards: Array<{ id: number; householdId: number; areaId: number; cardNo: string; year: number; issuedOn: string }> = [];
  const handovers: Array<{ cardId: number; handedOn: string; receiverName: string; receiverRelation: string }> = [];
  const { max } = await db.selectFrom('ncms_card').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  let nextId = Number(max ?? 0);

  for (const [v, village] of villages.entries()) {
    const missingShare = lagging.has(v) ? 0.3 + 0.3 * random.next() : 0.015;
    let seq = 0;
    const carded = new Set<number>();
    for (const year of years) {
      const enrolled = coverage.get(year)!;
      const issuedOn = `${year - 1}-12-${String(random.int(10, 28)).padStart(2, '0')}`;
      if (issuedOn > asOf) continue;
      for (const household of village.households) {
        if (carded.has(household.id) || !household.members.some((m) => enrolled.has(m.id))) continue;
        carded.add(household.id);
        const cardNo = householdCardNo(village.code, ++seq);
        numbers.push({ householdId: household.id, areaCode: village.code, seq, cardNo });
        const living = household.members.filter((m) => alive(m, issuedOn)).map((m) => m.id);
        for (const n of nextMemberNumbers([], living)) members.push({ householdId: household.id, ...n });
        const id = ++nextId;
        cards.push({ id, householdId: household.id, areaId: village.id, cardNo, year, issuedOn });
        const handedOn = addDays(issuedOn, random.int(2, 35));
        if (handedOn > asOf || random.chance(missingShare)) continue;
        const receiver = household.members.find((m) => m.relation === 'head' && alive(m, handedOn)) ?? household.members.find((m) => alive(m, handedOn) && m.birthDate <= addDays(handedOn, -18 * 365));
        if (receiver) handovers.push({ cardId: id, handedOn, receiverName: receiver.name, receiverRelation: receiver.relation ?? 'other' });
      }
    }
  }

  const BATCH = 20_000;
  for (let i = 0; i < numbers.length; i += BATCH) {
    const part = numbers.slice(i, i + BATCH);
    await insertColumns(db, 'ncms_card_number', [
      ['household_id', 'int', part.map((n) => n.householdId)],
      ['area_code', 'text', part.map((n) => n.areaCode)],
      ['seq', 'int', part.map((n) => n.seq)],
      ['card_no', 'text', part.map((n) => n.cardNo)],
    ]);
  }
  for (let i = 0; i < members.length; i += BATCH) {
    const part = members.slice(i, i + BATCH);
    await insertColumns(db, 'ncms_card_member', [
      ['household_id', 'int', part.map((m) => m.householdId)],
      ['person_id', 'int', part.map((m) => m.personId)],
      ['member_no', 'int', part.map((m) => m.memberNo)],
    ]);
  }
  for (let i = 0; i < cards.length; i += BATCH) {
    const part = cards.slice(i, i + BATCH);
    await insertColumns(db, 'ncms_card', [
      ['id', 'int', part.map((c) => c.id)],
      ['household_id', 'int', part.map((c) => c.householdId)],
      ['area_id', 'int', part.map((c) => c.areaId)],
      ['card_no', 'text', part.map((c) => c.cardNo)],
      ['version', 'int', part.map(() => 1)],
      ['year', 'int', part.map((c) => c.year)],
      ['issued_on', 'date', part.map((c) => c.issuedOn)],
      ['issued_by', 'int', part.map(() => actor.userId)],
      ['issued_by_name', 'text', part.map(() => actor.name)],
    ]);
  }
  for (let i = 0; i < handovers.length; i += BATCH) {
    const part = handovers.slice(i, i + BATCH);
    await insertColumns(db, 'ncms_card_handover', [
      ['card_id', 'int', part.map((h) => h.cardId)],
      ['handed_on', 'date', part.map((h) => h.handedOn)],
      ['handed_by', 'int', part.map(() => actor.userId)],
      ['handed_by_name', 'text', part.map(() => actor.name)],
      ['receiver_name', 'text', part.map((h) => h.receiverName)],
      ['receiver_relation', 'text', part.map((h) => h.receiverRelation)],
    ]);
  }
  if (nextId > 0) await sql`select setval(pg_get_serial_sequence('ncms_card', 'id'), ${nextId})`.execute(db);
  return { cards: cards.length, handedOver: handovers.length, laggingVillages: [...lagging].map((i) => villages[i]?.name).filter((n): n is string => n !== undefined) };
}
