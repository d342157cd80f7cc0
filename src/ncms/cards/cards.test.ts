import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/auth/actor.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import { addMember } from '../../core/people/households.ts';
import { setPersonStatus } from '../../core/people/persons.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeExampleScheme, addHousehold } from '../testing/enrollment-fixtures.ts';
import { enrollHousehold } from '../enrollment/enrollment.ts';
import { issueCard } from './cards.ts';

let t: TestApp;
const system = systemActor('测试');
beforeAll(async () => {
  t = await createTestApp();
  await activeExampleScheme(t.handle.db, 2025);
  await activeExampleScheme(t.handle.db, 2026);
});
afterAll(() => t.close());

const east = () => t.county.areas.eastVillage;
const west = () => t.county.areas.westVillage;
const EAST_CODE = '430702100200';
const WEST_CODE = '430702100201';

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** A household of the village, enrolled for each year given (every member self-paid unless categories say else). */
async function enrolledHousehold(areaId: number, names: string[], years: number[], categories: string[] = []) {
  const h = await addHousehold(t.handle.db, areaId, names);
  for (const year of years) {
    await enrollHousehold(t.handle.db, system, {
      householdId: h.id,
      year,
      collectedOn: `${year}-01-15`,
      receiptNo: `SJ-${h.householdNo}`,
      members: h.members.map((m, i) => ({ personId: m.id, category: categories[i] ?? 'self_paid' })),
    });
  }
  return h;
}

const issue = (username: string, householdId: number, year = 2025) => call(username, 'POST', '/api/ncms/cards/issue', { householdId, year, issuedOn: `${year}-02-01` });
const validCards = async (householdId: number) =>
  (await t.handle.db.selectFrom('ncms_card').select('id').where('household_id', '=', householdId).where('status', '=', 'valid').execute()).length;

