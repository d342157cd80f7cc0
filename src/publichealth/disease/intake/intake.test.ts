import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { visit, visitWorld, send } from './testing/visit-fixtures.ts';
import type { AppError } from '../../../core/errors.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof visitWorld>>;
const count = async () => (await sql<{ n: number }>`select count(*)::int as n from disease_visit`.execute(t.handle.db)).rows[0]!.n;
const refused = async (promise: Promise<unknown>) => {
  const error = (await promise.then(() => null, (e: unknown) => e)) as AppError | null;
  expect(error?.code).toBe('visits_refused');
  return (error!.details as { faults: Array<{ index: number; row?: number; field: string; message: string }> }).faults;
};

beforeAll(async () => {
  t = await createTestApp();
  world = await visitWorld(t.handle.db, t.county);
});
afterAll(() => t?.close());

describe('visit intake', () => {
  it('refuses the whole batch and names every bad visit and field', async () => {
    const faults = await refused(
      send(t.handle.db, world.institutions.hospital, [
        visit('OK-1', { idNumber: world.residents.li.idNumber, name: '李四' }),
        visit('BAD-1', { idNumber: world.residents.li.idNumber, name: '李四' }, 'B26.5'),
        visit('BAD-2', { idNumber: '430702201504020119', name: '张三' }),
        visit('BAD-3', { idNumber: world.residents.li.idNumber, name: '李四' }, 'J11', '2026-04-01 08:00'),
      ]),
    );
    expect(faults.map((f) => [f.index, f.field])).toEqual([
      [1, 'diagnoses.0.code'],
      [2, 'patient.idNumber'],
      [3, 'visitedAt'],
    ]);
    expect(faults[0]!.message).toContain('第 2 条（就诊编号 BAD-1）');
    expect(faults[0]!.message).toContain('不是有效的 ICD-10 编码');
    expect(faults[1]!.message).toContain('校验位');
    expect(faults[2]!.message).toContain('晚于当前时间');
    expect(await count()).toBe(0);
  });

  it('recognises a resend, and reports the same visit id with other content', async () => {
    const batch = [visit('R-1', { idNumber: world.residents.li.idNumber, name: '李四' }), visit('R-2', { name: '张三', birthDate: '2015-04-02', address: '东岭镇东岭村一组' }, 'B08.4')];
    const first = await send(t.handle.db, world.institutions.hospital, batch);
    expect([first.received, first.repeated]).toEqual([2, 0]);
    const again = await send(t.handle.db, world.institutions.hospital, batch);
    expect([again.received, again.repeated]).toEqual([0, 2]);
    expect(again.visits.map((v) => v.status)).toEqual(['repeated', 'repeated']);
    expect(await count()).toBe(2);
    const faults = await refused(send(t.handle.db, world.institutions.hospital, [visit('R-1', { idNumber: world.residents.li.idNumber, name: '李四' }, 'J11')]));
    expect(faults[0]!.message).toContain('内容与这次不同');
    const diagnosis = await t.handle.db.selectFrom('disease_visit_diagnosis as d').innerJoin('disease_visit as v', 'v.id', 'd.visit_id').select(['d.icd10', 'd.category']).where('v.sender_visit_id', '=', 'R-1').execute();
    expect(diagnosis).toEqual([{ icd10: 'B26.9', category: 'B26' }]);
  });

  it('matches by ID, else by name, birth date and village; leaves the rest unmatched', async () => {
    const { residents, institutions } = world;
    const result = await send(t.handle.db, institutions.clinic, [
      visit('M-1', { idNumber: residents.zhang.idNumber, name: '张三' }),
      visit('M-2', { name: '李四', birthDate: '1980-07-15' }), // the clinic's own village
      visit('M-3', { name: '王五', birthDate: '1990-01-20', address: '东岭镇西岭村' }),
      visit('M-4', { name: '王午', birthDate: '1990-01-20', address: '东岭镇西岭村' }), // misspelt
    ]);
    expect(result.visits.map((v) => v.matchMethod)).toEqual(['id_number', 'name_birth_village', 'name_birth_village', 'unmatched']);
    const county = await send(t.handle.db, institutions.hospital, [visit('M-5', { name: '李四', birthDate: '1980-07-15' })]);
    expect(county.visits[0]!.matchMethod).toBe('unmatched'); // a county hospital has no village of its own
  });

  it('refuses a village clinic visit for a resident of another township; the county hospital may send it', async () => {
    const zhao = visit('O-1', { idNumber: world.residents.zhao.idNumber, name: '赵六' });
    const faults = await refused(send(t.handle.db, world.institutions.clinic, [zhao]));
    expect(faults[0]!.message).toContain('不在东岭村卫生室所在乡镇的范围内');
    expect((await send(t.handle.db, world.institutions.hospital, [zhao])).matched).toBe(1);
  });
});

