import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../core/db/connection.ts';
import { systemActor, type Actor } from '../../../core/auth/actor.ts';
import type { Role } from '../../../core/auth/roles.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { createHousehold } from '../../../core/people/households.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import type { TinyCounty } from '../../../testing/fixtures.ts';
import { checkClusters } from '../clusters/check-clusters.ts';
import { checkClustersForVisitBatch } from '../clusters/check-after-save.ts';
import { closeCluster, getCluster, listClusters } from '../clusters/clusters.ts';
import { diseaseSpectrum, leadingCausesOfDeath } from '../ranking/rankings.ts';
import { addVisitsToRollup } from '../ranking/visit-rollup.ts';
import { DEATH_RATE_CONFIGS, expectedDeaths } from './death-rates.ts';
import { listDeaths, registerDeath } from './deaths.ts';
import { expectedDeathsByTownship } from './expected-deaths.ts';

// Death registration, expected deaths, rankings and the cluster check on one tiny county.

let t: TestApp;
let handle: DbHandle;
let county: TinyCounty;
const paths = new Map<number, string>();
const actor = (role: Role, areaId: number): Actor => ({ userId: null, name: `测试${role}`, role, scope: { areaId, path: paths.get(areaId)! }, institutionId: null });
const TODAY = '2026-06-30';
let institutionId: number;
let batchId: number;
const persons: Record<string, number> = {};

