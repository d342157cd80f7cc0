import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/auth/actor.ts';
import { setPersonStatus } from '../../core/people/persons.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';
import type { FixtureMember } from '../testing/enrollment-fixtures.ts';

// Claims planted through the claims API in March 2026 (settlement refuses future dates), the month then monitored.
let t: TestApp;
let world: Awaited<ReturnType<typeof claimsWorld>>;
let people: FixtureMember[];

async function call(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
async function ok(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await call(user, method, url, payload);
  if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}
const visit = (personId: number, day: string, total: number) => ok('clinic_east', 'POST', '/api/ncms/claims/visits', { personId, kind: 'outpatient', admittedOn: `2026-03-${day}`, total });
async function admission(personId: number, admitted: string, discharged: string, diagnosis: string) {
  const claim = await ok('hospital', 'POST', '/api/ncms/claims', { personId, kind: 'inpatient', admittedOn: admitted, diagnosis, lines: [{ name: '床位费', category: 'bed', inCatalog: true, quantity: 3, unitPrice: 1000 }, { name: '自费药', category: 'drug', inCatalog: false, quantity: 1, unitPrice: 500 }] });
  return ok('hospital', 'POST', `/api/ncms/claims/${claim.id}/settle`, { dischargedOn: discharged });
}
const alerts = async (user: string) => (await ok(user, 'GET', '/api/ncms/monitoring/alerts?month=2026-03&pageSize=50')).items as Array<{ id: number; rule: string; claimCount: number; status: string }>;

beforeAll(async () => {
  t = await createTestApp();
  world = await claimsWorld(t.handle.db, t.county, [2026]);
  people = await patients(t.handle.db, t.county.areas.eastVillage, ['张大山', '李秀英', '王五'], [2026]);
  const [zhang, li, wang] = people.map((p) => p.id) as [number, number, number];
  // The same receipt twice; three visits in three days (the rule set to 3 visits in 7 days: fewer claims to plant);
  // a split admission at the county hospital; a visit after a death registered late.
  await ok('ncms', 'PUT', '/api/ncms/monitoring/rules/frequent_visits', { params: { visits: 3, days: 7 } });
  await visit(zhang, '10', 45.5);
  await visit(zhang, '10', 45.5);
  for (const [i, day] of ['02', '03', '04'].entries()) await visit(li, day, 20 + i);
  await admission(zhang, '2026-03-01', '2026-03-05', 'J18.9');
  await admission(zhang, '2026-03-07', '2026-03-10', 'J18.0');
  await visit(wang, '20', 30);
  await setPersonStatus(t.handle.db, systemActor('测试'), wang, { status: 'deceased', date: '2026-03-15' });
});
afterAll(() => t.close());

describe('monthly run', () => {
  it('finds each planted case once, and adds nothing when the month is run again', async () => {
    const first = await ok('ncms', 'POST', '/api/ncms/monitoring/run', { month: '2026-03' });
    expect(first.found).toEqual({ village_surge: 0, frequent_visits: 1, split_admission: 1, ineligible_person: 1, duplicate_receipt: 1 });
    expect(first.added).toBe(4);
    const again = await ok('ncms', 'POST', '/api/ncms/monitoring/run', { month: '2026-03' });
    expect(again).toMatchObject({ added: 0, linked: 0 });
    const list = await alerts('ncms');
    expect(list.map((a) => a.rule).sort()).toEqual(['duplicate_receipt', 'frequent_visits', 'ineligible_person', 'split_admission']);
    expect(Object.fromEntries(list.map((a) => [a.rule, a.claimCount]))).toEqual({ duplicate_receipt: 2, frequent_visits: 3, ineligible_person: 1, split_admission: 2 });
    const split = list.find((a) => a.rule === 'split_admission')!;
    const claims = await ok('ncms', 'GET', `/api/ncms/monitoring/alerts/${split.id}/claims`);
    expect(claims.map((c: { diagnosis: string }) => c.diagnosis)).toEqual(['J18.9', 'J18.0']);
  });

  it('is run by the NCMS office only', async () => {
    expect((await call('township', 'POST', '/api/ncms/monitoring/run', { month: '2026-03' })).statusCode).toBe(403);
  });
});

describe('closing an alert', () => {
  it('needs an outcome and a finding, is audited, and happens once', async () => {
    const [alert] = await alerts('ncms');
    const blank = await call('ncms', 'POST', `/api/ncms/monitoring/alerts/${alert!.id}/close`, { outcome: 'confirmed', finding: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'finding_required', field: 'finding' });
    expect((await call('township', 'POST', `/api/ncms/monitoring/alerts/${alert!.id}/close`, { outcome: 'confirmed', finding: '已电话核实' })).statusCode).toBe(403);
    const closed = await ok('ncms', 'POST', `/api/ncms/monitoring/alerts/${alert!.id}/close`, { outcome: 'false_alarm', finding: '核对原始票据，为同一张票据录入两次，已冲销一笔' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'false_alarm', outcomeName: '误报', closedByName: '合管办经办' });
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'ncms_alert').where('entity_id', '=', String(alert!.id)).execute();
    expect(audit).toHaveLength(1);
    expect((await call('ncms', 'POST', `/api/ncms/monitoring/alerts/${alert!.id}/close`, { outcome: 'confirmed', finding: '再次办结' })).statusCode).toBe(409);
    // A re-run leaves the closed alert closed.
    await ok('ncms', 'POST', '/api/ncms/monitoring/run', { month: '2026-03' });
    expect((await alerts('ncms')).find((a) => a.id === alert!.id)!.status).toBe('closed');
  });
});

