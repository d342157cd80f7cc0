import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { makeResidentId } from '../people/resident-id.ts';
import { createInstitution, institutionBasics, institutionIdsIn } from './institutions.ts';
import { addStaff } from './staff.ts';

let t: TestApp;
const ids = { hospital: 0, centre: 0, eastClinic: 0, streetCentre: 0 };
const surgeonId = makeResidentId('430702', '1975-03-08', 11);
const villageDoctorId = makeResidentId('430702', '1968-11-20', 22);

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function counts() {
  const db = t.handle.db;
  const [inst, staff, audit] = await Promise.all([
    db.selectFrom('institution').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { institutions: inst.n, staff: staff.n, audit: audit.n };
}

beforeAll(async () => {
  t = await createTestApp();
  const { areas } = t.county;
  const create = async (body: object) => {
    const res = await call('admin', 'POST', '/api/institutions', body);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as number;
  };
  ids.hospital = await create({ code: 'H001', name: '清河县人民医院', kind: 'county_hospital', level: 'county', areaId: areas.county, designations: ['ncms_designated', 'delivery'], phone: '0736-1234567' });
  ids.centre = await create({ code: 'T001', name: '东岭镇卫生院', kind: 'township_hc', level: 'township', areaId: areas.town, parentId: ids.hospital });
  ids.eastClinic = await create({ code: 'V001', name: '东岭村卫生室', kind: 'village_clinic', level: 'village', areaId: areas.eastVillage, parentId: ids.centre });
  ids.streetCentre = await create({ code: 'C001', name: '城关街道社区卫生服务中心', kind: 'community_hc', level: 'township', areaId: areas.street });
  for (const [institution, body] of [
    [ids.hospital, { name: '王外科', idNumber: surgeonId, role: 'doctor', qualification: 'physician', phone: '13800000001' }],
    [ids.hospital, { name: '李护士', sex: 'F', role: 'nurse', qualification: 'registered_nurse', phone: '13800000002' }],
    [ids.eastClinic, { name: '赵村医', idNumber: villageDoctorId, role: 'village_doctor', qualification: 'village_doctor_licence', phone: '13900000003' }],
  ] as const) {
    const res = await call('admin', 'POST', `/api/institutions/${institution}/staff`, body);
    if (res.statusCode !== 201) throw new Error(res.body);
  }
});
afterAll(() => t.close());

describe('institution meta', () => {
  it('lists the vocabularies with Chinese names', async () => {
    const res = await call('doctor_east', 'GET', '/api/institutions/meta');
    expect(res.statusCode).toBe(200);
    const meta = res.json();
    expect(meta.kinds).toContainEqual({ kind: 'village_clinic', name: '村卫生室', levels: [{ level: 'village', areaLevel: 'village' }] });
    expect(meta.kinds.map((k: { name: string }) => k.name)).toContain('妇幼保健站(院)');
    expect(meta.levels).toEqual([
      { level: 'village', name: '村级' },
      { level: 'township', name: '乡级' },
      { level: 'county', name: '县级' },
      { level: 'outside', name: '县外' },
    ]);
    expect(meta.designations).toContainEqual({ designation: 'infectious_reporting', name: '传染病网络直报单位' });
    expect(meta.staffRoles).toContainEqual({ role: 'village_doctor', name: '乡村医生' });
    expect(meta.qualifications.map((q: { name: string }) => q.name)).toEqual(['执业医师', '执业助理医师', '乡村医生执业证', '注册护士', '药师', '无']);
  });

  it('needs a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/institutions/meta' });
    expect(res.statusCode).toBe(401);
  });
});

