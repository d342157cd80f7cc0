import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { addDays, todayInShanghai } from '../../core/dates.ts';
import { createHousehold } from '../../core/people/households.ts';
import { setPersonStatus } from '../../core/people/persons.ts';

// 健康体检: the record's own service, on the timeline and counted for dynamic use.

let t: TestApp;
let personId: number;
const today = todayInShanghai();

beforeAll(async () => {
  t = await createTestApp();
  await createHousehold(t.handle.db, systemActor(), { areaId: t.county.areas.eastVillage, address: '一组', members: [{ name: '孙老汉', sex: 'M', birthDate: '1950-06-01', relation: 'head' }] });
  personId = (await t.handle.db.selectFrom('person').select('id').where('name', '=', '孙老汉').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const check = { checkedOn: addDays(today, -30), doctor: '钱医生', systolic: 150, diastolic: 92, heightCm: 168, weightKg: 70.5, conclusion: '血压偏高，建议复查' };

describe('health checks', () => {
  it('needs a record; then is recorded, audited, on the timeline as a service, and makes the record in dynamic use', async () => {
    expect((await call('doctor_east', 'POST', `/records/persons/${personId}/checks`, check)).statusCode).toBe(404);
    expect((await call('doctor_east', 'POST', `/records/persons/${personId}`, {})).statusCode).toBe(200);
    const res = await call('doctor_east', 'POST', `/records/persons/${personId}/checks`, check);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ checkedOn: check.checkedOn, doctor: '钱医生', systolic: 150, weightKg: 70.5, createdByName: '东岭村医' });
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'health_check').execute();
    expect(audit).toEqual([{ action: 'create', after: expect.objectContaining({ person_id: personId, systolic: 150 }) }]);

    const timeline = (await call('doctor_east', 'GET', `/records/persons/${personId}/timeline?modules=records`)).json();
    expect(timeline.items.find((e: { kind: string }) => e.kind === 'health_check')).toEqual({
      date: check.checkedOn,
      module: 'records',
      kind: 'health_check',
      title: '健康体检',
      detail: '血压 150/92 mmHg；身高 168 cm；体重 70.5 kg；BMI 25.0；评价：血压偏高，建议复查；医生 钱医生',
      service: true,
    });
    expect((await call('doctor_east', 'GET', `/records/persons/${personId}`)).json().dynamicUse).toMatchObject({ inUse: true, lastService: check.checkedOn });
    const rates = (await call('township', 'GET', `/records/indicators?from=${addDays(today, -60)}&to=${today}`)).json();
    expect(rates.total.counts).toMatchObject({ records: 1, dynamic: 1 });
    expect(rates.total.useRate.rate).toBe(1);
  });

  it('explains implausible values on their field and writes nothing', async () => {
    const cases: Array<[object, string, string]> = [
      [{ systolic: 80, diastolic: 95 }, 'diastolic', '舒张压应低于收缩压，请核对'],
      [{ systolic: 400, diastolic: 80 }, 'systolic', '收缩压 400 mmHg超出合理范围（50-300 mmHg），请核对'],
      [{ systolic: 120, diastolic: null }, 'diastolic', '血压请同时填写收缩压和舒张压'],
      [{ checkedOn: addDays(today, 1) }, 'checkedOn', `体检日期 ${addDays(today, 1)} 不能晚于今天`],
    ];
    for (const [patch, field, message] of cases) {
      const res = await call('doctor_east', 'POST', `/records/persons/${personId}/checks`, { ...check, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error).toMatchObject({ field, message });
    }
    expect(await t.handle.db.selectFrom('health_check').select('id').execute()).toHaveLength(1);
  });

  it('is refused outside the scope (404) and on a closed record', async () => {
    expect((await call('doctor_west', 'POST', `/records/persons/${personId}/checks`, check)).statusCode).toBe(404);
    await setPersonStatus(t.handle.db, systemActor(), personId, { status: 'deceased', date: today });
    const closed = await call('doctor_east', 'POST', `/records/persons/${personId}/checks`, check);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe('「孙老汉」已死亡，健康档案已结案，不能再登记体检');
  });
});
