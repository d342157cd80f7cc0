import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { SESSION_COOKIE } from '../../server/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** Logs in and returns the session cookie, or the status code when refused. */
async function login(username: string, password: string): Promise<string | number> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) return res.statusCode;
  return `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
}

const me = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode;

let serial = 0;
/** Creates a fresh village doctor in 东岭村 through the API and returns their id and username. */
async function newDoctor(password = 'start1234') {
  const username = `doc${++serial}`;
  const res = await call('admin', 'POST', '/api/users', { username, displayName: `新村医${serial}`, password, role: 'village_doctor', areaId: t.county.areas.eastVillage });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { id: res.json().id as number, username };
}

async function userCount() {
  const row = await t.handle.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

describe('user administration is for the bureau admin only', () => {
  const routes = (id: number): Array<['GET' | 'POST' | 'PATCH', string, object?]> => [
    ['GET', '/api/users'],
    ['GET', `/api/users/${id}`],
    ['POST', '/api/users', { username: 'x1', displayName: '某', password: 'abcd1234', role: 'auditor', areaId: 1 }],
    ['PATCH', `/api/users/${id}`, { active: false }],
    ['POST', `/api/users/${id}/password`, { password: 'abcd1234' }],
  ];

  it.each(['ncms', 'cdc', 'auditor', 'township', 'doctor_east'])('answers %s with 403 on every users route', async (user) => {
    for (const [method, url, body] of routes(t.county.userIds.doctor_west!)) {
      const res = await call(user, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await login('doctor_west', 'test1234')).toEqual(expect.any(String));
  });

  it('answers without a session with 401', async () => {
    for (const [method, url, body] of routes(1)) {
      const res = await t.app.inject({ method, url, ...(body ? { payload: body } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('roles', () => {
  it('lists every role with its Chinese name and scope level', async () => {
    const res = await call('doctor_east', 'GET', '/api/roles');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(8);
    expect(res.json()).toContainEqual({ role: 'village_doctor', name: '村医', areaLevel: 'village' });
    expect(res.json()).toContainEqual({ role: 'institution_clerk', name: '定点机构结算员', areaLevel: 'county' });
    expect(res.json()).toContainEqual({ role: 'hospital_doctor', name: '医疗机构医生', areaLevel: 'county' });
    expect(res.json()).toContainEqual({ role: 'auditor', name: '只读审计员', areaLevel: 'county' });
  });
});

describe('listing users', () => {
  it('lists users with role and area names, never a password hash', async () => {
    const res = await call('admin', 'GET', '/api/users?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/argon2|password/i);
    const doctor = res.json().items.find((u: { username: string }) => u.username === 'doctor_east');
    expect(doctor).toMatchObject({ displayName: '东岭村医', role: 'village_doctor', roleName: '村医', areaName: '东岭村', active: true, locked: false });
    const admin = res.json().items.find((u: { username: string }) => u.username === 'admin');
    expect(admin.lastLoginAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('filters by name and role', async () => {
    const names = async (query: string) => (await call('admin', 'GET', `/api/users?${query}`)).json().items.map((u: { username: string }) => u.username);
    expect(await names(`q=${encodeURIComponent('村医')}`)).toEqual(['doctor_east', 'doctor_west']);
    expect(await names('role=auditor')).toEqual(['auditor']);
    expect(await names('q=DOCTOR_W')).toEqual(['doctor_west']);
  });
});

describe('creating users', () => {
  it('creates a user who can then log in, audited without the password', async () => {
    const res = await call('admin', 'POST', '/api/users', {
      username: 'nurse_wang',
      displayName: ' 王护士 ',
      password: 'secret9876',
      role: 'township_staff',
      areaId: t.county.areas.street,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'nurse_wang', displayName: '王护士', roleName: '乡镇卫生院人员', areaName: '城关街道', lastLoginAt: null });
    const cookie = await login('nurse_wang', 'secret9876');
    expect(cookie).toEqual(expect.any(String));
    expect(await me(cookie as string)).toBe(200);
    const entry = await t.handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'app_user').where('entity_id', '=', String(res.json().id)).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('局管理员');
    expect(JSON.stringify(entry)).not.toContain('secret9876');
  });

  const valid = () => ({ username: 'newbie', displayName: '新人', password: 'abcd1234', role: 'village_doctor', areaId: t.county.areas.westVillage });
  it.each([
    ['a village doctor over a township', { areaId: 'town' }, 'areaId', /村医的管辖区划应为村（社区），而「东岭镇」是乡镇（街道）/],
    ['township staff over a village', { role: 'township_staff' }, 'areaId', /乡镇卫生院人员的管辖区划应为乡镇（街道）/],
    ['a CDC user below the county', { role: 'cdc_staff', areaId: 'street' }, 'areaId', /疾控中心人员的管辖区划应为县（区）/],
    ['an unknown area', { areaId: 99999 }, 'areaId', /管辖区划（编号 99999）不存在/],
    ['an unknown role', { role: 'king' }, 'role', /未知角色「king」/],
    ['a weak password', { password: 'abcdefgh' }, 'password', /至少 8 位/],
    ['a taken username', { username: 'admin' }, 'username', /用户名「admin」已被使用/],
    ['a bad username', { username: '王 五' }, 'username', /用户名须为/],
    ['a blank name', { displayName: ' ' }, 'displayName', /姓名不能为空/],
    ['an unknown institution', { institutionId: 99999 }, 'institutionId', /所属机构（编号 99999）不存在/],
  ])('refuses %s, naming the field', async (_case, change, field, message) => {
    const body: Record<string, unknown> = { ...valid(), ...change };
    if (typeof body.areaId === 'string') body.areaId = t.county.areas[body.areaId as 'town' | 'street'];
    const before = await userCount();
    const res = await call('admin', 'POST', '/api/users', body);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json().error).toMatchObject({ field, message: expect.stringMatching(message) });
    expect(await userCount()).toBe(before);
  });
});

describe('changing users', () => {
  it('deactivating ends the user’s sessions and stops further logins', async () => {
    const { id, username } = await newDoctor();
    const cookie = (await login(username, 'start1234')) as string;
    expect(await me(cookie)).toBe(200);
    const res = await call('admin', 'PATCH', `/api/users/${id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect(await me(cookie)).toBe(401);
    expect(await login(username, 'start1234')).toBe(401);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'app_user').where('entity_id', '=', String(id)).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'deactivate', before: { active: true }, after: { active: false } });

    await call('admin', 'PATCH', `/api/users/${id}`, { active: true });
    expect(await login(username, 'start1234')).toEqual(expect.any(String));
  });

  it('checks a new role against the user’s area', async () => {
    const { id } = await newDoctor();
    const refused = await call('admin', 'PATCH', `/api/users/${id}`, { role: 'township_staff' });
    expect(refused.json().error).toMatchObject({ field: 'areaId', code: 'area_does_not_fit_role' });
    const moved = await call('admin', 'PATCH', `/api/users/${id}`, { role: 'township_staff', areaId: t.county.areas.town, displayName: '调任人员' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'township_staff', areaName: '东岭镇', displayName: '调任人员' });
  });

  it('does not let the admin lock themselves out', async () => {
    const res = await call('admin', 'PATCH', `/api/users/${t.county.userIds.admin}`, { active: false });
    expect(res.json().error).toMatchObject({ field: 'active', code: 'cannot_deactivate_self' });
  });

  it('answers an unknown user with 404', async () => {
    expect((await call('admin', 'PATCH', '/api/users/99999', { displayName: '无' })).statusCode).toBe(404);
    expect((await call('admin', 'POST', '/api/users/99999/password', { password: 'abcd1234' })).statusCode).toBe(404);
  });
});

