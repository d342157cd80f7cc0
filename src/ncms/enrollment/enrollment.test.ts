import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/auth/actor.ts';
import { setPersonStatus } from '../../core/people/persons.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeExampleScheme, addHousehold } from '../testing/enrollment-fixtures.ts';
import { enrollmentsOfYear, isEnrolled, raceChecked } from './enrollment.ts';
import { actorForUser } from '../../core/auth/sessions.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await activeExampleScheme(t.handle.db, 2025);
});
afterAll(() => t.close());

async function enroll(username: string, payload: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'POST', url: '/api/ncms/enrollments', headers: { cookie }, payload });
}
async function get(username: string, url: string) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}
const enrollmentCount = async () => (await t.handle.db.selectFrom('ncms_enrollment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const east = () => t.county.areas.eastVillage;
const west = () => t.county.areas.westVillage;

describe('enrolling a household', () => {
  it('enrolls self-paid and subsidised members with the scheme contribution, who pays, receipt and collector; audited', async () => {
    const h = await addHousehold(t.handle.db, east(), ['王建国', '李桂兰', '王小明']);
    const res = await enroll('doctor_east', {
      householdId: h.id,
      year: 2025,
      receiptNo: 'SJ-0001',
      collectedOn: '2025-01-10',
      members: [
        { personId: h.members[0]!.id, category: 'self_paid' },
        { personId: h.members[1]!.id, category: 'dibao', receiptNo: 'MZ-77' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const { enrollments } = res.json();
    expect(enrollments).toMatchObject([
      { personName: '王建国', category: 'self_paid', categoryName: '自缴', payer: 'individual', payerName: '个人缴纳', amountFen: 40000, receiptNo: 'SJ-0001', collectedOn: '2025-01-10', collectedByName: '东岭村医', areaName: '东岭村', householdNo: h.householdNo },
      { personName: '李桂兰', category: 'dibao', categoryName: '低保', payer: 'government', payerName: '民政部门代缴', amountFen: 40000, receiptNo: 'MZ-77' },
    ]);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'entity_id', 'area_id']).where('entity', '=', 'ncms_enrollment').execute();
    expect(audit).toEqual(enrollments.map((e: { id: number }) => ({ action: 'enroll', entity_id: String(e.id), area_id: east() })));

    const list = (await get('ncms', `/api/ncms/enrollments?year=2025&areaId=${east()}`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { personName: string }) => i.personName)).toEqual(['王建国', '李桂兰']);
    expect((await get('doctor_west', '/api/ncms/enrollments?year=2025')).json().total).toBe(0);
  });

  it('tells whether a person is enrolled for a year (isEnrolled, for settlement)', async () => {
    const h = await addHousehold(t.handle.db, t.county.areas.community, ['孙有田', '孙小田']);
    const [head, child] = h.members;
    expect((await enroll('admin', { householdId: h.id, year: 2025, members: [{ personId: head!.id, category: 'self_paid' }] })).statusCode).toBe(200);
    expect(await isEnrolled(t.handle.db, head!.id, 2025)).toBe(true);
    expect(await isEnrolled(t.handle.db, head!.id, 2024)).toBe(false);
    expect(await isEnrolled(t.handle.db, child!.id, 2025)).toBe(false);
  });

  it('refuses a second enrollment of the same person in a year, in the same or another category', async () => {
    const h = await addHousehold(t.handle.db, east(), ['赵大山', '钱秀英']);
    const [head, spouse] = h.members;
    expect((await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: head!.id, category: 'self_paid' }, { personId: spouse!.id, category: 'dibao' }] })).statusCode).toBe(200);
    const before = await enrollmentCount();

    const same = await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: head!.id, category: 'self_paid' }] });
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatchObject({ code: 'already_enrolled', field: 'members.0.personId', message: '第 1 位成员「赵大山」：该居民 2025 年度已以自缴身份参合，不能重复参合' });

    // The "one household, two cards" fault: subsidised (低保) and self-paid enrollment of the same person.
    const twoCards = await enroll('ncms', { householdId: h.id, year: 2025, members: [{ personId: spouse!.id, category: 'self_paid' }] });
    expect(twoCards.statusCode).toBe(409);
    expect(twoCards.json().error.message).toBe('第 1 位成员「钱秀英」：该居民已以低保身份参合，不能重复以自缴身份参合');

    const twice = await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: head!.id, category: 'self_paid' }, { personId: head!.id, category: 'wubao' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ code: 'duplicate_in_request', field: 'members.1.personId' });
    expect(await enrollmentCount()).toBe(before);
  });

  it('refuses deceased and moved-out persons, and writes nothing of a household with one bad member', async () => {
    const h = await addHousehold(t.handle.db, east(), ['孙老汉', '孙二', '孙三']);
    const system = systemActor();
    await setPersonStatus(t.handle.db, system, h.members[1]!.id, { status: 'deceased', date: '2024-11-02' });
    await setPersonStatus(t.handle.db, system, h.members[2]!.id, { status: 'moved_out', date: '2024-12-01' });
    const before = await enrollmentCount();
    const dead = await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'self_paid' }, { personId: h.members[1]!.id, category: 'self_paid' }] });
    expect(dead.statusCode).toBe(400);
    expect(dead.json().error).toMatchObject({ code: 'person_not_enrollable', field: 'members.1.personId', message: '第 2 位成员「孙二」：该居民已于 2024-11-02 死亡，不能参合' });
    const moved = await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: h.members[2]!.id, category: 'tekun' }] });
    expect(moved.json().error.message).toBe('第 1 位成员「孙三」：该居民已于 2024-12-01 迁出，不能参合');
    expect(await enrollmentCount()).toBe(before); // 孙老汉 was not enrolled on his own either
  });

  it('refuses an unknown category, a year without an active scheme, and a person of another household', async () => {
    const h = await addHousehold(t.handle.db, east(), ['周一']);
    const other = await addHousehold(t.handle.db, east(), ['吴二']);
    const unknown = await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'vip' }] });
    expect(unknown.json().error).toMatchObject({ code: 'unknown_category', field: 'members.0.category' });
    const noScheme = await enroll('doctor_east', { householdId: h.id, year: 2031, members: [{ personId: h.members[0]!.id, category: 'self_paid' }] });
    expect(noScheme.json().error).toMatchObject({ code: 'no_active_scheme', field: 'year', message: '2031 年度尚无执行中的补偿方案，暂不能登记参合' });
    const stranger = await enroll('doctor_east', { householdId: h.id, year: 2025, members: [{ personId: other.members[0]!.id, category: 'self_paid' }] });
    expect(stranger.json().error).toMatchObject({ code: 'not_household_member', message: '「吴二」不是本户成员，请在其所在户登记参合' });
  });

  it('answers a repeated submission with the same requestId by the first result, and refuses the id for other content', async () => {
    const h = await addHousehold(t.handle.db, east(), ['郑重']);
    const payload = { householdId: h.id, year: 2025, requestId: 'req-7f3a9c21', members: [{ personId: h.members[0]!.id, category: 'family_planning' }] };
    const first = await enroll('doctor_east', payload);
    expect(first.statusCode).toBe(200);
    const count = await enrollmentCount();
    const again = await enroll('doctor_east', payload);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await enrollmentCount()).toBe(count);
    const reused = await enroll('doctor_east', { ...payload, members: [{ personId: h.members[0]!.id, category: 'self_paid' }] });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('request_id_reused');
  });

  it('treats a household or person outside the caller scope as not found, writing nothing', async () => {
    const h = await addHousehold(t.handle.db, east(), ['冯东']);
    const w = await addHousehold(t.handle.db, west(), ['陈西']);
    const before = await enrollmentCount();
    const auditBefore = (await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
    const res = await enroll('doctor_west', { householdId: h.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'self_paid' }] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    // A person of another village slipped into one's own household reads as missing too.
    const slipped = await enroll('doctor_west', { householdId: w.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'self_paid' }] });
    expect(slipped.statusCode).toBe(404);
    expect(await enrollmentCount()).toBe(before);
    expect((await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(auditBefore);
    expect((await get('doctor_west', `/api/ncms/enrollments?areaId=${east()}`)).statusCode).toBe(404);
  });

  it('refuses roles without the enrollment permission', async () => {
    const h = await addHousehold(t.handle.db, east(), ['何必']);
    expect((await enroll('cdc', { householdId: h.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'self_paid' }] })).statusCode).toBe(403);
    expect((await enroll('auditor', { householdId: h.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'self_paid' }] })).statusCode).toBe(403);
    expect((await get('cdc', '/api/ncms/enrollments')).statusCode).toBe(403);
  });
});

