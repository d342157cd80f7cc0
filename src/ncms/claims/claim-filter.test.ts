import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';
import { monthlyIndicators } from '../monitoring/indicator-service.ts';
import { listClaims } from './claims.ts';
import type { ClaimFilter } from './claim-filter.ts';

// March 2026 (settlement refuses future dates): admissions at the township's health centre for patients of both
// villages, one at the county hospital, one discharged in April, one still open, and an outpatient visit.
let t: TestApp;
let world: Awaited<ReturnType<typeof claimsWorld>>;
const actors: Record<string, Actor> = {};
const ADMISSIONS_OF_MARCH = { kind: 'inpatient,delivery', status: 'settled' as const, from: '2026-03-01', to: '2026-03-31' };

async function ok(user: string, url: string, payload: object) {
  const { cookie } = await t.as(user);
  const res = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}
async function admission(user: string, personId: number, admittedOn: string, dischargedOn: string | null) {
  const claim = await ok(user, '/api/ncms/claims', { personId, kind: 'inpatient', admittedOn, diagnosis: 'J18.9', lines: [{ name: '床位费', category: 'bed', inCatalog: true, quantity: 3, unitPrice: 1000 }, { name: '自费药', category: 'drug', inCatalog: false, quantity: 1, unitPrice: 500 }] });
  return dischargedOn ? ok(user, `/api/ncms/claims/${claim.id}/settle`, { dischargedOn }) : claim;
}
const list = (user: string, filter: ClaimFilter) => listClaims(t.handle.db, actors[user]!, { pageSize: 200, ...filter });
const names = async (user: string, filter: ClaimFilter) => (await list(user, filter)).items.map((c) => `${c.personName}@${c.institutionName}`).sort();

beforeAll(async () => {
  t = await createTestApp();
  world = await claimsWorld(t.handle.db, t.county, [2026]);
  const [zhang, li] = (await patients(t.handle.db, t.county.areas.eastVillage, ['张大山', '李秀英'], [2026])).map((p) => p.id) as [number, number];
  const [wang] = (await patients(t.handle.db, t.county.areas.westVillage, ['王参合'], [2026])).map((p) => p.id) as [number];
  await admission('centre', zhang, '2026-03-01', '2026-03-05');
  await admission('centre', wang, '2026-03-15', '2026-03-20');
  await admission('hospital', li, '2026-03-02', '2026-03-10');
  await admission('centre', zhang, '2026-03-28', '2026-04-02');
  await admission('centre', li, '2026-03-30', null);
  await ok('clinic_east', '/api/ncms/claims/visits', { personId: zhang, kind: 'outpatient', admittedOn: '2026-03-12', total: 45.5 });
  for (const u of ['ncms', 'township', 'clinic_east', 'centre']) {
    const id = t.county.userIds[u] ?? (await t.handle.db.selectFrom('app_user').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    actors[u] = (await actorForUser(t.handle.db, id))!;
  }
});
afterAll(() => t.close());

describe('claims list by area and discharge dates', () => {
  it("lists the claims the township's 实际住院补偿比 counts, and sums to its numerator and denominator", async () => {
    const { institutions } = world;
    const month = await monthlyIndicators(t.handle.db, actors.township!, '2026-03');
    // The indicator's township: its health centre and village clinics (indicator-providers.ts).
    const town = month.rows.filter((r) => [institutions.centre, institutions.clinicEast, institutions.clinicWest].includes(r.institutionId));
    const claims = (await list('township', { ...ADMISSIONS_OF_MARCH, institutionAreaId: t.county.areas.town })).items;
    expect(claims.map((c) => c.personName).sort()).toEqual(['张大山', '王参合']);
    expect(claims.length).toBe(town.reduce((s, r) => s + r.admissions, 0));
    expect(claims.reduce((s, c) => s + c.payFen!, 0)).toBe(town.reduce((s, r) => s + r.payFen, 0));
    expect(claims.reduce((s, c) => s + c.totalFen, 0)).toBe(town.reduce((s, r) => s + r.totalFen, 0));
    // The county office sees the same list for the township: the county hospital's admission is not the township's.
    expect(await names('ncms', { ...ADMISSIONS_OF_MARCH, institutionAreaId: t.county.areas.town })).toEqual(['张大山@东岭镇卫生院', '王参合@东岭镇卫生院']);
  });

  it("filters by the patient's village or township, kinds and dates; month still works", async () => {
    const { eastVillage, westVillage, town } = t.county.areas;
    expect(await names('ncms', { ...ADMISSIONS_OF_MARCH, areaId: westVillage })).toEqual(['王参合@东岭镇卫生院']);
    expect(await names('ncms', { ...ADMISSIONS_OF_MARCH, areaId: eastVillage })).toEqual(['张大山@东岭镇卫生院', '李秀英@清河县人民医院']);
    expect((await list('ncms', { ...ADMISSIONS_OF_MARCH, areaId: town })).total).toBe(3);
    expect(await names('ncms', { areaId: eastVillage, kind: 'outpatient' })).toEqual(['张大山@东岭村卫生室']);
    expect((await list('ncms', { kind: 'inpatient', from: '2026-04-01' })).items.map((c) => c.dischargedOn)).toEqual(['2026-04-02']);
    expect((await list('ncms', { kind: 'inpatient', month: '2026-03' })).total).toBe(3);
    await expect(list('ncms', { kind: 'inpatient,surgery' })).rejects.toMatchObject({ status: 400, details: { field: 'kind' } });
    await expect(list('ncms', { from: '2026-03-31', to: '2026-03-01' })).rejects.toMatchObject({ status: 400, details: { field: 'from' } });
  });

  it('keeps to the reader: a village doctor their clinic and village, a township its township; 404 outside', async () => {
    const { eastVillage, westVillage, community } = t.county.areas;
    expect(await names('clinic_east', { areaId: eastVillage })).toEqual(['张大山@东岭村卫生室']);
    await expect(list('clinic_east', { areaId: westVillage })).rejects.toMatchObject({ status: 404 });
    await expect(list('clinic_east', { institutionAreaId: westVillage })).rejects.toMatchObject({ status: 404 });
    // The township sees its institutions' claims only, whoever the patient: not the county hospital's.
    expect(await names('township', { ...ADMISSIONS_OF_MARCH, areaId: eastVillage })).toEqual(['张大山@东岭镇卫生院']);
    await expect(list('township', { areaId: community })).rejects.toMatchObject({ status: 404 });
  });

  it('over HTTP: the drill-down link answers with the same claims', async () => {
    const { cookie } = await t.as('township');
    const url = `/api/ncms/claims?institutionAreaId=${t.county.areas.town}&kind=inpatient,delivery&status=settled&from=2026-03-01&to=2026-03-31`;
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(2);
    const bad = await t.app.inject({ method: 'GET', url: '/api/ncms/claims?from=2026-13-01', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
  });
});
