import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { createHousehold } from '../../core/people/households.ts';
import { setPersonStatus } from '../../core/people/persons.ts';
import { createRecord, updateRecord } from './records.ts';

// Records through the services and over HTTP: numbering, versioned and audited edits, closing with the person,
// and the scope (a record outside it answers 404 exactly like a missing one).

let t: TestApp;
const p: Record<'east1' | 'east2' | 'east3' | 'west', number> = {} as never;
const EAST_CODE = '430702100200';

beforeAll(async () => {
  t = await createTestApp();
  const { eastVillage, westVillage } = t.county.areas;
  const member = (name: string, relation: string) => ({ name, sex: 'F' as const, birthDate: '1960-02-02', relation });
  await createHousehold(t.handle.db, systemActor(), { areaId: eastVillage, address: '东岭村一组', members: [member('东一', 'head'), member('东二', 'spouse'), member('东三', 'parent')] });
  await createHousehold(t.handle.db, systemActor(), { areaId: westVillage, address: '西岭村一组', members: [member('西一', 'head')] });
  const ids = await t.handle.db.selectFrom('person').select(['id', 'name']).execute();
  const id = (name: string) => ids.find((r) => r.name === name)!.id;
  Object.assign(p, { east1: id('东一'), east2: id('东二'), east3: id('东三'), west: id('西一') });
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const actor = async (username: string) => (await actorForUser(t.handle.db, t.county.userIds[username]!))!;
const auditOf = (entityId: number) =>
  t.handle.db.selectFrom('audit_log').select(['action', 'before', 'after', 'actor_name']).where('entity', '=', 'health_record').where('entity_id', '=', String(entityId)).orderBy('seq').execute();

describe('creating a record', () => {
  it('numbers records per village (12-digit village code + 5-digit sequence), audits and versions the creation', async () => {
    const first = await createRecord(t.handle.db, await actor('doctor_east'), p.east1, { responsibleDoctor: '王医生', sections: { blood: { abo: 'A', rh: 'positive' } } });
    const second = await createRecord(t.handle.db, await actor('township'), p.east2);
    expect(first.recordNo).toBe(`${EAST_CODE}00001`);
    expect(second.recordNo).toBe(`${EAST_CODE}00002`);
    expect(first).toMatchObject({ createdOn: todayInShanghai(), createdByName: '东岭村医', version: 1, medium: 'electronic', status: { status: 'active' } });
    expect(first.completeness.missing.map((m) => m.key)).not.toContain('blood.abo');
    expect(first.completeness.missing.map((m) => m.key)).toContain('record.institutionName');
    const audit = await auditOf(first.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actor_name: '东岭村医', before: null })]);
    expect(audit[0]!.after).toMatchObject({ personId: p.east1, recordNo: first.recordNo, sections: { blood: { abo: 'A', rh: 'positive' } } });
    const stored = await t.handle.db.selectFrom('health_record').select('missing_items').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(stored.missing_items).toEqual(first.completeness.missing.map((m) => m.key));
  });

  it('refuses a second record for the same resident, naming the first', async () => {
    const res = await call('doctor_east', 'POST', `/api/records/persons/${p.east1}`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'record_exists', message: `「东一」已有健康档案（编号 ${EAST_CODE}00001），不能重复建档` });
  });

  it('refuses a 建档日期 before birth or after today, and a resident who died', async () => {
    const early = await call('doctor_east', 'POST', `/api/records/persons/${p.east3}`, { createdOn: '1950-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ field: 'createdOn', message: '建档日期 1950-01-01 不能早于出生日期 1960-02-02' });
    await setPersonStatus(t.handle.db, systemActor(), p.east3, { status: 'deceased', date: '2024-01-01' });
    const dead = await call('doctor_east', 'POST', `/api/records/persons/${p.east3}`, {});
    expect(dead.statusCode).toBe(409);
    expect(dead.json().error.message).toBe('「东三」已死亡，不能新建健康档案');
    expect(await t.handle.db.selectFrom('health_record').select('id').where('person_id', '=', p.east3).execute()).toEqual([]);
  });
});