describe('institution directory', () => {
  it('shows every institution to a village doctor, with names and staff counts', async () => {
    const res = await call('doctor_east', 'GET', '/api/institutions');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(body.items.find((i: { id: number }) => i.id === ids.hospital)).toEqual({
      id: ids.hospital,
      code: 'H001',
      name: '清河县人民医院',
      kind: 'county_hospital',
      kindName: '县人民医院/综合医院',
      level: 'county',
      levelName: '县级',
      areaId: t.county.areas.county,
      areaName: '清河县',
      parentId: null,
      designations: ['ncms_designated', 'delivery'],
      address: '',
      phone: '0736-1234567',
      active: true,
      staffCount: 2,
    });
  });

  it('filters by name or code, kind, level and area subtree', async () => {
    const names = async (query: string) =>
      (await call('admin', 'GET', `/api/institutions?${query}`)).json().items.map((i: { name: string }) => i.name);
    expect(await names(`q=${encodeURIComponent('卫生院')}`)).toEqual(['东岭镇卫生院']);
    expect(await names('q=V0')).toEqual(['东岭村卫生室']);
    expect(await names('kind=community_hc')).toEqual(['城关街道社区卫生服务中心']);
    expect(await names('level=township')).toEqual(['城关街道社区卫生服务中心', '东岭镇卫生院']);
    expect(await names(`areaId=${t.county.areas.town}`)).toEqual(['东岭镇卫生院', '东岭村卫生室']);
    expect(await names(`areaId=${t.county.areas.westVillage}`)).toEqual([]);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('pages', async () => {
    const res = await call('admin', 'GET', '/api/institutions?page=2&pageSize=3');
    expect(res.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(res.json().items).toHaveLength(1);
    expect((await call('admin', 'GET', '/api/institutions?pageSize=500')).statusCode).toBe(400);
  });

  it('answers a missing institution with 404', async () => {
    expect((await call('doctor_east', 'GET', '/api/institutions/99999')).statusCode).toBe(404);
  });
});

describe('staff personal details follow the caller’s area', () => {
  const staffOf = async (user: string, id: number) => (await call(user, 'GET', `/api/institutions/${id}`)).json();

  it('hides ID numbers and phones of an institution outside the caller’s area', async () => {
    const hospital = await staffOf('doctor_east', ids.hospital);
    expect(hospital.staffDetailsVisible).toBe(false);
    expect(hospital.staff).toHaveLength(2);
    expect(hospital.staff[0]).toMatchObject({ name: '王外科', role: 'doctor', roleName: '医生', qualificationName: '执业医师', sex: 'M', idNumber: null, phone: null });
    const neighbour = await staffOf('doctor_west', ids.eastClinic);
    expect(neighbour.staff[0]).toMatchObject({ name: '赵村医', idNumber: null, phone: null });
  });

  it('shows them inside the caller’s area', async () => {
    const own = await staffOf('doctor_east', ids.eastClinic);
    expect(own.staffDetailsVisible).toBe(true);
    expect(own.parentName).toBe('东岭镇卫生院');
    expect(own.staff[0]).toMatchObject({ name: '赵村医', idNumber: villageDoctorId, phone: '13900000003', sex: 'F' });
    expect((await staffOf('township', ids.eastClinic)).staff[0].phone).toBe('13900000003');
    expect((await staffOf('township', ids.hospital)).staff[0].phone).toBeNull();
    expect((await staffOf('admin', ids.hospital)).staff[0]).toMatchObject({ idNumber: surgeonId, phone: '13800000001' });
  });
});

describe('institution writes', () => {
  it('are refused to everyone but the bureau admin', async () => {
    for (const user of ['township', 'doctor_east', 'ncms', 'auditor']) {
      const create = await call(user, 'POST', '/api/institutions', { code: 'X1', name: '某诊所', kind: 'private_clinic', level: 'village', areaId: t.county.areas.eastVillage });
      expect(create.statusCode, user).toBe(403);
      expect((await call(user, 'PATCH', `/api/institutions/${ids.eastClinic}`, { name: '改名' })).statusCode, user).toBe(403);
      expect((await call(user, 'POST', `/api/institutions/${ids.eastClinic}/staff`, { name: '某人', role: 'nurse' })).statusCode, user).toBe(403);
    }
  });

  const valid = () => ({ code: 'P001', name: '西岭个体诊所', kind: 'private_clinic', level: 'village', areaId: t.county.areas.westVillage });
  it.each([
    ['unknown kind', { kind: 'spa' }, 'kind', /未知的机构类别「spa」/],
    ['level the kind does not come at', { kind: 'village_clinic', level: 'county' }, 'level', /不适用于村卫生室/],
    ['unknown level', { level: 'province' }, 'level', /未知的机构级别/],
    ['unknown area', { areaId: 99999 }, 'areaId', /所在区划（编号 99999）不存在/],
    ['area of the wrong level', { areaId: 0 }, 'areaId', /应设在村（社区），而「东岭镇」是乡镇（街道）/],
    ['duplicate code', { code: 'H001' }, 'code', /机构代码「H001」已被「清河县人民医院」使用/],
    ['missing parent', { parentId: 99999 }, 'parentId', /上级机构（编号 99999）不存在/],
    ['unknown designation', { designations: ['ncms_designated', 'spa'] }, 'designations', /未知的机构标识「spa」/],
    ['blank name', { name: '  ' }, 'name', /机构名称不能为空/],
    ['bad phone', { phone: 'call me' }, 'phone', /电话号码/],
  ])('refuses %s, naming the field, and writes nothing', async (_case, change, field, message) => {
    const body = { ...valid(), ...change };
    if ('areaId' in change && change.areaId === 0) body.areaId = t.county.areas.town;
    const before = await counts();
    const res = await call('admin', 'POST', '/api/institutions', body);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json().error).toMatchObject({ field, message: expect.stringMatching(message) });
    expect(await counts()).toEqual(before);
  });

  it('updates an institution and records before and after in the audit log', async () => {
    const res = await call('admin', 'PATCH', `/api/institutions/${ids.streetCentre}`, { designations: ['family_doctor'], address: '城关街道北门路 1 号' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '城关街道社区卫生服务中心', designations: ['family_doctor'], address: '城关街道北门路 1 号' });
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'institution')
      .where('entity_id', '=', String(ids.streetCentre))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'update', actor_name: '局管理员', area_id: t.county.areas.street });
    expect(entry.before).toMatchObject({ designations: [], address: '' });
    expect(entry.after).toMatchObject({ designations: ['family_doctor'], address: '城关街道北门路 1 号' });
  });

  it('refuses a parent that would make a loop', async () => {
    const res = await call('admin', 'PATCH', `/api/institutions/${ids.hospital}`, { parentId: ids.eastClinic });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'parentId', code: 'parent_cycle' });
  });

  it('checks a changed kind against the stored level', async () => {
    const res = await call('admin', 'PATCH', `/api/institutions/${ids.centre}`, { kind: 'village_clinic' });
    expect(res.json().error).toMatchObject({ field: 'level', code: 'level_not_allowed' });
  });

  it('joins a transaction it is given, so a bulk job can roll it back whole', async () => {
    const admin = { userId: t.county.userIds.admin!, name: '局管理员', role: 'bureau_admin' as const, scope: { areaId: null, path: '/' }, institutionId: null };
    const before = await counts();
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        const id = await createInstitution(trx, admin, { code: 'TX1', name: '事务中的诊所', kind: 'private_clinic', level: 'village', areaId: t.county.areas.westVillage });
        await addStaff(trx, admin, id, { name: '钱医生', role: 'doctor' });
        throw new Error('job failed');
      }),
    ).rejects.toThrow('job failed');
    expect(await counts()).toEqual(before);
  });

  it('answers a missing institution with 404 on update', async () => {
    expect((await call('admin', 'PATCH', '/api/institutions/99999', { name: '无' })).statusCode).toBe(404);
  });
});

