import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { makeResidentId } from './resident-id.ts';
import { householdsByIds, householdsInArea } from './households.ts';
import { actorForUser } from '../auth/sessions.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function snapshot() {
  const db = t.handle.db;
  const count = async (table: 'household' | 'person') =>
    (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const head = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
  return { households: await count('household'), persons: await count('person'), audit: head.seq };
}

const east = () => t.county.areas.eastVillage;
let seq = 100;
/** A fresh valid ID for each call, so tests do not collide. */
const newId = (birthDate: string, male: boolean) => makeResidentId('430702', birthDate, (seq += 2) + (male ? 1 : 0));

describe('registering a household', () => {
  it('creates the household and its members at once, with the 户主 as head and sex and birth date taken from the ID', async () => {
    const wifeId = newId('1972-04-09', false);
    const husbandId = newId('1970-01-15', true);
    const res = await call('doctor_east', 'POST', '/api/households', {
      areaId: east(),
      address: '东岭村三组 12 号',
      phone: '13800000001',
      members: [
        { name: '李桂兰', idNumber: wifeId, relation: 'spouse' },
        { name: '王建国', idNumber: husbandId.toLowerCase(), relation: 'head', phone: '13800000002', ethnicity: '汉族' },
        { name: '王小宝', sex: 'M', birthDate: '2026-10-01', relation: 'son' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const household = res.json();
    expect(household).toMatchObject({ householdNo: expect.stringMatching(/^\d{4}$/), areaId: east(), areaName: '东岭村', headName: '王建国', headIdNumber: husbandId, memberCount: 3 });
    expect(household.members.map((m: { name: string }) => m.name)).toEqual(['王建国', '李桂兰', '王小宝']);
    expect(household.members[1]).toMatchObject({ sex: 'F', birthDate: '1972-04-09', relation: 'spouse', status: 'alive', statusDate: null });
    expect(household.members[2]).toMatchObject({ idNumber: null, sex: 'M', birthDate: '2026-10-01' });
    const audit = await t.handle.db.selectFrom('audit_log').select(['entity', 'action']).where('area_id', '=', east()).where('entity', 'in', ['household', 'person']).execute();
    expect(audit.filter((a) => a.entity === 'person')).toHaveLength(3);
    expect(audit.filter((a) => a.entity === 'household')).toHaveLength(1);
  });

  it('makes the first member head when nobody is marked 户主, and numbers households one after another', async () => {
    const first = await call('doctor_east', 'POST', '/api/households', { areaId: east(), address: '一组', members: [{ name: '赵一', idNumber: newId('1980-02-02', true), relation: 'other' }] });
    const second = await call('doctor_east', 'POST', '/api/households', { areaId: east(), address: '二组', members: [{ name: '赵二', idNumber: newId('1981-02-02', true), relation: 'head' }] });
    expect(first.json().members[0]).toMatchObject({ name: '赵一', relation: 'head' });
    expect(first.json().headName).toBe('赵一');
    expect(Number(second.json().householdNo)).toBe(Number(first.json().householdNo) + 1);
  });

  it('refuses each kind of bad input in Chinese, naming the field, and writes nothing at all', async () => {
    const existing = newId('1960-06-06', true);
    await call('doctor_east', 'POST', '/api/households', { areaId: east(), address: '已有', members: [{ name: '钱老', idNumber: existing, relation: 'head' }] });
    const good = (name: string) => ({ name, idNumber: newId('1990-01-01', true), relation: 'head' });
    const badChecksum = (() => {
      const id = newId('1991-03-03', false);
      return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    })();
    const twice = newId('1992-05-05', false);
    const cases: Array<[string, object, number, string, string]> = [
      ['wrong checksum', { areaId: east(), address: 'x', members: [good('甲'), { name: '乙', idNumber: badChecksum, relation: 'spouse' }] }, 400, 'members.1.idNumber', 'invalid_id_checksum'],
      ['birth date against the ID', { areaId: east(), address: 'x', members: [{ name: '丙', idNumber: newId('1970-07-07', true), birthDate: '1970-07-08', relation: 'head' }] }, 400, 'members.0.birthDate', 'birth_date_mismatch'],
      ['sex against the ID', { areaId: east(), address: 'x', members: [{ name: '丁', idNumber: newId('1970-07-07', true), sex: 'F', relation: 'head' }] }, 400, 'members.0.sex', 'sex_mismatch'],
      ['the same ID twice', { areaId: east(), address: 'x', members: [good('戊'), { name: '己', idNumber: twice, relation: 'spouse' }, { name: '庚', idNumber: twice, relation: 'daughter' }] }, 400, 'members.2.idNumber', 'duplicate_id_number'],
      ['an ID already in another household', { areaId: east(), address: 'x', members: [good('辛'), { name: '钱老', idNumber: existing, relation: 'parent' }] }, 409, 'members.1.idNumber', 'person_in_other_household'],
      ['a newborn without sex', { areaId: east(), address: 'x', members: [good('壬'), { name: '宝宝', birthDate: '2026-01-01', relation: 'son' }] }, 400, 'members.1.sex', 'invalid_field'],
      ['two heads', { areaId: east(), address: 'x', members: [good('癸'), { ...good('子'), relation: 'head' }] }, 400, 'members.1.relation', 'invalid_field'],
      ['an unknown area', { areaId: 99999, address: 'x', members: [good('丑')] }, 400, 'areaId', 'unknown_area'],
      ['a township instead of a village', { areaId: t.county.areas.town, address: 'x', members: [good('寅')] }, 400, 'areaId', 'unknown_area'],
      ['an unknown relation code', { areaId: east(), address: 'x', members: [{ ...good('卯'), relation: 'cousin' }] }, 400, 'members.0.relation', 'validation_failed'],
    ];
    const before = await snapshot();
    for (const [what, body, status, field, code] of cases) {
      const res = await call('doctor_east', 'POST', '/api/households', body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.json().error, what).toMatchObject({ field, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('says a township is not a village when the admin picks one', async () => {
    const res = await call('admin', 'POST', '/api/households', { areaId: t.county.areas.town, address: 'x', members: [{ name: '辰', idNumber: newId('1990-01-01', true), relation: 'head' }] });
    expect(res.json().error).toMatchObject({ field: 'areaId', code: 'not_a_village' });
  });

  it('names the member in the message', async () => {
    const res = await call('doctor_east', 'POST', '/api/households', {
      areaId: east(),
      address: 'x',
      members: [{ name: '巳', idNumber: newId('1990-01-01', true), relation: 'head' }, { name: '午', idNumber: '123', relation: 'son' }],
    });
    expect(res.json().error.message).toMatch(/^第 2 位成员「午」：身份证号/);
  });
});

describe('members, IDs and status', () => {
  let householdId: number;
  let babyId: number;
  beforeAll(async () => {
    const res = await call('doctor_east', 'POST', '/api/households', { areaId: east(), address: '四组', members: [{ name: '孙父', idNumber: newId('1988-08-08', true), relation: 'head' }] });
    householdId = res.json().id;
  });

  it('adds a newborn without an ID, then gives them one that must agree with the recorded birth date', async () => {
    const added = await call('doctor_east', 'POST', `/api/households/${householdId}/members`, { name: '孙宝', sex: 'F', birthDate: '2025-05-20', relation: 'daughter' });
    expect(added.statusCode, added.body).toBe(201);
    babyId = added.json().id;
    expect(added.json()).toMatchObject({ idNumber: null, household: { id: householdId } });

    const wrongDay = await call('doctor_east', 'PATCH', `/api/persons/${babyId}`, { idNumber: makeResidentId('430702', '2025-05-21', 2) });
    expect(wrongDay.statusCode).toBe(400);
    expect(wrongDay.json().error).toMatchObject({ field: 'birthDate', code: 'birth_date_mismatch' });
    const boysNumber = await call('doctor_east', 'PATCH', `/api/persons/${babyId}`, { idNumber: makeResidentId('430702', '2025-05-20', 3) });
    expect(boysNumber.json().error).toMatchObject({ field: 'sex', code: 'sex_mismatch' });

    const id = makeResidentId('430702', '2025-05-20', 2);
    const ok = await call('doctor_east', 'PATCH', `/api/persons/${babyId}`, { idNumber: id, phone: '13900000000' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ idNumber: id, phone: '13900000000', sex: 'F', birthDate: '2025-05-20' });
    const audit = await t.handle.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'person').where('entity_id', '=', String(babyId)).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ id_number: null, phone: null });
    expect(audit.after).toEqual({ id_number: id, phone: '13900000000' });
  });

  it('refuses blanking a registered ID', async () => {
    const res = await call('doctor_east', 'PATCH', `/api/persons/${babyId}`, { idNumber: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('idNumber');
    expect((await call('doctor_east', 'GET', `/api/persons/${babyId}`)).json().idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('refuses an ID that someone else already has', async () => {
    const father = await call('doctor_east', 'GET', `/api/households/${householdId}`);
    const taken = father.json().members[0].idNumber;
    const res = await call('doctor_east', 'POST', `/api/households/${householdId}/members`, { name: '冒名', idNumber: taken, relation: 'other' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.field).toBe('idNumber');
  });

  it('refuses a second 户主 and changing the head’s relation', async () => {
    const res = await call('doctor_east', 'POST', `/api/households/${householdId}/members`, { name: '孙叔', idNumber: newId('1990-01-01', true), relation: 'head' });
    expect(res.json().error.field).toBe('relation');
    const household = await call('doctor_east', 'GET', `/api/households/${householdId}`);
    const head = household.json().members[0].id;
    const demote = await call('doctor_east', 'PATCH', `/api/persons/${head}`, { relation: 'son' });
    expect(demote.json().error.field).toBe('relation');
  });

  it('records a death with a date that is neither before birth nor in the future, and clears it on return to 在册', async () => {
    const url = `/api/persons/${babyId}/status`;
    const early = await call('doctor_east', 'POST', url, { status: 'deceased', date: '2025-05-19' });
    expect(early.json().error).toMatchObject({ field: 'date', message: expect.stringContaining('不能早于出生日期') });
    const future = await call('doctor_east', 'POST', url, { status: 'moved_out', date: '2999-01-01' });
    expect(future.json().error).toMatchObject({ field: 'date', message: expect.stringContaining('不能晚于今天') });
    const missing = await call('doctor_east', 'POST', url, { status: 'deceased' });
    expect(missing.json().error.field).toBe('date');

    const dead = await call('doctor_east', 'POST', url, { status: 'deceased', date: '2025-06-01' });
    expect(dead.json()).toMatchObject({ status: 'deceased', statusDate: '2025-06-01' });
    const household = await call('doctor_east', 'GET', `/api/households/${householdId}`);
    expect(household.json().memberCount).toBe(1);
    const back = await call('doctor_east', 'POST', url, { status: 'alive', date: '2025-07-01' });
    expect(back.json()).toMatchObject({ status: 'alive', statusDate: null });
  });
});

describe('householdsInArea', () => {
  it('lists every household of a village with its members, head first, and answers 404 outside the scope', async () => {
    const west = t.county.areas.westVillage;
    const made: number[] = [];
    for (const names of [['周一', '周二'], ['吴三']]) {
      const res = await call('doctor_west', 'POST', '/api/households', {
        areaId: west,
        address: '西岭村',
        members: names.map((name, i) => ({ name, idNumber: newId('1980-02-02', true), relation: i === 0 ? 'spouse' : 'head' })),
      });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json().id);
    }
    const doctor = (await actorForUser(t.handle.db, t.county.userIds.doctor_west!))!;
    const listed = await householdsInArea(t.handle.db, doctor, west);
    expect(listed.filter((h) => made.includes(h.id)).map((h) => h.members.map((m) => m.name))).toEqual([['周二', '周一'], ['吴三']]);
    expect(listed.every((h) => h.areaId === west)).toBe(true);
    const eastDoctor = (await actorForUser(t.handle.db, t.county.userIds.doctor_east!))!;
    await expect(householdsInArea(t.handle.db, eastDoctor, west)).rejects.toMatchObject({ status: 404 });
    const county = (await actorForUser(t.handle.db, t.county.userIds.admin!))!;
    expect((await householdsInArea(t.handle.db, county, t.county.areas.county)).length).toBeGreaterThan(listed.length);
  });
});

describe('householdsByIds', () => {
  it('gives the asked households in scope with their members, head first, leaving out the others', async () => {
    const west = t.county.areas.westVillage;
    const admin = (await actorForUser(t.handle.db, t.county.userIds.admin!))!;
    const all = await householdsInArea(t.handle.db, admin, t.county.areas.county);
    const inWest = all.filter((h) => h.areaId === west);
    const inEast = all.filter((h) => h.areaId === east());
    expect(inWest.length).toBeGreaterThan(0);
    expect(inEast.length).toBeGreaterThan(0);
    const ids = [...inWest, ...inEast].map((h) => h.id);
    const byAdmin = await householdsByIds(t.handle.db, admin, [...ids, ids[0]!, 999_999]);
    expect(byAdmin.map((h) => h.id).sort()).toEqual([...ids].sort());
    expect(byAdmin.find((h) => h.id === inWest[0]!.id)).toEqual(inWest[0]);
    const doctor = (await actorForUser(t.handle.db, t.county.userIds.doctor_west!))!;
    expect((await householdsByIds(t.handle.db, doctor, ids)).map((h) => h.id).sort()).toEqual(inWest.map((h) => h.id).sort());
  });
});
