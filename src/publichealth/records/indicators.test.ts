import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import { createHousehold } from '../../core/people/households.ts';
import { createRecord } from './records.ts';
import { figures, ratio, recordIndicators } from './indicators.ts';
import { registerTimelineProvider } from './timeline/registry.ts';

describe('indicator arithmetic', () => {
  it('a zero denominator gives null, never 0 % or 100 %', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(figures({ residents: 0, records: 0, electronic: 0, dynamic: 0, complete: 0 })).toMatchObject({
      recordRate: { rate: null, denominator: 0 },
      electronicRate: { rate: null },
      useRate: { rate: null },
      completenessRate: { rate: null },
    });
    expect(figures({ residents: 4, records: 0, electronic: 0, dynamic: 0, complete: 0 })).toMatchObject({ recordRate: { rate: 0 }, useRate: { rate: null } });
  });

  it('rates are the ratio to 4 decimals, within [0, 1] when the numerator is a part', () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(15, 100_000)).toBe(0.0002); // a half rounds up
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
        const [part, whole] = a <= b ? [a, b] : [b, a];
        const r = ratio(part, whole);
        if (whole === 0) {
          expect(r).toBeNull();
          return;
        }
        // Within half the fourth decimal; 1e-12 allows for the binary rounding of k / 10 000 itself.
        expect(Math.abs(r! - part / whole)).toBeLessThanOrEqual(0.00005 + 1e-12);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('indicators by township and village', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const { eastVillage, westVillage } = t.county.areas;
    const m = (name: string, relation: string) => ({ name, sex: 'M' as const, birthDate: '1950-01-01', relation });
    await createHousehold(t.handle.db, systemActor(), { areaId: eastVillage, address: '一组', members: [m('甲', 'head'), m('乙', 'son'), m('丙', 'son'), m('丁', 'son')] });
    await createHousehold(t.handle.db, systemActor(), { areaId: westVillage, address: '一组', members: [m('戊', 'head')] });
    for (const p of await t.handle.db.selectFrom('person').select(['id', 'name']).execute()) ids[p.name] = p.id;
    const doctor = (await actorForUser(t.handle.db, t.county.userIds.doctor_east!))!;
    await createRecord(t.handle.db, doctor, ids['甲']!, { createdOn: '2024-03-01' });
    await createRecord(t.handle.db, doctor, ids['乙']!, { createdOn: '2024-06-01', medium: 'paper' });
    await createRecord(t.handle.db, doctor, ids['丙']!, { createdOn: '2025-02-01' }); // after the 2024 period
  });
  afterAll(() => t.close());

  it('counts records, electronic records, dynamic use and completeness against the right denominators', async () => {
    // A module whose service reached 甲 in 2024 and 乙 in 2023 (outside the period), and would count 戊 who has no record.
    const served: Record<number, string> = { [ids['甲']!]: '2024-09-09', [ids['乙']!]: '2023-01-01', [ids['戊']!]: '2024-05-05' };
    const remove = registerTimelineProvider({
      module: 'test_visits',
      label: '测试就诊',
      fetch: async () => [],
      servedPersons: (db, _actor, range) => {
        const ids = Object.keys(served).map(Number).filter((id) => served[id]! >= range.from && served[id]! <= range.to);
        return db.selectFrom('person').select('person.id as person_id').where('person.id', 'in', ids);
      },
    });
    try {
      const result = await recordIndicators(t.handle.db, systemActor(), { from: '2024-01-01', to: '2024-12-31' });
      const town = result.townships.find((x) => x.name === '东岭镇')!;
      const east = town.villages.find((v) => v.name === '东岭村')!;
      const west = town.villages.find((v) => v.name === '西岭村')!;
      expect(east.counts).toEqual({ residents: 4, records: 2, electronic: 1, dynamic: 1, complete: 0 });
      expect(east.recordRate.rate).toBe(0.5);
      expect(east.electronicRate.rate).toBe(0.25);
      expect(east.useRate.rate).toBe(0.5);
      expect(east.completenessRate.rate).toBe(0);
      expect(west.counts).toEqual({ residents: 1, records: 0, electronic: 0, dynamic: 0, complete: 0 });
      expect(west.useRate.rate).toBeNull();
      expect(town.counts).toEqual({ residents: 5, records: 2, electronic: 1, dynamic: 1, complete: 0 });
      // The street's community has nobody: every rate null.
      const street = result.townships.find((x) => x.name === '城关街道')!;
      expect(street.recordRate.rate).toBeNull();
      expect(result.total.counts.residents).toBe(5);
      expect(result.definitions.useRate.definition).toContain('动态记录');
    } finally {
      remove();
    }
  });

  it('over HTTP: keeps to the scope, narrows to an area, 404 outside', async () => {
    const { cookie } = await t.as('doctor_west');
    const get = (q: string) => t.app.inject({ method: 'GET', url: `/api/records/indicators?from=2025-01-01&to=2025-12-31${q}`, headers: { cookie } });
    const own = await get('');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().townships.map((x: { name: string; villages: { name: string }[] }) => [x.name, x.villages.map((v) => v.name)])).toEqual([['东岭镇', ['西岭村']]]);
    expect((await get(`&areaId=${t.county.areas.eastVillage}`)).statusCode).toBe(404);
    const { cookie: admin } = await t.as('admin');
    const east = await t.app.inject({ method: 'GET', url: `/api/records/indicators?from=2025-01-01&to=2025-12-31&areaId=${t.county.areas.eastVillage}`, headers: { cookie: admin } });
    const body = east.json();
    expect(body.townships).toHaveLength(1);
    expect(body.townships[0].villages.map((v: { name: string }) => v.name)).toEqual(['东岭村']);
    expect(body.total.counts).toMatchObject({ residents: 4, records: 3 });
    const bad = await t.app.inject({ method: 'GET', url: '/api/records/indicators?from=2025-12-31&to=2025-01-01', headers: { cookie: admin } });
    expect(bad.json().error).toMatchObject({ field: 'from', message: '统计起始日期 2025-12-31 晚于截止日期 2025-01-01' });
  });
});