describe('scope', () => {
  it("shows a township user only their township's institutions and alerts", async () => {
    expect((await alerts('township')).map((a) => a.rule).sort()).toEqual(['duplicate_receipt', 'frequent_visits', 'ineligible_person']);
    const split = (await alerts('ncms')).find((a) => a.rule === 'split_admission')!;
    expect((await call('township', 'GET', `/api/ncms/monitoring/alerts/${split.id}/claims`)).statusCode).toBe(404);
    const indicators = await ok('township', 'GET', '/api/ncms/monitoring/indicators?month=2026-03');
    expect(indicators.rows.map((r: { institutionId: number }) => r.institutionId)).toEqual([world.institutions.clinicEast]);
    expect((await call('township', 'GET', `/api/ncms/monitoring/indicators/${world.institutions.hospital}/trend?month=2026-03`)).statusCode).toBe(404);
  });
});

describe('indicators and cost targets', () => {
  it('shows the hospital against its target, 月月超标 by the rule, and the claims behind', async () => {
    expect((await call('township', 'PUT', `/api/ncms/monitoring/targets/${world.institutions.hospital}/2026`, { target: 30 })).statusCode).toBe(403);
    expect((await call('ncms', 'PUT', `/api/ncms/monitoring/targets/${world.institutions.hospital}/2026`, { target: '-1' })).json().error).toMatchObject({ field: 'target' });
    await ok('ncms', 'PUT', `/api/ncms/monitoring/targets/${world.institutions.hospital}/2026`, { target: 3000 });
    await ok('ncms', 'PUT', '/api/ncms/monitoring/rules/over_target', { params: { months: 1 } });
    const { rows, total } = await ok('ncms', 'GET', '/api/ncms/monitoring/indicators?month=2026-03');
    const hospital = rows.find((r: { institutionId: number }) => r.institutionId === world.institutions.hospital);
    // Two admissions of 3 500.00 (500.00 outside the catalogue), 4 and 3 days; the catchment is the county's 3 enrolled.
    expect(hospital).toMatchObject({ admissions: 2, avgCostFen: 350_000, targetFen: 300_000, overTarget: true, monthlyOverTarget: true, avgStayDays: 3.5, outOfCatalogShare: 0.1429, enrolled: 3, admissionsPer1000: 666.67 });
    const clinic = rows.find((r: { institutionId: number }) => r.institutionId === world.institutions.clinicEast);
    expect(clinic).toMatchObject({ admissions: 0, avgCostFen: null, compensationRatio: null, outpatientVisits: 6 });
    expect(total.admissions).toBe(2);
    const claims = await ok('ncms', 'GET', `/api/ncms/monitoring/indicators/${world.institutions.hospital}/claims?month=2026-03`);
    expect(claims.items.map((c: { stayDays: number }) => c.stayDays)).toEqual([4, 3]);
    const rule = (await ok('ncms', 'PUT', '/api/ncms/monitoring/rules/frequent_visits', { params: { visits: 1, days: 7, extra: 1 } }).catch((e: Error) => e.message)) as string;
    expect(rule).toContain('400');
  });
});

describe('fund early warning', () => {
  it('answers the level, warnings and forecast for the year', async () => {
    const w = await ok('ncms', 'GET', '/api/ncms/monitoring/fund-warning?year=2026');
    expect(w.year).toBe(2026);
    expect(w.forecast.monthly).toHaveLength(12);
    expect(['正常', '关注', '预警', '严重']).toContain(w.levelName);
    expect((await call('clinic_east', 'GET', '/api/ncms/monitoring/fund-warning?year=2026')).statusCode).toBe(403);
  });
});