describe('password reset by the admin', () => {
  it('sets the new password, ends the user’s sessions and is audited without the password', async () => {
    const { id, username } = await newDoctor();
    const cookie = (await login(username, 'start1234')) as string;
    const res = await call('admin', 'POST', `/api/users/${id}/password`, { password: 'fresh5678' });
    expect(res.statusCode).toBe(200);
    expect(await me(cookie)).toBe(401);
    expect(await login(username, 'start1234')).toBe(401);
    expect(await login(username, 'fresh5678')).toEqual(expect.any(String));
    const entries = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'reset_password').where('entity_id', '=', String(id)).execute();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('fresh5678');
  });

  it('refuses a weak password', async () => {
    const { id } = await newDoctor();
    const res = await call('admin', 'POST', `/api/users/${id}/password`, { password: '12345678' });
    expect(res.json().error).toMatchObject({ field: 'password', code: 'weak_password' });
  });

  it('unlocks a locked account', async () => {
    const { id, username } = await newDoctor();
    for (let i = 0; i < 5; i++) await login(username, 'wrong1234');
    expect(await login(username, 'start1234')).toBe(423);
    await call('admin', 'POST', `/api/users/${id}/password`, { password: 'again1234' });
    expect(await login(username, 'again1234')).toEqual(expect.any(String));
  });
});

describe('changing one’s own password', () => {
  it('needs the right old password and a strong new one', async () => {
    const { username } = await newDoctor();
    const cookie = (await login(username, 'start1234')) as string;
    const change = (payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload });

    const wrong = await change({ oldPassword: 'nope1234', newPassword: 'better123' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ field: 'oldPassword', message: '原密码不正确' });
    const weak = await change({ oldPassword: 'start1234', newPassword: 'short1' });
    expect(weak.json().error).toMatchObject({ field: 'newPassword', code: 'weak_password' });
    expect(await login(username, 'start1234')).toEqual(expect.any(String));
  });

  it('changes it, keeps this session and ends the others', async () => {
    const { username } = await newDoctor();
    const here = (await login(username, 'start1234')) as string;
    const elsewhere = (await login(username, 'start1234')) as string;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: here }, payload: { oldPassword: 'start1234', newPassword: 'mine5678' } });
    expect(res.statusCode).toBe(200);
    expect(await me(here)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    expect(await login(username, 'start1234')).toBe(401);
    expect(await login(username, 'mine5678')).toEqual(expect.any(String));
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { oldPassword: 'test1234', newPassword: 'other1234' } });
    expect(res.statusCode).toBe(401);
  });
});
