import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../core/db/connection.ts';
import { systemActor, type Actor } from '../../../core/auth/actor.ts';
import { createInstitution } from '../../../core/institutions/institutions.ts';
import { createHousehold } from '../../../core/people/households.ts';
import { makeResidentId } from '../../../core/people/resident-id.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import type { TinyCounty } from '../../../testing/fixtures.ts';
import { saveCard } from './card-save.ts';
import { changeCardStatus } from './card-status.ts';
import { getCard, listCards } from './card-query.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
import { listMissedReports, reportingRates } from './missed-reports.ts';
import { shanghaiDay, type CardInput } from './card-rules.ts';

let testApp: TestApp;
let handle: DbHandle;
let county: TinyCounty;
let ids: { townshipHc: number; eastClinic: number; hospital: number; cdc: number; person: number };
const idNumber = makeResidentId('430702', '1980-05-01', 11); // male
const actors = {} as Record<'hospital' | 'township' | 'otherTownship' | 'doctorEast' | 'cdc', Actor>;

const card = (over: Partial<CardInput> = {}): CardInput => ({
  areaId: county.areas.eastVillage,
  patientName: '李大山',
  idNumber,
  sex: 'M',
  occupation: '农民',
  icd10: 'B26.9',
  caseClass: 'clinical',
  onsetDate: '2026-03-01',
  diagnosedAt: '2026-03-02T09:00:00+08:00',
  ...over,
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAgo = (d: number) => shanghaiDay(new Date(Date.now() - d * 86_400_000));
const countCards = async () => Number((await handle.db.selectFrom('disease_card').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  testApp = await createTestApp();
  ({ handle, county } = testApp);
  const system = systemActor('测试');
  const { areas } = county;
  const make = (code: string, name: string, kind: string, level: 'village' | 'township' | 'county', areaId: number) =>
    createInstitution(handle.db, system, { code, name, kind, level, areaId } as Parameters<typeof createInstitution>[2]);
  ids = {
    townshipHc: await make('T1', '东岭镇卫生院', 'township_hc', 'township', areas.town),
    eastClinic: await make('V1', '东岭村卫生室', 'village_clinic', 'village', areas.eastVillage),
    hospital: await make('H1', '县人民医院', 'county_hospital', 'county', areas.county),
    cdc: await make('C1', '县疾控中心', 'cdc', 'county', areas.county),
    person: 0,
  };
  await createHousehold(handle.db, system, { areaId: areas.eastVillage, address: '东岭村1组', members: [{ name: '李大山', idNumber, relation: 'head' }] });
  ids.person = (await handle.db.selectFrom('person').select('id').where('id_number', '=', idNumber).executeTakeFirstOrThrow()).id;
  const paths = new Map((await handle.db.selectFrom('area').select(['id', 'path']).execute()).map((a) => [a.id, a.path]));
  const actor = (name: string, role: Actor['role'], areaId: number, institutionId: number | null): Actor => ({ userId: null, name, role, scope: { areaId, path: paths.get(areaId)! }, institutionId });
  actors.hospital = actor('县医院医生', 'hospital_doctor', areas.county, ids.hospital);
  actors.township = actor('东岭镇卫生院', 'township_staff', areas.town, ids.townshipHc);
  actors.otherTownship = actor('城关街道', 'township_staff', areas.street, null);
  actors.doctorEast = actor('东岭村医', 'village_doctor', areas.eastVillage, ids.eastClinic);
  actors.cdc = actor('疾控', 'cdc_staff', areas.county, ids.cdc);
});
afterAll(() => testApp?.close());

describe('report cards', () => {
  it('refuses bad input with the field named, writing nothing', async () => {
    const cases: Array<[Partial<CardInput>, string, RegExp]> = [
      [{ icd10: 'J06.9' }, 'icd10', /不是法定报告传染病/],
      [{ icd10: 'Z99.7' }, 'icd10', /不是有效的 ICD-10/],
      [{ diagnosedAt: '2099-01-01T00:00:00+08:00' }, 'diagnosedAt', /晚于报告时间/],
      [{ onsetDate: '2026-03-05' }, 'onsetDate', /晚于诊断日期/],
      [{ caseClass: 'carrier' }, 'caseClass', /不能报告为/],
      [{ icd10: 'B18.1' }, 'course', /急性或慢性/],
    ];
    for (const [over, field, message] of cases) {
      await expect(saveCard(handle.db, actors.hospital, card(over))).rejects.toMatchObject({ details: { field }, message: expect.stringMatching(message) });
    }
    expect(await countCards()).toBe(0);
  });

  it('marks on time against 24 h and 2 h limits, and alerts the CDC for class A', async () => {
    const onTime = await saveCard(handle.db, actors.hospital, card({ diagnosedAt: hoursAgo(23.9), onsetDate: daysAgo(3) }));
    const late = await saveCard(handle.db, actors.hospital, card({ patientName: '王小二', idNumber: null, birthDate: '1990-01-01', diagnosedAt: hoursAgo(24.1), onsetDate: daysAgo(3) }));
    const cholera = await saveCard(handle.db, actors.hospital, card({ patientName: '赵三', idNumber: null, birthDate: '1970-01-01', icd10: 'A00.9', diagnosedAt: hoursAgo(2.1), onsetDate: daysAgo(3) }));
    const [a, b, c] = await Promise.all([onTime, late, cholera].map((id) => getCard(handle.db, actors.cdc, id)));
    expect([a!.onTime, b!.onTime, c!.onTime, c!.timeLimitHours]).toEqual([true, false, false, 2]);
    const alerts = await listAlerts(handle.db, actors.cdc, { open: true });
    expect(alerts.items.map((x) => x.cardId)).toEqual([cholera]);
    await expect(acknowledgeAlert(handle.db, actors.township, alerts.items[0]!.id)).rejects.toMatchObject({ status: 403 });
    await acknowledgeAlert(handle.db, actors.cdc, alerts.items[0]!.id);
    expect((await listAlerts(handle.db, actors.cdc, { open: true })).open).toBe(0);
    expect((await getCard(handle.db, actors.cdc, cholera)).alert?.acknowledgedBy).toBe('疾控');
  });

  it('recognises a duplicate and points to the existing card', async () => {
    const first = (await listCards(handle.db, actors.cdc, { q: '李大山' })).items[0]!;
    await expect(saveCard(handle.db, actors.doctorEast, card({ diagnosedAt: hoursAgo(1), onsetDate: daysAgo(3) }))).rejects.toMatchObject({ code: 'duplicate_card', details: { cardId: first.id } });
  });

  it('runs the status flow by role and scope, keeping the history', async () => {
    const id = (await listCards(handle.db, actors.cdc, { q: '王小二' })).items[0]!.id;
    await expect(changeCardStatus(handle.db, actors.doctorEast, id, 'check')).rejects.toMatchObject({ status: 403 });
    await expect(changeCardStatus(handle.db, actors.otherTownship, id, 'check')).rejects.toMatchObject({ status: 404 });
    await expect(changeCardStatus(handle.db, actors.cdc, id, 'confirm')).rejects.toMatchObject({ code: 'card_status' });
    await changeCardStatus(handle.db, actors.township, id, 'check');
    await changeCardStatus(handle.db, actors.cdc, id, 'confirm');
    // 订正 by the reporting institution: a new version, checked again; the old diagnosis stays in the history.
    const before = await getCard(handle.db, actors.hospital, id);
    await expect(saveCard(handle.db, actors.doctorEast, card({ patientName: '王小二', idNumber: null, birthDate: '1990-01-01', icd10: 'B06.9', diagnosedAt: before.diagnosedAt, onsetDate: before.onsetDate }), { cardId: id, reason: '改诊' })).rejects.toMatchObject({ status: 403 });
    await saveCard(handle.db, actors.hospital, card({ patientName: '王小二', idNumber: null, birthDate: '1990-01-01', icd10: 'B06.9', diagnosedAt: before.diagnosedAt, onsetDate: before.onsetDate }), { cardId: id, reason: '诊断变更为风疹' });
    const after = await getCard(handle.db, actors.township, id);
    expect([after.status, after.version, after.diseaseId]).toEqual(['revised', 2, 'rubella']);
    expect(after.history.map((e) => e.action)).toEqual(['enter', 'check', 'confirm', 'revise']);
    expect(after.history[3]!.changes).toContainEqual({ field: 'icd10', before: 'B26.9', after: 'B06.9' });
    expect(after.actions).toContain('check');
    await expect(changeCardStatus(handle.db, actors.hospital, id, 'delete')).rejects.toMatchObject({ details: { field: 'reason' } });
    await changeCardStatus(handle.db, actors.hospital, id, 'delete', '重复录入');
    expect((await getCard(handle.db, actors.cdc, id)).status).toBe('deleted');
  });

  it('shows a township only its own cards', async () => {
    expect((await listCards(handle.db, actors.township)).total).toBeGreaterThan(0);
    expect((await listCards(handle.db, actors.otherTownship)).total).toBe(0);
    expect((await listAlerts(handle.db, actors.otherTownship)).items).toEqual([]);
  });
});

describe('missed reports', () => {
  it('finds an unreported visit, not a reported one, and rates with zero denominators as null', async () => {
    const { id: batch } = await handle.db
      .insertInto('disease_visit_batch')
      .values({ institution_id: ids.eastClinic, source: 'file', received_by_name: '测试', visits_new: 4, visits_repeated: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const visit = async (sender: string, personId: number | null, name: string, birth: string, at: string, icd10: string) => {
      const { id } = await handle.db
        .insertInto('disease_visit')
        .values({
          institution_id: ids.eastClinic, sender_visit_id: sender, batch_id: batch, content_hash: sender, person_id: personId, match_method: personId ? 'id_number' : 'unmatched',
          patient_name: name, birth_date: birth, residence_area_id: personId ? county.areas.eastVillage : null, visited_at: at, source: 'file',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await handle.db.insertInto('disease_visit_diagnosis').values({ visit_id: id, seq: 1, icd10 }).execute();
      return Number(id);
    };
    // 李大山's mumps card (entered above, diagnosed 23.9 h ago at the county hospital) answers the clinic's visit.
    const reported = await visit('v1', ids.person, '李大山', '1980-05-01', hoursAgo(23), 'B26.9');
    const missed = await visit('v2', null, '孙小红', '2015-06-01', hoursAgo(72), 'B08.4');
    const pending = await visit('v3', null, '周五', '1950-02-02', hoursAgo(1), 'A09.0');
    await visit('v4', null, '钱多', '1960-01-01', hoursAgo(72), 'J06.9');
    const now = new Date();
    const period = { from: daysAgo(10), to: daysAgo(0) };
    const outcomes = async (actor: Actor, outcome: 'reported' | 'missed' | 'pending') =>
      (await listMissedReports(handle.db, actor, { ...period, outcome, institutionId: ids.eastClinic }, now)).items.map((i) => [i.visitId, i.institutionName]);
    expect(await outcomes(actors.cdc, 'missed')).toEqual([[missed, '东岭村卫生室']]);
    expect(await outcomes(actors.cdc, 'reported')).toEqual([[reported, '东岭村卫生室']]);
    expect(await outcomes(actors.cdc, 'pending')).toEqual([[pending, '东岭村卫生室']]);
    expect(await outcomes(actors.otherTownship, 'missed')).toEqual([]);

    const rates = await reportingRates(handle.db, actors.cdc, period, now);
    const clinic = rates.institutions.find((r) => r.name === '东岭村卫生室')!;
    expect([clinic.registered, clinic.reported, clinic.reportingRate, clinic.cards, clinic.timelyRate]).toEqual([2, 1, 0.5, 0, null]);
    expect(rates.townships.map((t) => t.name).sort()).toEqual(['县直机构', '东岭镇'].sort());
    const empty = await reportingRates(handle.db, actors.cdc, { from: '2020-01-01', to: '2020-01-31' }, now);
    expect([empty.total.reportingRate, empty.total.timelyRate]).toEqual([null, null]);
  });
});

describe('routes', () => {
  it('enter a card over HTTP, refuse bad input naming the field, and list it', async () => {
    await handle.db.updateTable('app_user').set({ institution_id: ids.cdc }).where('username', '=', 'cdc').execute();
    const headers = await testApp.as('cdc');
    const body = { ...card({ patientName: '吴六', idNumber: null, birthDate: '2000-02-02', icd10: 'A38', diagnosedAt: hoursAgo(2), onsetDate: daysAgo(2) }) };
    const bad = await testApp.app.inject({ method: 'POST', url: '/api/disease/cards', headers, payload: { ...body, onsetDate: daysAgo(-1) } });
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'onsetDate']);
    const ok = await testApp.app.inject({ method: 'POST', url: '/api/disease/cards', headers, payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ disease: '猩红热', institutionName: '县疾控中心', onTime: true, actions: ['revise', 'delete'] });
    const list = await testApp.app.inject({ method: 'GET', url: '/api/disease/cards?q=吴六', headers });
    expect(list.json().total).toBe(1);
    for (const url of ['/api/disease/notifiable', '/api/disease/card-alerts?open=true', `/api/disease/missed-reports?from=${daysAgo(5)}&to=${daysAgo(0)}`, `/api/disease/report-rates?from=${daysAgo(5)}&to=${daysAgo(0)}`]) {
      const res = await testApp.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });
});