describe('editing a record', () => {
  it('writes only the sections that changed, with a version and an audit entry holding before and after', async () => {
    const before = (await call('doctor_east', 'GET', `/api/records/persons/${p.east1}`)).json().record;
    const res = await call('doctor_east', 'PATCH', `/api/records/persons/${p.east1}`, {
      version: before.version,
      sections: { blood: { abo: 'A', rh: 'positive' }, living: { kitchenExhaust: 'chimney', fuel: 'firewood', water: 'well', toilet: 'septic', livestock: 'none' } },
      responsibleDoctor: '李医生',
    });
    expect(res.statusCode, res.body).toBe(200);
    const record = res.json();
    expect(record.version).toBe(2);
    expect(record.sections.living.fuel).toBe('firewood');
    expect(record.completeness.missing.map((m: { key: string }) => m.key)).not.toContain('living.fuel');
    const audit = await auditOf(record.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      before: { responsibleDoctor: '王医生', sections: { living: null } },
      after: { responsibleDoctor: '李医生', sections: { living: { fuel: 'firewood' } } },
    });
    // blood was sent unchanged: neither audited nor versioned as a change.
    expect(audit.at(-1)!.after).not.toHaveProperty('sections.blood');
    const versions = (await call('auditor', 'GET', `/api/records/persons/${p.east1}/versions`)).json();
    expect(versions.map((v: { version: number; changed: string[] }) => [v.version, v.changed])).toEqual([[2, ['responsibleDoctor', 'living']], [1, ['blood']]]);
  });

  it('saving nothing new writes nothing', async () => {
    const { seq } = await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const res = await call('doctor_east', 'PATCH', `/api/records/persons/${p.east1}`, { version: 2, sections: { blood: { abo: 'A', rh: 'positive' } } });
    expect(res.json().version).toBe(2);
    expect((await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(seq);
  });

  it('refuses an edit of an older version rather than overwriting', async () => {
    const res = await call('township', 'PATCH', `/api/records/persons/${p.east1}`, { version: 1, sections: { blood: { abo: 'B' } } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'stale_version', field: 'version' });
  });

  it('explains bad sections on their field and changes nothing', async () => {
    const cases: Array<[object, string, string]> = [
      [{ social: { paymentTypes: ['ncms', 'other'] } }, 'sections.social.paymentOther', '选择了「其他」医疗费用支付方式，请写明是哪一种'],
      [{ history: { diseases: [{ disease: 'hypertension', diagnosedOn: '1950-01-01' }] } }, 'sections.history.diseases.0.diagnosedOn', '既往疾病第 1 项：日期 1950-01-01 早于出生日期 1960-02-02'],
      [{ history: { diseases: [{ disease: 'diabetes', icd10: 'E1', diagnosedOn: '2010-01-01' }] } }, 'sections.history.diseases.0.icd10', 'ICD-10 编码格式应如 I10、E11.9'],
      [{ blood: { abo: 'C' } }, 'sections.blood.abo', 'ABO血型不在代码表中'],
    ];
    for (const [sections, field, message] of cases) {
      const res = await createRecord(t.handle.db, await actor('doctor_east'), p.east2, {}).catch((e) => e);
      expect(res.code).toBe('record_exists');
      const patched = await updateRecord(t.handle.db, await actor('doctor_east'), p.east2, { version: 1, sections: sections as never }).catch((e) => e);
      expect(patched.details?.field, JSON.stringify(sections)).toBe(field);
      expect(patched.message).toContain(message);
    }
    const stored = await t.handle.db.selectFrom('health_record').select(['version', 'basic_info']).where('person_id', '=', p.east2).executeTakeFirstOrThrow();
    expect(stored).toEqual({ version: 1, basic_info: {} });
  });
});

describe('closing follows the person', () => {
  it('a record closes when its resident moves away and reopens when that is undone', async () => {
    await setPersonStatus(t.handle.db, systemActor(), p.east2, { status: 'moved_out', date: '2025-06-30' });
    const closed = (await call('doctor_east', 'GET', `/api/records/persons/${p.east2}`)).json();
    expect(closed.record.status).toEqual({ status: 'closed', reason: 'moved_out', reasonName: '迁出', closedOn: '2025-06-30' });
    const refused = await call('doctor_east', 'PATCH', `/api/records/persons/${p.east2}`, { version: 1, responsibleDoctor: '赵医生' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('「东二」已迁出（2025-06-30），健康档案已结案，不能再修改');
    await setPersonStatus(t.handle.db, systemActor(), p.east2, { status: 'alive' });
    expect((await call('doctor_east', 'GET', `/api/records/persons/${p.east2}`)).json().record.status).toEqual({ status: 'active' });
  });
});

describe('scope and permissions', () => {
  it("a village doctor cannot see or touch another village's record: 404 like a missing one", async () => {
    for (const [method, url, payload] of [
      ['GET', `/api/records/persons/${p.east1}`],
      ['GET', `/api/records/persons/${p.east1}/timeline`],
      ['GET', `/api/records/persons/${p.east1}/versions`],
      ['PATCH', `/api/records/persons/${p.east1}`, { version: 2, responsibleDoctor: '西医生' }],
      ['POST', `/api/records/persons/${p.east3}`, {}],
    ] as const) {
      const res = await call('doctor_west', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.message).toBe('人员不存在或不在您的管辖范围内');
    }
    const missing = await call('doctor_west', 'GET', '/api/records/persons/999999');
    expect(missing.json()).toEqual((await call('doctor_west', 'GET', `/api/records/persons/${p.east1}`)).json());
    const stored = await t.handle.db.selectFrom('health_record').select('responsible_doctor').where('person_id', '=', p.east1).executeTakeFirstOrThrow();
    expect(stored.responsible_doctor).toBe('李医生');
  });

  it('readers read, only township staff and village doctors write', async () => {
    for (const user of ['admin', 'cdc', 'auditor', 'township']) expect((await call(user, 'GET', `/api/records/persons/${p.west}`)).statusCode, user).toBe(200);
    expect((await call('ncms', 'GET', `/api/records/persons/${p.west}`)).statusCode).toBe(403);
    for (const user of ['admin', 'cdc', 'auditor']) expect((await call(user, 'POST', `/api/records/persons/${p.west}`, {})).statusCode, user).toBe(403);
    const own = await call('doctor_west', 'POST', `/api/records/persons/${p.west}`, {});
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().recordNo).toBe('43070210020100001');
  });
});

describe('the record page and its timeline', () => {
  it('answers a resident without a record with record null', async () => {
    const res = (await call('township', 'GET', `/api/records/persons/${p.east3}`)).json();
    expect(res).toMatchObject({ person: { name: '东三', status: 'deceased' }, record: null, dynamicUse: null });
  });

  it('shows birth, the record opened and its edits, newest first, filtered by module', async () => {
    const all = (await call('doctor_east', 'GET', `/api/records/persons/${p.east1}/timeline`)).json();
    expect(all.items.map((e: { module: string; kind: string }) => `${e.module}:${e.kind}`)).toEqual(['records:updated', 'records:created', 'people:birth']);
    expect(all.items[0].detail).toContain('生活环境');
    expect(all.modules).toEqual(expect.arrayContaining([{ module: 'people', label: '户籍登记' }, { module: 'records', label: '健康档案' }]));
    const people = (await call('doctor_east', 'GET', `/api/records/persons/${p.east1}/timeline?modules=people`)).json();
    expect(people.items.map((e: { title: string }) => e.title)).toEqual(['出生']);
    const overview = (await call('doctor_east', 'GET', `/api/records/persons/${p.east1}`)).json();
    // Record keeping is no service: the record is not in dynamic use.
    expect(overview.dynamicUse).toMatchObject({ lastService: null, inUse: false, to: todayInShanghai() });
  });
});