async function addPerson(name: string, areaId: number, birthDate = '1940-03-01') {
  await createHousehold(handle.db, systemActor(), { areaId, address: '一组', members: [{ name, sex: 'M', birthDate, relation: 'head' }] });
  persons[name] = (await handle.db.selectFrom('person').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function addVisit(personName: string, areaId: number, day: string, icd10: string) {
  const { id } = await handle.db
    .insertInto('disease_visit')
    .values({
      institution_id: institutionId,
      sender_visit_id: `v${Math.random()}`,
      batch_id: batchId,
      content_hash: 'x',
      person_id: persons[personName]!,
      match_method: 'id_number',
      patient_name: personName,
      residence_area_id: areaId,
      visited_at: new Date(`${day}T09:00:00+08:00`),
      source: 'api',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await handle.db.insertInto('disease_visit_diagnosis').values({ visit_id: id, seq: 1, icd10 }).execute();
  await addVisitsToRollup(handle.db, { ids: [id] });
}

beforeAll(async () => {
  t = await createTestApp();
  ({ handle, county } = t);
  for (const a of await handle.db.selectFrom('area').select(['id', 'path']).execute()) paths.set(a.id, a.path);
  ({ id: institutionId } = await handle.db.insertInto('institution').values({ code: 'H1', name: '东岭镇卫生院', kind: 'township_hospital', level: 'township', area_id: county.areas.town }).returning('id').executeTakeFirstOrThrow());
  ({ id: batchId } = await handle.db.insertInto('disease_visit_batch').values({ institution_id: institutionId, source: 'api', received_by_name: '测试', visits_new: 0, visits_repeated: 0 }).returning('id').executeTakeFirstOrThrow());
  const { areas } = county;
  await addPerson('王老汉', areas.eastVillage);
  await addPerson('李奶奶', areas.eastVillage);
  await addPerson('赵大爷', areas.community);
  for (let i = 1; i <= 11; i++) await addPerson(`学生${i}`, areas.eastVillage, '2016-05-01');
  // 1 000 more residents of 东岭村, so 东岭镇 expects about 7 deaths a year at 7‰.
  const { id: household } = await handle.db.insertInto('household').values({ area_id: areas.eastVillage, household_no: '9999' }).returning('id').executeTakeFirstOrThrow();
  const n = 1000;
  await insertColumns(handle.db, 'person', [
    ['household_id', 'int', Array(n).fill(household)],
    ['name', 'text', Array.from({ length: n }, (_, i) => `居民${i}`)],
    ['sex', 'text', Array(n).fill('F')],
    ['birth_date', 'date', Array(n).fill('1980-01-01')],
  ]);
});
afterAll(() => t.close());

describe('death registration', () => {
  it('refuses bad input in clear Chinese, naming the field, writing nothing', async () => {
    const doctor = actor('village_doctor', county.areas.eastVillage);
    const base = { personId: persons['王老汉']!, deathDate: '2026-03-02', place: 'home' as const, underlyingIcd10: 'I63.9', causeA: 'I63.9' };
    const refused = async (input: object) => registerDeath(handle.db, doctor, { ...base, ...input }, TODAY).then(() => null, (e: { message: string; details?: { field?: string } }) => [e.details?.field, e.message]);
    expect(await refused({ underlyingIcd10: 'I99.9' })).toEqual(['underlyingIcd10', expect.stringContaining('ICD-10 编码「I99.9」不存在')]);
    expect(await refused({ causeB: 'XYZ' })).toEqual(['causeB', expect.stringContaining('不存在')]);
    expect(await refused({ deathDate: '2026-07-01' })).toEqual(['deathDate', expect.stringContaining('晚于今天')]);
    expect(await refused({ deathDate: '1939-12-31' })).toEqual(['deathDate', expect.stringContaining('早于出生日期 1940-03-01')]);
    expect(await refused({ personId: persons['赵大爷'] })).toEqual(['personId', expect.stringContaining('不在您的管辖范围')]);
    expect(await handle.db.selectFrom('disease_death').select('id').execute()).toEqual([]);
  });

  it('registers a death, marks the person deceased (audited), and refuses a second registration', async () => {
    const doctor = actor('village_doctor', county.areas.eastVillage);
    const input = { personId: persons['王老汉']!, deathDate: '2026-03-02', place: 'home' as const, underlyingIcd10: 'i639', causeA: 'J18.9', causeB: 'I63.9' };
    await registerDeath(handle.db, doctor, input, TODAY);
    const person = await handle.db.selectFrom('person').select(['status', 'status_date']).where('id', '=', input.personId).executeTakeFirstOrThrow();
    expect(person).toEqual({ status: 'deceased', status_date: '2026-03-02' });
    const audits = await handle.db.selectFrom('audit_log').select(['entity', 'actor_name']).where('entity', 'in', ['disease_death', 'person']).where('action', 'in', ['create', 'status']).where('entity_id', '=', String(input.personId)).execute();
    expect(audits).toContainEqual({ entity: 'person', actor_name: doctor.name });
    await expect(registerDeath(handle.db, doctor, input, TODAY)).rejects.toThrow(/已于 .* 登记，不能重复登记/);
    const list = await listDeaths(handle.db, actor('township_staff', county.areas.town));
    expect(list.items.map((d) => [d.personName, d.underlyingIcd10, d.underlyingCause])).toEqual([['王老汉', 'I63.9', 'I63.9 脑梗死']]);
    expect((await listDeaths(handle.db, actor('township_staff', county.areas.street))).items).toEqual([]);
  });
});

describe('expected deaths', () => {
  it('flags below the configured share of the expected, and only when enough deaths are expected', () => {
    const config = DEATH_RATE_CONFIGS[0]!;
    // 10 000 residents for a year at 7‰ → 70 expected; below 70 % of it (49) is flagged, 49 itself is not.
    expect(expectedDeaths(10_000, 48, 365.25, config)).toMatchObject({ expected: 70, underReporting: true });
    expect(expectedDeaths(10_000, 49, 365.25, config)).toMatchObject({ ratio: 0.7, underReporting: false });
    expect(expectedDeaths(10_000, 13, 91.3125, config)).toMatchObject({ expected: 17.5, underReporting: false });
    expect(expectedDeaths(100, 0, 365.25, config)).toMatchObject({ expected: 0.7, underReporting: false });
  });

  it('counts the population and registered deaths per township for a period', async () => {
    const report = await expectedDeathsByTownship(handle.db, actor('cdc_staff', county.areas.county), { from: '2026-01-01', to: '2026-12-31' });
    const town = report.townships.find((t) => t.name === '东岭镇')!;
    expect(town).toMatchObject({ population: 1013, registered: 1, expected: 7.1, underReporting: true });
    expect(report.townships.find((t) => t.name === '城关街道')).toMatchObject({ population: 1, registered: 0, underReporting: false });
    const own = await expectedDeathsByTownship(handle.db, actor('township_staff', county.areas.street), { from: '2026-01-01', to: '2026-12-31' });
    expect(own.townships.map((t) => t.name)).toEqual(['城关街道']);
  });
});

describe('rankings', () => {
  it('ranks the principal diagnoses largest first, for the actor’s scope only', async () => {
    const { areas } = county;
    for (const name of ['李奶奶', '学生1', '学生2']) await addVisit(name, areas.eastVillage, '2026-02-10', 'J06.9');
    for (const name of ['李奶奶', '学生3']) await addVisit(name, areas.eastVillage, '2026-02-11', 'I10');
    await addVisit('赵大爷', areas.community, '2026-02-11', 'K29.7');
    await addVisit('赵大爷', areas.community, '2026-02-12', 'K29.7');
    const county_ = await diseaseSpectrum(handle.db, actor('cdc_staff', areas.county), { from: '2026-02-01', to: '2026-02-28' });
    expect(county_.rows.map((r) => [r.rank, r.code, r.count])).toEqual([[1, 'J06', 3], [2, 'I10', 2], [3, 'K29', 2]]);
    expect(county_.rows[0]!.name).not.toBe('');
    const town = await diseaseSpectrum(handle.db, actor('township_staff', areas.town), { from: '2026-02-01', to: '2026-02-28', by: 'chapter' });
    expect(town.rows.map((r) => [r.code, r.count])).toEqual([['X', 3], ['IX', 2]]);
    expect((await diseaseSpectrum(handle.db, actor('village_doctor', areas.westVillage), { from: '2026-02-01', to: '2026-02-28' })).total).toBe(0);
    await expect(diseaseSpectrum(handle.db, actor('township_staff', areas.town), { from: '2026-02-01', to: '2026-02-28', areaId: areas.community })).rejects.toThrow(/不在您的管辖范围/);

    const causes = await leadingCausesOfDeath(handle.db, actor('cdc_staff', areas.county), { from: '2026-01-01', to: '2026-12-31' });
    expect(causes.rows.map((r) => [r.code, r.name, r.count])).toEqual([['I63', '脑梗死', 1]]);
    expect((await leadingCausesOfDeath(handle.db, actor('township_staff', areas.street), { from: '2026-01-01', to: '2026-12-31' })).total).toBe(0);
  });
});

describe('cluster check', () => {
  it('opens one alert at 10 mumps cases in a week, extends it on the 11th, never duplicates, and closes with a finding', async () => {
    const { areas } = county;
    const check = () => checkClusters(handle.db, { areaIds: [areas.eastVillage], since: '2026-04-01', until: '2026-04-30' });
    for (let i = 1; i <= 9; i++) await addVisit(`学生${i}`, areas.eastVillage, `2026-04-0${1 + (i % 7)}`, 'B26.9');
    expect(await check()).toEqual({ opened: [], extended: [] });
    await addVisit('学生10', areas.eastVillage, '2026-04-07', 'B26.9');
    await addVisit('学生1', areas.eastVillage, '2026-04-07', 'B26.9'); // a second visit of the same pupil counts once
    const { opened } = await checkClustersForVisitBatch(handle.db, batchId); // the intake hook: the batch's villages and days
    expect(opened).toHaveLength(1);
    expect(await check()).toEqual({ opened: [], extended: [] });
    await addVisit('学生11', areas.eastVillage, '2026-04-09', 'B26.0');
    expect(await check()).toEqual({ opened: [], extended: opened });
    const cdc = actor('cdc_staff', areas.county);
    const cluster = await getCluster(handle.db, cdc, opened[0]!);
    expect(cluster).toMatchObject({ diseaseName: '流行性腮腺炎', areaName: '东岭镇 东岭村', caseCount: 11, firstDate: '2026-04-01', lastDate: '2026-04-09', status: 'open' });
    expect(new Set(cluster.cases.map((c) => c.patientName)).size).toBe(11);
    expect(await listClusters(handle.db, actor('township_staff', areas.street))).toEqual([]);
    await expect(closeCluster(handle.db, actor('township_staff', areas.town), opened[0]!, { finding: '学校聚集' })).rejects.toThrow(/权限/);
    await closeCluster(handle.db, cdc, opened[0]!, { finding: '东岭小学聚集，已隔离处置' });
    expect((await listClusters(handle.db, cdc))[0]).toMatchObject({ status: 'closed', finding: '东岭小学聚集，已隔离处置' });
    expect(await check()).toEqual({ opened: [], extended: [] });
  });
});

describe('routes', () => {
  async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
    const { cookie } = await t.as(username);
    return t.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
  }

  it('answer through their schemas, refuse by permission and name the field at fault', async () => {
    const bad = await call('doctor_east', 'POST', '/disease/deaths', { personId: persons['李奶奶'], deathDate: '2026-03-05', place: 'home', underlyingIcd10: 'I99.9', causeA: 'I21.9' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'underlyingIcd10' });
    const ok = await call('doctor_east', 'POST', '/disease/deaths', { personId: persons['李奶奶'], deathDate: '2026-03-05', place: 'hospital', underlyingIcd10: 'I21.9', causeA: 'I21.9' });
    expect(ok.statusCode).toBe(201);
    expect((await call('auditor', 'POST', '/disease/deaths', { personId: persons['赵大爷'], deathDate: '2026-03-05', place: 'home', underlyingIcd10: 'I21.9', causeA: 'I21.9' })).statusCode).toBe(403);
    for (const url of ['/disease/deaths', '/disease/deaths/expected?from=2026-01-01&to=2026-06-30', '/disease/ranking/spectrum?from=2026-01-01&to=2026-06-30', '/disease/ranking/death-causes?from=2026-01-01&to=2026-06-30&by=chapter', '/disease/clusters']) {
      const res = await call('township', 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    const clusters = (await call('cdc', 'GET', '/disease/clusters')).json().items as Array<{ id: number }>;
    expect((await call('cdc', 'GET', `/disease/clusters/${clusters[0]!.id}`)).json().cases.length).toBeGreaterThan(0);
    expect((await call('township', 'POST', '/disease/clusters/check', { since: '2026-04-01', until: '2026-04-30' })).statusCode).toBe(403);
    expect((await call('cdc', 'POST', '/disease/clusters/check', { since: '2026-04-01', until: '2026-04-30' })).json()).toEqual({ opened: [], extended: [] });
  });
});
