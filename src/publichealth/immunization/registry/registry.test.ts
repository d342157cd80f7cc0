import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '../../../core/dates.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { pdfText } from '../../../core/pdf/pdf-text.ts';
import { addFamilyWithChild, createClinics } from './test-fixtures.ts';

let t: TestApp;
let clinics: Awaited<ReturnType<typeof createClinics>>;
const today = todayInShanghai();
const daysAgo = (n: number) => addDays(today, -n);

beforeAll(async () => {
  t = await createTestApp();
  clinics = await createClinics(t.handle.db, t.county);
  // The township user works at 东岭镇卫生院; the CDC user at no clinic.
  await t.handle.db.updateTable('app_user').set({ institution_id: clinics.dongling }).where('username', '=', 'township').execute();
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const count = async (table: 'imm_dose' | 'imm_child' | 'imm_stock_movement' | 'audit_log') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const remaining = async (batchId: number) => (await t.handle.db.selectFrom('imm_batch').select('remaining').where('id', '=', batchId).executeTakeFirstOrThrow()).remaining;

async function receive(username: string, body: Partial<{ vaccine: string; batchNo: string; expiry: string; quantity: number; receivedOn: string; institutionId: number }>) {
  const res = await call(username, 'POST', '/immunization/batches', {
    institutionId: clinics.dongling,
    vaccine: 'HepB',
    manufacturer: '某生物制品公司',
    batchNo: `B${Math.random().toString(36).slice(2, 8)}`,
    expiry: addDays(today, 365),
    quantity: 10,
    receivedOn: daysAgo(300),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; remaining: number; warning: string | null };
}

async function register(username: string, areaId: number, name: string, ageDays: number, extra: object = {}) {
  const child = await addFamilyWithChild(t.handle.db, areaId, name, ageDays);
  const res = await call(username, 'POST', '/immunization/children', {
    personId: child.personId,
    clinicId: clinics.dongling,
    areaId,
    guardianName: `${name}妈妈`,
    guardianPhone: '13800000000',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ...child, id: res.json().id as number, record: res.json() };
}

describe('registering children', () => {
  it('registers a newborn of the township, issues a numbered certificate, shows the plan', async () => {
    const child = await register('township', t.county.areas.eastVillage, '王小宝', 10, { issueCertificate: true, conditions: ['mother_hbsag_positive'] });
    expect(child.record).toMatchObject({ name: '王小宝', residence: 'local', status: 'active', areaName: '东岭村', clinicName: '东岭镇卫生院', conditions: ['mother_hbsag_positive'] });
    // Township code 9 digits + year + 5-digit sequence.
    expect(child.record.certificateNo).toMatch(new RegExp(`^430702100${today.slice(0, 4)}\\d{5}$`));
    expect(child.record.plan.doses.find((d: { vaccine: string; dose: number }) => d.vaccine === 'HepB' && d.dose === 1).status).toBe('overdue');
    const again = await call('township', 'POST', `/immunization/children/${child.id}/certificate`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(child.record.certificateNo);
  });

  it('refuses a second registration, a village clinic as clinic and a village doctor writing', async () => {
    const child = await register('township', t.county.areas.eastVillage, '李二', 30);
    const twice = await call('township', 'POST', '/immunization/children', { personId: child.personId, clinicId: clinics.dongling, areaId: t.county.areas.eastVillage, guardianName: '李妈' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'already_registered', field: 'personId' });
    const other = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '赵三', 30);
    const notClinic = await call('township', 'POST', '/immunization/children', { personId: other.personId, clinicId: clinics.villageClinic, areaId: t.county.areas.eastVillage, guardianName: '赵妈' });
    expect(notClinic.statusCode).toBe(400);
    expect(notClinic.json().error).toMatchObject({ code: 'not_immunization_clinic', field: 'clinicId' });
    const doctor = await call('doctor_east', 'POST', '/immunization/children', { personId: other.personId, clinicId: clinics.dongling, areaId: t.county.areas.eastVillage, guardianName: '赵妈' });
    expect(doctor.statusCode).toBe(403);
  });

  it('two clerks registering the same child at once: one record, the other told in words', async () => {
    const child = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '同时娃', 20);
    const body = { personId: child.personId, clinicId: clinics.dongling, areaId: t.county.areas.eastVillage, guardianName: '同时妈' };
    const answers = await Promise.all([call('township', 'POST', '/immunization/children', body), call('cdc', 'POST', '/immunization/children', body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error).toMatchObject({ code: 'already_registered', field: 'personId' });
  });

  it('a migrant child (household in 城关街道) is registered by ID number and managed where it lives', async () => {
    const migrant = await addFamilyWithChild(t.handle.db, t.county.areas.community, '流动娃', 100);
    const byId = await call('township', 'POST', '/immunization/children', { personId: migrant.personId, clinicId: clinics.dongling, areaId: t.county.areas.westVillage, guardianName: '流动妈' });
    expect(byId.statusCode).toBe(404);
    expect(byId.json().error.message).toContain('流动儿童请按身份证号登记');
    const res = await call('township', 'POST', '/immunization/children', { idNumber: migrant.idNumber, clinicId: clinics.dongling, areaId: t.county.areas.westVillage, guardianName: '流动妈' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ residence: 'migrant_in', areaName: '西岭村', householdAreaName: '北门社区' });
    const byName = await call('township', 'GET', `/immunization/children?q=${encodeURIComponent('流动娃')}`);
    expect(byName.json().items.map((c: { id: number }) => c.id)).toEqual([res.json().id]);
    const west = await call('doctor_west', 'GET', `/immunization/children?areaId=${t.county.areas.westVillage}&residence=migrant_in`);
    expect(west.json().items.map((c: { name: string }) => c.name)).toEqual(['流动娃']);
    expect((await call('doctor_west', 'GET', `/immunization/children/${res.json().id}`)).statusCode).toBe(200);
    // Not listed where the household is registered.
    const street = await call('cdc', 'GET', `/immunization/children?areaId=${t.county.areas.street}`);
    expect(street.json().items.map((c: { name: string }) => c.name)).not.toContain('流动娃');
  });

  it('scope: a village doctor of another village and a township user of another township get 404', async () => {
    const east = await register('township', t.county.areas.eastVillage, '东娃', 60);
    expect((await call('doctor_west', 'GET', `/immunization/children/${east.id}`)).statusCode).toBe(404);
    expect((await call('doctor_east', 'GET', `/immunization/children/${east.id}`)).statusCode).toBe(200);
    const city = await addFamilyWithChild(t.handle.db, t.county.areas.community, '城娃', 60);
    const res = await call('cdc', 'POST', '/immunization/children', { personId: city.personId, clinicId: clinics.chengguan, areaId: t.county.areas.community, guardianName: '城妈' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await call('township', 'GET', `/immunization/children/${res.json().id}`)).statusCode).toBe(404);
    expect((await call('township', 'POST', `/immunization/children/${res.json().id}/doses`, { vaccine: 'BCG', date: today, institutionId: clinics.dongling })).statusCode).toBe(404);
    const list = await call('township', 'GET', '/immunization/children?pageSize=200');
    expect(list.json().items.map((c: { name: string }) => c.name)).not.toContain('城娃');
  });

  it('a child that moved away is taken over by the clinic of its new home with its doses', async () => {
    const child = await register('township', t.county.areas.eastVillage, '搬家娃', 90);
    await receive('township', { vaccine: 'BCG' });
    expect((await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'BCG', date: daysAgo(80), institutionId: clinics.dongling })).statusCode).toBe(200);
    expect((await call('cdc', 'POST', '/immunization/children', { idNumber: child.idNumber, clinicId: clinics.chengguan, areaId: t.county.areas.community, guardianName: '妈' })).json().error.code).toBe('already_registered');
    expect((await call('township', 'POST', `/immunization/children/${child.id}/status`, { status: 'moved_away', date: daysAgo(1) })).statusCode).toBe(200);
    const moved = await call('cdc', 'POST', '/immunization/children', { idNumber: child.idNumber, clinicId: clinics.chengguan, areaId: t.county.areas.community, guardianName: '妈' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id: child.id, status: 'active', areaName: '北门社区', residence: 'migrant_in' });
    expect(moved.json().doses.map((d: { vaccine: string }) => d.vaccine)).toEqual(['BCG']);
    expect((await call('township', 'GET', `/immunization/children/${child.id}`)).statusCode).toBe(404);
  });
});

describe('recording doses', () => {
  it('takes the FEFO batch by default, decrements stock, answers with the updated plan; audited', async () => {
    const child = await register('township', t.county.areas.eastVillage, '种苗娃', 40);
    const later = await receive('township', { vaccine: 'HepB', expiry: addDays(today, 200) });
    const sooner = await receive('township', { vaccine: 'HepB', expiry: addDays(today, 100) });
    const audits = await count('audit_log');
    const res = await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'HepB', date: daysAgo(39), institutionId: clinics.dongling, vaccinator: '护士甲' });
    expect(res.statusCode, res.body).toBe(200);
    const doses = res.json().plan.doses as Array<{ vaccine: string; dose: number; status: string; date?: string; earliest?: string }>;
    expect(doses.find((d) => d.vaccine === 'HepB' && d.dose === 1)).toMatchObject({ status: 'done', date: daysAgo(39) });
    expect(doses.find((d) => d.vaccine === 'HepB' && d.dose === 2)?.status).toMatch(/due|overdue|not_yet_due/);
    expect(await remaining(sooner.id)).toBe(9);
    expect(await remaining(later.id)).toBe(10);
    expect(await count('audit_log')).toBe(audits + 1);
    const record = (await call('doctor_east', 'GET', `/immunization/children/${child.id}`)).json();
    expect(record.doses).toMatchObject([{ vaccine: 'HepB', dose: 1, batchId: sooner.id, placeName: '东岭镇卫生院', vaccinator: '护士甲', source: 'clinic' }]);
  });

  it('each bad input names its field and writes nothing', async () => {
    const child = await register('township', t.county.areas.eastVillage, '错误娃', 50);
    const expired = await receive('township', { vaccine: 'MMR', batchNo: 'EXP-1', expiry: daysAgo(20), receivedOn: daysAgo(300) });
    const empty = await receive('township', { vaccine: 'DTaP', quantity: 1 });
    await receive('township', { vaccine: 'HepB' });
    const other = await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'DTaP', date: daysAgo(1), institutionId: clinics.dongling, batchId: empty.id });
    expect(other.statusCode, other.body).toBe(200); // uses the only DTaP dose in stock
    const before = { doses: await count('imm_dose'), moves: await count('imm_stock_movement'), audit: await count('audit_log') };
    const url = `/immunization/children/${child.id}/doses`;
    const cases: Array<[object, number, string, RegExp]> = [
      [{ vaccine: 'HepB', date: daysAgo(51) }, 400, 'date', /早于出生日期/],
      [{ vaccine: 'HepB', date: addDays(today, 1) }, 400, 'date', /不能晚于今天/],
      [{ vaccine: 'HepB', dose: 2, date: daysAgo(1) }, 400, 'dose', /缺少第1剂/],
      [{ vaccine: 'XYZ', date: daysAgo(1) }, 400, 'vaccine', /未知的疫苗代码「XYZ」/],
      [{ vaccine: 'DTaP', dose: 1, date: daysAgo(1) }, 409, 'dose', /已有 DTaP 第1剂/],
      [{ vaccine: 'MMR', date: daysAgo(1), batchId: expired.id }, 400, 'batchId', new RegExp(`批号 EXP-1 已于 ${daysAgo(20)} 过期，不能用于 ${daysAgo(1)} 的接种`)],
      [{ vaccine: 'MMR', date: daysAgo(1) }, 400, 'batchId', /没有可用于/],
      [{ vaccine: 'HepB', date: daysAgo(1), batchId: empty.id }, 400, 'batchId', /是 DTaP 疫苗，不能用于 HepB/],
      [{ vaccine: 'DTaP', dose: 2, date: today, batchId: empty.id }, 400, 'batchId', /已无库存/],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await call('township', 'POST', url, { institutionId: clinics.dongling, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    expect({ doses: await count('imm_dose'), moves: await count('imm_stock_movement'), audit: await count('audit_log') }).toEqual(before);
  });

  it("the clinic defaults to the user's own institution", async () => {
    const child = await addFamilyWithChild(t.handle.db, t.county.areas.eastVillage, '默认娃', 15);
    const res = await call('township', 'POST', '/immunization/children', { personId: child.personId, areaId: t.county.areas.eastVillage, guardianName: '默认妈' });
    expect(res.json()).toMatchObject({ clinicId: clinics.dongling });
    await receive('township', { vaccine: 'BCG' });
    const dose = await call('township', 'POST', `/immunization/children/${res.json().id}/doses`, { vaccine: 'BCG', date: daysAgo(14) });
    expect(dose.statusCode, dose.body).toBe(200);
    const cdc = await call('cdc', 'POST', `/immunization/children/${res.json().id}/doses`, { vaccine: 'HepB', date: daysAgo(14) });
    expect(cdc.json().error).toMatchObject({ field: 'institutionId', message: '请选择接种单位' });
  });

  it('the register lists the doses of a period from the same records, scoped', async () => {
    const child = await register('township', t.county.areas.eastVillage, '登记册娃', 33);
    const batch = await receive('township', { vaccine: 'HepB', batchNo: 'REG-1' });
    await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'HepB', date: daysAgo(32), institutionId: clinics.dongling, batchId: batch.id, vaccinator: '护士丁' });
    const url = `/immunization/register?from=${daysAgo(32)}&to=${daysAgo(32)}&vaccine=HepB&institutionId=${clinics.dongling}`;
    const lines = (await call('doctor_east', 'GET', url)).json();
    expect(lines.items.filter((l: { name: string }) => l.name === '登记册娃')).toMatchObject([{ childId: child.id, dose: 1, batchNo: 'REG-1', vaccinator: '护士丁', source: 'clinic' }]);
    expect((await call('doctor_west', 'GET', url)).json().items.map((l: { name: string }) => l.name)).not.toContain('登记册娃');
    expect((await call('township', 'GET', `/immunization/register?from=${today}&to=${daysAgo(1)}`)).json().error.field).toBe('to');
  });

  it('a dose given elsewhere is recorded without touching stock', async () => {
    const child = await register('township', t.county.areas.eastVillage, '外地种娃', 70);
    const moves = await count('imm_stock_movement');
    const res = await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'BCG', date: daysAgo(69), source: 'other_place', placeName: '外省某医院', batchNo: 'X-1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await count('imm_stock_movement')).toBe(moves);
    const record = (await call('township', 'GET', `/immunization/children/${child.id}`)).json();
    expect(record.doses).toMatchObject([{ vaccine: 'BCG', source: 'other_place', placeName: '外省某医院', batchNo: 'X-1', batchId: null }]);
  });

  it('a repeated requestId returns the first answer and records one dose', async () => {
    const child = await register('township', t.county.areas.eastVillage, '重复娃', 70);
    const batch = await receive('township', { vaccine: 'IPV' });
    const body = { vaccine: 'IPV', date: daysAgo(5), institutionId: clinics.dongling, requestId: 'req-ipv-0001' };
    const first = await call('township', 'POST', `/immunization/children/${child.id}/doses`, body);
    const second = await call('township', 'POST', `/immunization/children/${child.id}/doses`, body);
    expect(second.json()).toEqual(first.json());
    expect(await remaining(batch.id)).toBe(9);
    const changed = await call('township', 'POST', `/immunization/children/${child.id}/doses`, { ...body, date: daysAgo(4) });
    expect(changed.json().error).toMatchObject({ code: 'request_id_reused', field: 'requestId' });
  });
});