describe('issuing cards', () => {
  it('numbers cards by village code + household sequence, members by 2 digits, and refuses a household not enrolled', async () => {
    const a = await enrolledHousehold(east(), ['王建国', '李桂兰'], [2025]);
    const b = await enrolledHousehold(east(), ['赵大山'], [2025]);
    const res = await issue('doctor_east', a.id);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card).toMatchObject({ cardNo: `${EAST_CODE}0001`, enrolled: true, card: { version: 1, status: 'valid', year: 2025, issuedOn: '2025-02-01', issuedByName: '东岭村医', handover: null } });
    expect(card.members).toMatchObject([
      { name: '王建国', memberNo: 1, medicalNo: `${EAST_CODE}000101`, relationName: '户主', enrollment: { categoryName: '自缴', amountFen: 40000 } },
      { name: '李桂兰', memberNo: 2, medicalNo: `${EAST_CODE}000102` },
    ]);
    expect((await issue('doctor_east', b.id)).json().cardNo).toBe(`${EAST_CODE}0002`);

    const notEnrolled = await addHousehold(t.handle.db, east(), ['钱多多']);
    const refused = await issue('doctor_east', notEnrolled.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'not_enrolled', field: 'householdId', message: expect.stringContaining('2025 年度尚未参合，不能发证') });

    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'area_id', 'after']).where('entity', '=', 'ncms_card').where('action', '=', 'issue').execute();
    expect(audit.map((e) => e.after)).toEqual(expect.arrayContaining([expect.objectContaining({ householdId: a.id, cardNo: `${EAST_CODE}0001`, version: 1, year: 2025 })]));
  });

  it('refuses a second card for a household, also when two issues arrive at once (one household, two cards)', async () => {
    const h = await enrolledHousehold(east(), ['孙并发'], [2025]);
    const db = t.handle.db;
    const doctor = (await actorForUser(db, t.county.userIds.doctor_east!))!;
    const results = await Promise.allSettled([issueCard(db, doctor, { householdId: h.id, year: 2025 }), issueCard(db, doctor, { householdId: h.id, year: 2025 })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'already_issued', status: 409 });
    expect(await validCards(h.id)).toBe(1);

    // Two households of one village at once: the village's sequence is not raced either.
    const [x, y] = [await enrolledHousehold(east(), ['孙甲'], [2025]), await enrolledHousehold(east(), ['孙乙'], [2025])];
    const both = await Promise.all([issueCard(db, doctor, { householdId: x.id, year: 2025 }), issueCard(db, doctor, { householdId: y.id, year: 2025 })]);
    const seqs = both.map((c) => Number(c.cardNo!.slice(12))).sort((p, q) => p - q);
    expect(seqs[1]).toBe(seqs[0]! + 1);

    const again = await issue('ncms', h.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已持有效合作医疗证（证号 \d{16}，.*一户只能有一本有效证/);
    // The database refuses a second valid card too, whatever the code does.
    const card = await db.selectFrom('ncms_card').selectAll().where('household_id', '=', h.id).executeTakeFirstOrThrow();
    await expect(db.insertInto('ncms_card').values({ ...card, id: undefined, version: 2, created_at: undefined }).execute()).rejects.toMatchObject({ code: '23505' });
  });

  it('keeps the number across a reissue (new version, old one voided with the reason) and across years; reissue is for the NCMS office', async () => {
    const h = await enrolledHousehold(east(), ['周补发', '周二'], [2025, 2026]);
    const first = (await issue('doctor_east', h.id)).json();
    const url = `/api/ncms/cards/households/${h.id}/reissue`;
    expect((await call('doctor_east', 'POST', url, { version: 1, reason: '遗失' })).statusCode).toBe(403);
    const res = await call('ncms', 'POST', url, { version: 1, reason: '遗失', issuedOn: '2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    const reissued = res.json();
    expect(reissued.cardNo).toBe(first.cardNo);
    expect(reissued.card).toMatchObject({ version: 2, status: 'valid', issuedOn: '2025-06-01', year: 2025 });
    expect(reissued.versions[1]).toMatchObject({ version: 1, status: 'void', voidReason: '遗失', voidedOn: '2025-06-01', voidedByName: '合管办经办' });
    expect(reissued.members.map((m: { medicalNo: string }) => m.medicalNo)).toEqual(first.members.map((m: { medicalNo: string }) => m.medicalNo));

    // A second click on the same form finds version 1 already replaced and changes nothing.
    const twice = await call('ncms', 'POST', url, { version: 1, reason: '遗失' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('version_changed');
    expect(await validCards(h.id)).toBe(1);

    // Next year: enrolled again, the household keeps its card; issuing again is refused, the view shows 2026.
    expect((await issue('doctor_east', h.id, 2026)).json().error.code).toBe('already_issued');
    const view = (await call('doctor_east', 'GET', `/api/ncms/cards/households/${h.id}?year=2026`)).json();
    expect(view).toMatchObject({ cardNo: first.cardNo, year: 2026, enrolled: true, card: { version: 2 } });

    const audit = await t.handle.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'ncms_card').where('action', '=', 'reissue').execute();
    expect(audit).toEqual([{ before: { cardNo: first.cardNo, version: 1, status: 'void', voidReason: '遗失' }, after: expect.objectContaining({ version: 2, cardNo: first.cardNo }) }]);
  });

  it('keeps members’ numbers when they leave and gives a newcomer the next one at the next card write', async () => {
    const h = await enrolledHousehold(east(), ['吴户主', '吴老人', '吴儿子'], [2025]);
    await issue('doctor_east', h.id);
    await setPersonStatus(t.handle.db, system, h.members[1]!.id, { status: 'deceased', date: '2025-03-01' });
    const baby = await addMember(t.handle.db, system, h.id, { name: '吴宝宝', sex: 'F', birthDate: '2025-04-01', relation: 'grandchild' });
    const before = (await call('doctor_east', 'GET', `/api/ncms/cards/households/${h.id}?year=2025`)).json();
    expect(before.members.find((m: { personId: number }) => m.personId === baby)).toMatchObject({ memberNo: null, medicalNo: null, enrollment: null });
    const handed = await call('doctor_east', 'POST', `/api/ncms/cards/households/${h.id}/handover`, { handedOn: '2025-05-01', receiverName: '吴户主', receiverRelation: 'head' });
    expect(handed.statusCode, handed.body).toBe(200);
    const numbers = Object.fromEntries(handed.json().members.map((m: { name: string; memberNo: number }) => [m.name, m.memberNo]));
    expect(numbers).toEqual({ 吴户主: 1, 吴老人: 2, 吴儿子: 3, 吴宝宝: 4 });
  });
});

describe('hand-over, register and reconciliation', () => {
  it('registers one hand-over per card; the register counts delivered and not delivered', async () => {
    const a = await enrolledHousehold(west(), ['郑甲'], [2025]);
    const b = await enrolledHousehold(west(), ['郑乙'], [2025]);
    await issue('doctor_west', a.id);
    await issue('doctor_west', b.id);
    const url = `/api/ncms/cards/households/${a.id}/handover`;
    const early = await call('doctor_west', 'POST', url, { handedOn: '2025-01-01', receiverName: '郑甲', receiverRelation: 'head' });
    expect(early.json().error).toMatchObject({ field: 'handedOn', message: '发放日期 2025-01-01 不能早于发证日期 2025-02-01' });
    const ok = await call('doctor_west', 'POST', url, { handedOn: '2025-02-03', receiverName: '郑小妹', receiverRelation: 'daughter', note: '户主外出务工，女儿代领' });
    expect(ok.json().card.handover).toEqual({ handedOn: '2025-02-03', handedByName: '西岭村医', receiverName: '郑小妹', receiverRelation: 'daughter', receiverRelationName: '女', note: '户主外出务工，女儿代领' });
    const twice = await call('doctor_west', 'POST', url, { receiverName: '郑甲', receiverRelation: 'head' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('本户第 1 版医疗证已于 2025-02-03 由 西岭村医 发给 郑小妹，不能重复登记');
    const noCard = await addHousehold(t.handle.db, west(), ['无证户']);
    expect((await call('doctor_west', 'POST', `/api/ncms/cards/households/${noCard.id}/handover`, { receiverName: 'x', receiverRelation: 'head' })).json().error.code).toBe('no_card');

    const register = (await call('doctor_west', 'GET', `/api/ncms/cards/villages/${west()}/register`)).json();
    const rows = register.rows.filter((r: { householdId: number }) => [a.id, b.id].includes(r.householdId));
    expect(rows.map((r: { delivered: boolean; headName: string }) => [r.headName, r.delivered])).toEqual([['郑甲', true], ['郑乙', false]]);
    expect(register.issued).toBe(register.delivered + register.notDelivered);
    const audit = await t.handle.db.selectFrom('audit_log').select(['after']).where('entity', '=', 'ncms_card').where('action', '=', 'hand_over').where('area_id', '=', west()).execute();
    expect(audit.map((e) => e.after)).toContainEqual(expect.objectContaining({ householdId: a.id, receiverName: '郑小妹', receiverRelation: 'daughter' }));
  });

  it('batch-issues every enrolled household of a village without a card, once; reconciliation names every difference', async () => {
    // A village of its own so the figures are exact: 西岭村 is shared with the test above, so use 北门社区 (a community).
    const village = t.county.areas.community;
    const code = '430702001001';
    const [a, b, c] = [await enrolledHousehold(village, ['甲户'], [2025, 2026]), await enrolledHousehold(village, ['乙户', '乙妻'], [2025], ['self_paid', 'dibao']), await enrolledHousehold(village, ['丙户'], [2025])];
    const notEnrolled = await addHousehold(t.handle.db, village, ['丁户']);
    expect((await issue('ncms', a.id)).json().cardNo).toBe(`${code}0001`);

    const batch = await call('ncms', 'POST', '/api/ncms/cards/issue-village', { areaId: village, year: 2025, issuedOn: '2025-02-01' });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json()).toMatchObject({ enrolledHouseholds: 3, alreadyHeld: 1, movedAway: 0, issued: [{ householdId: b.id, cardNo: `${code}0002` }, { householdId: c.id, cardNo: `${code}0003` }] });
    const again = (await call('ncms', 'POST', '/api/ncms/cards/issue-village', { areaId: village, year: 2025 })).json();
    expect(again).toMatchObject({ issued: [], alreadyHeld: 3 });
    expect(await t.handle.db.selectFrom('ncms_card').select('id').where('area_id', '=', village).execute()).toHaveLength(3);

    await call('ncms', 'POST', `/api/ncms/cards/households/${b.id}/handover`, { handedOn: '2025-02-02', receiverName: '乙户', receiverRelation: 'head' });
    const y2025 = (await call('ncms', 'GET', `/api/ncms/cards/villages/${village}/reconciliation?year=2025`)).json();
    expect(y2025).toMatchObject({ enrolledHouseholds: 3, enrolledPersons: 4, validCards: 3, enrolledWithCard: 3, enrolledDelivered: 1, balanced: true, enrolledWithoutCard: [], cardWithoutEnrollment: [] });
    expect(y2025.notDelivered.map((r: { householdId: number }) => r.householdId)).toEqual([a.id, c.id]);

    // 2026: only 甲户 enrolled again, and a new household enrolled without a card yet.
    const e = await enrolledHousehold(village, ['戊户', '戊妻'], [2026], ['self_paid', 'wubao']);
    const y2026 = (await call('ncms', 'GET', `/api/ncms/cards/villages/${village}/reconciliation?year=2026`)).json();
    expect(y2026).toMatchObject({ enrolledHouseholds: 2, enrolledPersons: 3, validCards: 3, enrolledWithCard: 1, enrolledDelivered: 0, balanced: false });
    expect(y2026.enrolledWithoutCard).toEqual([{ householdId: e.id, householdNo: e.householdNo, headName: '戊户', enrolledPersons: 2, paidFen: 40000 }]);
    expect(y2026.cardWithoutEnrollment.map((r: { householdId: number }) => r.householdId)).toEqual([b.id, c.id]);
    expect(y2026.enrolledWithoutCard.some((r: { householdId: number }) => r.householdId === notEnrolled.id)).toBe(false);
  });
});

describe('scope and permissions', () => {
  it('lets a village doctor issue and hand over only in their own village; auditors read but do not write', async () => {
    const h = await enrolledHousehold(east(), ['范东'], [2025]);
    expect((await issue('doctor_west', h.id)).statusCode).toBe(404);
    expect((await call('doctor_west', 'POST', '/api/ncms/cards/issue-village', { areaId: east(), year: 2025 })).statusCode).toBe(404);
    expect((await call('doctor_west', 'GET', `/api/ncms/cards/villages/${east()}/register`)).statusCode).toBe(404);
    expect((await call('doctor_west', 'GET', `/api/ncms/cards/villages/${east()}/reconciliation?year=2025`)).statusCode).toBe(404);
    expect((await call('doctor_west', 'GET', `/api/ncms/cards/households/${h.id}`)).statusCode).toBe(404);
    expect((await call('doctor_west', 'GET', `/api/ncms/cards/households/${h.id}/card.pdf?year=2025`)).statusCode).toBe(404);
    expect((await call('doctor_west', 'GET', `/api/ncms/cards/households/${h.id}/receipt.pdf?year=2025`)).statusCode).toBe(404);
    // A township is not a village: its doctor's own village chain above is not a register.
    expect((await call('doctor_east', 'GET', `/api/ncms/cards/villages/${t.county.areas.town}/register`)).statusCode).toBe(404);
    expect((await call('township', 'GET', `/api/ncms/cards/villages/${t.county.areas.town}/register`)).json().error.code).toBe('not_a_village');
    expect((await issue('auditor', h.id)).statusCode).toBe(403);
    expect((await issue('cdc', h.id)).statusCode).toBe(403);
    expect((await issue('doctor_east', h.id)).statusCode).toBe(200);
    expect((await call('doctor_west', 'POST', `/api/ncms/cards/households/${h.id}/handover`, { receiverName: '范东', receiverRelation: 'head' })).statusCode).toBe(404);
    expect((await call('auditor', 'GET', `/api/ncms/cards/households/${h.id}`)).json().card.version).toBe(1);
    expect((await call('cdc', 'GET', `/api/ncms/cards/households/${h.id}`)).statusCode).toBe(403);
  });

  it('numbers a household of a second village from that village’s own sequence', async () => {
    const h = await enrolledHousehold(west(), ['冯西'], [2025]);
    const card = (await issue('doctor_west', h.id)).json();
    expect(card.cardNo.slice(0, 12)).toBe(WEST_CODE);
    const seqs = await t.handle.db.selectFrom('ncms_card_number').select('seq').where('area_code', '=', WEST_CODE).orderBy('seq').execute();
    expect(seqs.map((s) => s.seq)).toEqual(seqs.map((_, i) => i + 1));
  });
});