describe('visit API', () => {
  let key = '';
  it('issues keys to the bureau only and refuses missing, wrong and revoked keys with 401', async () => {
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/disease/visits', headers, payload: { visits: [visit('K-1', { idNumber: world.residents.li.idNumber, name: '李四' }, 'J11.1')] } });
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ 'x-api-key': 'jc_wrong' })).statusCode).toBe(401);
    const denied = await t.app.inject({ method: 'POST', url: '/api/disease/visit-keys', headers: await t.as('v_hospital'), payload: { institutionId: world.institutions.hospital } });
    expect(denied.statusCode).toBe(403);
    const issued = await t.app.inject({ method: 'POST', url: '/api/disease/visit-keys', headers: await t.as('admin'), payload: { institutionId: world.institutions.hospital, label: 'HIS' } });
    key = issued.json().key;
    const ok = await post({ 'x-api-key': key });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ received: 1, matched: 1 });
    const stored = await t.handle.db.selectFrom('disease_api_key').select('key_hash').execute();
    expect(stored.some((r) => r.key_hash.includes(key))).toBe(false);
    await t.app.inject({ method: 'POST', url: `/api/disease/visit-keys/${issued.json().id}/revoke`, headers: await t.as('admin') });
    expect((await post({ 'x-api-key': key })).statusCode).toBe(401);
  });

  it('imports a CSV file all or nothing, naming each bad row, and recognises it when uploaded again', async () => {
    const headers = { ...(await t.as('v_clinic')), 'content-type': 'text/csv' };
    const csv = (third: string) =>
      ['就诊编号,姓名,身份证号,出生日期,住址,就诊时间,诊断编码', `F-1,张三,${world.residents.zhang.idNumber},,,2026-03-01 10:00,B26.9;J06.9`, 'F-2,李四,,1980-07-15,东岭村,2026-03-01 11:00,A09.0', third].join('\r\n');
    const bad = await t.app.inject({ method: 'POST', url: '/api/disease/visits/import?fileName=log.csv', headers, payload: csv('F-3,王五,,1990-13-01,,2030-01-01,XYZ') });
    expect(bad.statusCode).toBe(400);
    const faults = bad.json().error.details.faults as Array<{ row: number; field: string }>;
    expect(faults.map((f) => [f.row, f.field])).toEqual([
      [4, 'patient.birthDate'],
      [4, 'visitedAt'],
      [4, 'diagnoses.0.code'],
    ]);
    expect(bad.json().error.details.rows.map((r: { column: string }) => r.column)).toEqual(['出生日期', '就诊时间', '诊断编码']);
    const before = await count();
    const good = csv('F-3,王五,,1990-01-20,东岭镇西岭村,2026-03-01 12:00,B08.4');
    const ok = await t.app.inject({ method: 'POST', url: '/api/disease/visits/import?fileName=log.csv', headers, payload: good });
    expect(ok.json()).toMatchObject({ received: 3, repeated: 0, matched: 3 });
    const again = await t.app.inject({ method: 'POST', url: '/api/disease/visits/import?fileName=log.csv', headers, payload: good });
    expect(again.json()).toMatchObject({ received: 0, repeated: 3 });
    expect(await count()).toBe(before + 3);
  });

  it('lists visits within scope and links unmatched ones by hand, audited', async () => {
    const list = async (user: string, query = '') => (await t.app.inject({ method: 'GET', url: `/api/disease/visits?pageSize=200${query}`, headers: await t.as(user) })).json();
    const all = await list('cdc');
    const hospital = await list('v_hospital');
    const clinic = await list('v_clinic');
    expect(hospital.items.every((v: { institutionId: number }) => v.institutionId === world.institutions.hospital)).toBe(true);
    expect(clinic.items.every((v: { institutionId: number }) => v.institutionId === world.institutions.clinic)).toBe(true);
    expect(hospital.total + clinic.total).toBe(all.total);
    expect((await list('doctor_west')).total).toBe(0);
    expect((await list('cdc', '&icd10=B26')).items.every((v: { diagnoses: Array<{ code: string }> }) => v.diagnoses.some((d) => d.code.startsWith('B26')))).toBe(true);

    const unmatched = (await list('v_clinic', '&unmatched=true')).items[0];
    expect(unmatched.visitId).toBe('M-4');
    const wang = await t.handle.db.selectFrom('person').select('id').where('name', '=', '王五').executeTakeFirstOrThrow();
    const link = async (user: string) => t.app.inject({ method: 'POST', url: `/api/disease/visits/${unmatched.id}/link`, headers: await t.as(user), payload: { personId: wang.id } });
    expect((await link('doctor_west')).statusCode).toBe(404); // the visit is outside the village doctor's scope
    expect((await link('v_centre')).statusCode).toBe(200);
    expect((await link('v_centre')).statusCode).toBe(409);
    const linked = await t.handle.db.selectFrom('disease_visit').select(['person_id', 'match_method']).where('id', '=', unmatched.id).executeTakeFirstOrThrow();
    expect(linked).toEqual({ person_id: wang.id, match_method: 'manual' });
    const audit = await t.handle.db.selectFrom('audit_log').select('actor_name').where('entity', '=', 'disease_visit').where('action', '=', 'link').execute();
    expect(audit).toEqual([{ actor_name: '卫生院防保' }]);
  });
});