describe('correcting doses', () => {
  it('delete returns the stock; a new batch moves it; a reason is required; audited with the reason', async () => {
    const child = await register('township', t.county.areas.eastVillage, '更正娃', 80);
    const a = await receive('township', { vaccine: 'BCG', expiry: addDays(today, 50) });
    const b = await receive('township', { vaccine: 'BCG', expiry: addDays(today, 90) });
    const dose = (await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'BCG', date: daysAgo(70), institutionId: clinics.dongling })).json();
    expect(await remaining(a.id)).toBe(9);
    const noReason = await call('township', 'PATCH', `/immunization/doses/${dose.doseId}`, { batchId: b.id, reason: ' ' });
    expect(noReason.json().error.field).toBe('reason');
    const moved = await call('township', 'PATCH', `/immunization/doses/${dose.doseId}`, { batchId: b.id, reason: '批号录错' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect([await remaining(a.id), await remaining(b.id)]).toEqual([10, 9]);
    const deleted = await call('township', 'DELETE', `/immunization/doses/${dose.doseId}`, { reason: '录错儿童' });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await remaining(b.id)).toBe(10);
    expect((await call('township', 'GET', `/immunization/children/${child.id}`)).json().doses).toEqual([]);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'imm_dose').where('entity_id', '=', String(dose.doseId)).orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['create', 'correct', 'delete']);
    expect(audit[2]!.after).toEqual({ reason: '录错儿童' });
  });

  it('refuses to delete a dose that a later dose needs, and a new date after the batch expired', async () => {
    const child = await register('township', t.county.areas.eastVillage, '顺序娃', 120);
    const batch = await receive('township', { vaccine: 'HepB', batchNo: 'SHORT', expiry: daysAgo(100), receivedOn: daysAgo(200) });
    await receive('township', { vaccine: 'HepB', expiry: addDays(today, 300) });
    const first = (await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'HepB', date: daysAgo(119), institutionId: clinics.dongling, batchId: batch.id })).json();
    expect(first.doseId).toBeGreaterThan(0);
    expect((await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'HepB', date: daysAgo(40), institutionId: clinics.dongling })).statusCode).toBe(200);
    const del = await call('township', 'DELETE', `/immunization/doses/${first.doseId}`, { reason: '测试' });
    expect(del.json().error).toMatchObject({ code: 'later_dose_exists', field: 'doseId' });
    const late = await call('township', 'PATCH', `/immunization/doses/${first.doseId}`, { date: daysAgo(20), reason: '日期录错' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.field).toBe('date');
    const after = await call('township', 'PATCH', `/immunization/doses/${first.doseId}`, { date: daysAgo(90), reason: '日期录错' });
    expect(after.json().error).toMatchObject({ field: 'batchId' });
    expect(after.json().error.message).toContain(`批号 SHORT 已于 ${daysAgo(100)} 过期，不能用于 ${daysAgo(90)} 的接种`);
  });
});

describe('the certificate', () => {
  it('prints the child, the doses given and the doses to come; refused before the certificate is issued', async () => {
    const child = await register('township', t.county.areas.eastVillage, '打印娃', 75);
    const early = await call('township', 'GET', `/immunization/children/${child.id}/certificate.pdf`);
    expect(early.json().error).toMatchObject({ code: 'certificate_not_issued' });
    const batch = await receive('township', { vaccine: 'HepB', batchNo: 'PRINT-1' });
    await call('township', 'POST', `/immunization/children/${child.id}/doses`, { vaccine: 'HepB', date: daysAgo(74), institutionId: clinics.dongling, batchId: batch.id, vaccinator: '护士丙' });
    const issued = (await call('township', 'POST', `/immunization/children/${child.id}/certificate`, { issuedOn: daysAgo(1) })).json();
    const res = await call('doctor_east', 'GET', `/immunization/children/${child.id}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.rawPayload)).join('\n');
    for (const expected of ['儿童预防接种证', `接种证号：${issued.certificateNo}`, '姓名：打印娃', '乙肝疫苗', 'PRINT-1', '护士丙', '待种剂次', '卡介苗']) {
      expect(text).toContain(expected);
    }
  });
});