describe('staff writes', () => {
  it.each([
    ['bad ID number', { name: '钱某', role: 'nurse', idNumber: '430702197503081234' }, 'idNumber', /校验位错误/],
    ['sex contradicting the ID', { name: '钱某', role: 'doctor', idNumber: surgeonId, sex: 'F' }, 'sex', /与身份证号（男）不一致/],
    ['unknown role', { name: '钱某', role: 'shaman' }, 'role', /未知的人员类别「shaman」/],
    ['unknown qualification', { name: '钱某', role: 'nurse', qualification: '博士' }, 'qualification', /未知的执业资格/],
    ['a person listed twice', { name: '王外科', role: 'doctor', idNumber: surgeonId }, 'idNumber', /已登记在本机构/],
  ])('refuses %s and writes nothing', async (_case, body, field, message) => {
    const before = await counts();
    const res = await call('admin', 'POST', `/api/institutions/${ids.hospital}/staff`, body);
    expect(res.json().error).toMatchObject({ field, message: expect.stringMatching(message) });
    expect(await counts()).toEqual(before);
  });

  it('adds staff to a missing institution as not found', async () => {
    expect((await call('admin', 'POST', '/api/institutions/99999/staff', { name: '钱某', role: 'nurse' })).statusCode).toBe(404);
  });

  it('updates, moves and deactivates a staff member, audited', async () => {
    const hospital = (await call('admin', 'GET', `/api/institutions/${ids.hospital}`)).json();
    const nurse = hospital.staff.find((s: { name: string }) => s.name === '李护士');
    const moved = await call('admin', 'PATCH', `/api/staff/${nurse.id}`, { institutionId: ids.centre, phone: null });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ name: '李护士', phone: null, active: true });
    const centre = (await call('admin', 'GET', `/api/institutions/${ids.centre}`)).json();
    expect(centre.staff.map((s: { name: string }) => s.name)).toEqual(['李护士']);

    const off = await call('admin', 'PATCH', `/api/staff/${nurse.id}`, { active: false });
    expect(off.json().active).toBe(false);
    const list = (await call('admin', 'GET', '/api/institutions?kind=township_hc')).json();
    expect(list.items[0].staffCount).toBe(0);

    const entries = await t.handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'staff').where('entity_id', '=', String(nurse.id)).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(entries[1]!.before).toMatchObject({ institution_id: ids.hospital, phone: '13800000002' });
    expect(entries[1]!.after).toMatchObject({ institution_id: ids.centre, phone: null });
    expect(entries[1]!.area_id).toBe(t.county.areas.town);
  });

  it('refuses moving staff to a missing institution', async () => {
    const hospital = (await call('admin', 'GET', `/api/institutions/${ids.hospital}`)).json();
    const res = await call('admin', 'PATCH', `/api/staff/${hospital.staff[0].id}`, { institutionId: 99999 });
    expect(res.json().error).toMatchObject({ field: 'institutionId', code: 'unknown_institution' });
  });

  it('refuses staff updates by anyone but the bureau admin', async () => {
    const hospital = (await call('admin', 'GET', `/api/institutions/${ids.hospital}`)).json();
    const res = await call('doctor_east', 'PATCH', `/api/staff/${hospital.staff[0].id}`, { phone: '110' });
    expect(res.statusCode).toBe(403);
  });
});

describe('institution basics for other modules', () => {
  it('gives level, designations and area without staff, and null for an unknown id', async () => {
    const db = t.handle.db;
    expect(await institutionBasics(db, ids.hospital)).toMatchObject({ name: '清河县人民医院', level: 'county', levelName: '县级', designations: ['ncms_designated', 'delivery'], active: true, areaId: t.county.areas.county });
    expect(await institutionBasics(db, 999999)).toBeNull();
  });

  it('lists the institutions inside a scope as a subquery', async () => {
    const db = t.handle.db;
    const town = await db.selectFrom('area').select(['id', 'path']).where('id', '=', t.county.areas.town).executeTakeFirstOrThrow();
    const rows = await db.selectFrom('institution').select('id').where('id', 'in', institutionIdsIn(db, { areaId: town.id, path: town.path })).execute();
    expect(rows.map((r) => r.id).sort()).toEqual([ids.centre, ids.eastClinic].sort());
  });
});