describe('two submissions at the same moment', () => {
  it('turns the unique index refusing the later one into a Chinese conflict, and lets other errors through', async () => {
    const clash = () => Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await expect(raceChecked(undefined, clash)).rejects.toMatchObject({ code: 'already_enrolled', status: 409, message: '本户有成员刚刚已由他人登记参合（同时提交），请刷新后核对' });
    await expect(raceChecked('req-1', clash)).rejects.toMatchObject({ code: 'already_enrolled', message: '同一份参合登记正在提交中，请稍候刷新查看结果' });
    await expect(raceChecked(undefined, () => Promise.reject(new Error('other')))).rejects.toThrow('other');
    expect(await raceChecked(undefined, async () => 7)).toBe(7);
  });
});

describe('enrollmentsOfYear (for printed documents)', () => {
  it('gives every enrollment of a village and year unpaged, by household, within the caller’s scope', async () => {
    const db = t.handle.db;
    const doctor = (await actorForUser(db, t.county.userIds.doctor_east!))!;
    const westDoctor = (await actorForUser(db, t.county.userIds.doctor_west!))!;
    const a = await addHousehold(db, west(), ['甲一', '甲二']);
    const b = await addHousehold(db, west(), ['乙一']);
    for (const h of [a, b]) {
      const res = await enroll('doctor_west', { householdId: h.id, year: 2025, members: h.members.map((m) => ({ personId: m.id, category: 'self_paid' })) });
      expect(res.statusCode).toBe(200);
    }
    const all = await enrollmentsOfYear(db, westDoctor, { year: 2025, areaId: west() });
    expect(all.map((e) => e.personName)).toEqual(['甲一', '甲二', '乙一']);
    expect((await enrollmentsOfYear(db, westDoctor, { year: 2025, householdIds: [b.id] })).map((e) => e.personName)).toEqual(['乙一']);
    expect(await enrollmentsOfYear(db, westDoctor, { year: 2024, areaId: west() })).toEqual([]);
    expect(await enrollmentsOfYear(db, doctor, { year: 2025, householdIds: [a.id, b.id] })).toEqual([]);
    await expect(enrollmentsOfYear(db, doctor, { year: 2025, areaId: west() })).rejects.toMatchObject({ status: 404 });
  });
});
