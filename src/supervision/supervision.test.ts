import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { systemActor } from '../core/auth/actor.ts';
import { pdfText } from '../core/pdf/pdf-text.ts';
import { claimsWorld, patients } from '../ncms/testing/claim-fixtures.ts';
import { addHousehold } from '../ncms/testing/enrollment-fixtures.ts';
import { createRecord } from '../publichealth/records/records.ts';
import { send, visit, visitWorld } from '../publichealth/disease/intake/testing/visit-fixtures.ts';
import '../indicator-providers.ts';
import { computeMonthValues, computeRunValues, computeValues, recomputeMonth, recomputeMonths, type MonthValues } from './indicators/compute.ts';
import { addTestChild, createTestClinic } from '../publichealth/immunization/lists/testing.ts';
import { fundTheBank, postClaim } from '../ncms/fund/fund-fixtures.ts';
import { indicatorTable } from './indicators/table.ts';
import { parsePeriod } from './period.ts';

const MONTH = '2026-03';
let t: TestApp;

async function call(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  await claimsWorld(db, t.county, [2026]);
  // Hand count: 东岭村 3 + 2 (visit fixture) residents, 3 enrolled, one with a record; 西岭村 2 + 1 residents, none
  // enrolled, no record; 北门社区 (urban, 城关街道) 1 resident. Two mumps visits at 东岭镇卫生院 in March, no card.
  const east = await patients(db, t.county.areas.eastVillage, ['张大山', '李小花', '王二'], [2026]);
  await addHousehold(db, t.county.areas.westVillage, ['赵六', '钱七']);
  await createRecord(db, systemActor(), east[0]!.id, { createdOn: '2026-01-10' });
  const world = await visitWorld(db, t.county);
  await send(db, world.institutions.centre, [visit('V1', world.residents.zhang), visit('V2', world.residents.li, 'B26.9', '2026-03-03 10:00')]);
  await recomputeMonth(db, systemActor(), MONTH, '2026-12-07');
});
afterAll(() => t.close());

describe('indicators of a hand-counted county', () => {
  it('computes enrollment and record rates per village, township and county, and 无数据 (null) for a zero denominator', async () => {
    const table = await indicatorTable(t.handle.db, systemActor(), { period: parsePeriod(MONTH) });
    const town = table.rows.find((r) => r.areaId === t.county.areas.town)!;
    expect(town.values.ncms_enrollment_rate).toMatchObject({ numerator: 3, denominator: 8, value: 37.5 });
    expect(town.values.record_rate).toMatchObject({ numerator: 1, denominator: 8, value: 12.5 });
    expect(town.values.disease_reporting_rate).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
    expect(table.total!.values.ncms_enrollment_rate!.value).toBe(37.5); // the urban community counts on neither side
    expect(table.total!.values.record_rate).toMatchObject({ numerator: 1, denominator: 9 });
    // No admissions, no children, no report cards: nothing to divide by.
    expect(table.total!.values.ncms_inpatient_compensation_ratio!.value).toBeNull();
    expect(table.total!.values.nip_coverage!.value).toBeNull();
    expect(town.values.disease_timely_rate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const street = table.rows.find((r) => r.areaId === t.county.areas.street)!;
    expect(street.values.ncms_enrollment_rate).toBeUndefined();

    const villages = await indicatorTable(t.handle.db, systemActor(), { period: parsePeriod(MONTH), townshipId: t.county.areas.town });
    expect(villages.rows.map((r) => [r.name, r.values.ncms_enrollment_rate!.value, r.values.record_rate!.value])).toEqual([
      ['东岭村', 60, 20],
      ['西岭村', 0, 0],
    ]);
  });

  it('keeps the area name of the month it was computed in', async () => {
    await sql`update area set name = '东岭乡' where id = ${t.county.areas.town}`.execute(t.handle.db);
    const table = await indicatorTable(t.handle.db, systemActor(), { period: parsePeriod(MONTH) });
    expect(table.rows.find((r) => r.areaId === t.county.areas.town)!.name).toBe('东岭镇');
    await sql`update area set name = '东岭镇' where id = ${t.county.areas.town}`.execute(t.handle.db);
  });
});

describe('targets, scoring and scope', () => {
  it('refuses a target for an unknown indicator, and lets only the bureau set targets', async () => {
    const unknown = await call('admin', 'PUT', '/api/supervision/targets', { year: 2026, indicator: 'no_such', target: 90 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_indicator', field: 'indicator' });
    expect(unknown.json().error.message).toContain('不在指标库中');
    const township = await call('township', 'PUT', '/api/supervision/targets', { year: 2026, indicator: 'record_rate', target: 50 });
    expect(township.statusCode).toBe(403);
    expect((await call('township', 'POST', '/api/supervision/values/compute', { month: MONTH })).statusCode).toBe(403);
  });

  it('scores and ranks the townships, and every township sees the county ranking', async () => {
    for (const [indicator, target] of [['ncms_enrollment_rate', 85], ['record_rate', 50]] as const) {
      expect((await call('admin', 'PUT', '/api/supervision/targets', { year: 2026, indicator, target })).statusCode).toBe(200);
    }
    const scheme = await call('admin', 'PUT', '/api/supervision/scheme', {
      year: 2026,
      items: [
        { indicator: 'ncms_enrollment_rate', points: 50, rule: 'proportional' },
        { indicator: 'record_rate', points: 50, rule: 'none' },
      ],
    });
    expect(scheme.statusCode, scheme.body).toBe(200);
    const ranking = await call('township', 'GET', `/api/supervision/ranking?month=${MONTH}`);
    expect(ranking.statusCode).toBe(200);
    // 东岭镇: 50 × 37.5/85 = 22.06 of enrollment, 0 of records (rule none) → 22.1; 城关街道: records 0 % → 0 of 50.
    expect(ranking.json().rows.map((r: { name: string; score: number | null; rank: number | null }) => [r.name, r.score, r.rank])).toEqual([
      ['东岭镇', 22.1, 1],
      ['城关街道', 0, 2],
    ]);
    // Villages only within the reader's area; village doctors have no supervision pages at all.
    const villages = await call('township', 'GET', `/api/supervision/values?month=${MONTH}&townshipId=${t.county.areas.town}`);
    expect(villages.json().rows.map((r: { name: string }) => r.name)).toEqual(['东岭村', '西岭村']);
    expect((await call('township', 'GET', `/api/supervision/values?month=${MONTH}&townshipId=${t.county.areas.street}`)).statusCode).toBe(404);
    expect((await call('doctor_east', 'GET', `/api/supervision/ranking?month=${MONTH}`)).statusCode).toBe(403);
  });
});

describe('dashboard', () => {
  it('answers the latest month\'s cards, a 12-month county trend and the townships against target, the same to every reader', async () => {
    const res = await call('township', 'GET', '/api/supervision/dashboard?indicator=record_rate');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.month).toBe(MONTH); // the only month computed so far
    const card = (code: string) => d.cards.find((c: { indicator: string }) => c.indicator === code);
    // No February values: no change. No admissions: 无数据 (null), never 0.
    expect(card('ncms_enrollment_rate')).toEqual({ indicator: 'ncms_enrollment_rate', value: 37.5, target: 85, meets: false, previous: null, change: null });
    expect(card('ncms_inpatient_compensation_ratio')).toMatchObject({ value: null, meets: null });
    expect(d.trend).toHaveLength(12);
    expect(d.trend[0]).toEqual({ month: '2025-04', value: null, target: null });
    expect(d.trend[11]).toEqual({ month: MONTH, value: 11.11, target: 50 }); // 1 record of 9 residents
    // Every township's figure for everyone; the villages behind a bar only within the reader's area.
    expect(d.townships).toEqual([
      { areaId: t.county.areas.street, name: '城关街道', value: 0, target: 50, meets: false, opensVillages: false },
      { areaId: t.county.areas.town, name: '东岭镇', value: 12.5, target: 50, meets: false, opensVillages: true },
    ]);
    const forBureau = (await call('admin', 'GET', '/api/supervision/dashboard?indicator=record_rate')).json();
    expect(forBureau.townships.map((x: { opensVillages: boolean }) => x.opensVillages)).toEqual([true, true]);
    expect({ ...forBureau, townships: d.townships }).toEqual(d);
    const villages = await call('township', 'GET', `/api/supervision/values?month=${MONTH}&townshipId=${t.county.areas.town}`);
    expect(villages.json().rows.map((r: { name: string }) => r.name)).toEqual(['东岭村', '西岭村']);
    expect((await call('township', 'GET', `/api/supervision/values?period=2026-Q1&townshipId=${t.county.areas.street}`)).statusCode).toBe(404);
    expect((await call('doctor_east', 'GET', '/api/supervision/dashboard')).statusCode).toBe(403);
    expect((await call('admin', 'GET', '/api/supervision/dashboard?indicator=no_such')).statusCode).toBe(404);
  });
});

describe('half-year and year (半年总结、全年考核)', () => {
  it('ranks the townships over a period from the stored months: flows summed, stocks at the last month', async () => {
    const { town, street } = t.county.areas;
    const areas = await t.handle.db.selectFrom('area').select(['id', 'code', 'name']).where('id', 'in', [town, street]).execute();
    const row = (indicator: string, month: string, areaId: number, numerator: number, denominator: number) => {
      const a = areas.find((x) => x.id === areaId)!;
      return { indicator, month, area_id: areaId, area_code: a.code, area_name: a.name, area_level: 'township' as const, parent_area_id: null, numerator, denominator, value: denominator === 0 ? null : (numerator / denominator) * 100 };
    };
    // 2024, clear of the months the other tests compute. 东岭镇: reporting 9/10 + 0/0 + 6/10 = 75 %, enrollment in
    // June 80 %; 城关街道: no case to report in any month (无数据), enrollment in June 90 %.
    await t.handle.db.insertInto('supervision_indicator_value').values([
      row('disease_reporting_rate', '2024-01', town, 9, 10),
      row('disease_reporting_rate', '2024-02', town, 0, 0),
      row('disease_reporting_rate', '2024-04', town, 6, 10),
      row('disease_reporting_rate', '2024-07', town, 0, 10),
      row('ncms_enrollment_rate', '2024-01', town, 50, 100),
      row('ncms_enrollment_rate', '2024-06', town, 80, 100),
      row('disease_reporting_rate', '2024-01', street, 0, 0),
      row('disease_reporting_rate', '2024-03', street, 0, 0),
      row('ncms_enrollment_rate', '2024-06', street, 90, 100),
    ]).execute();
    for (const [indicator, target] of [['ncms_enrollment_rate', 85], ['disease_reporting_rate', 100]] as const) {
      expect((await call('admin', 'PUT', '/api/supervision/targets', { year: 2024, indicator, target })).statusCode).toBe(200);
    }
    await call('admin', 'PUT', '/api/supervision/scheme', { year: 2024, items: [{ indicator: 'ncms_enrollment_rate', points: 50, rule: 'proportional' }, { indicator: 'disease_reporting_rate', points: 50, rule: 'deduct', deductPerUnit: 2 }] });

    const res = await call('township', 'GET', '/api/supervision/ranking?period=2024-H1');
    expect(res.statusCode, res.body).toBe(200);
    const ranking = res.json();
    expect(ranking.period).toEqual({ key: '2024-H1', from: '2024-01', to: '2024-06', name: '2024年上半年' });
    expect(ranking.computedMonths).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-06']);
    // 东岭镇: 50 × 80/85 = 47.06 of enrollment, reporting 25 points short → 50 − 2 × 25 = 0 → 47.1; 城关街道: only
    // enrollment counts, met → 100.
    expect(ranking.rows.map((r: { name: string; score: number; rank: number }) => [r.name, r.score, r.rank])).toEqual([['城关街道', 100, 1], ['东岭镇', 47.1, 2]]);
    const values = (await call('township', 'GET', '/api/supervision/values?period=2024')).json();
    const eastValues = values.rows.find((r: { areaId: number }) => r.areaId === town).values;
    expect(eastValues.disease_reporting_rate).toMatchObject({ numerator: 15, denominator: 30, value: 50 });
    expect(values.rows.find((r: { areaId: number }) => r.areaId === street).values.disease_reporting_rate).toMatchObject({ denominator: 0, value: null });

    const xlsx = await call('township', 'GET', '/api/supervision/ranking.xlsx?period=2024-H1');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('督导考核排名-2024-H1.xlsx'));
    expect((await call('township', 'GET', '/api/supervision/ranking?period=2024-H3')).json().error.field).toBe('period');
  });
});

describe('monthly bulletin', () => {
  it('publishes a frozen bulletin with PDF and Excel; a change is a new version with its reason', async () => {
    const preview = await call('admin', 'GET', `/api/supervision/bulletins/preview?month=${MONTH}`);
    expect(preview.json().text).toContain('本月综合得分第一的是东岭镇');
    expect(preview.json().belowTarget).toEqual([expect.objectContaining({ township: '东岭镇', unit: '东岭镇卫生院', indicatorName: '新农合参合率', value: '37.50%', target: '≥85.00%' }), expect.objectContaining({ township: '东岭镇', indicatorName: '居民健康档案建档率' }), expect.objectContaining({ township: '城关街道', unit: '城关街道卫生院', value: '0.00%' })]);
    // The NCMS fund's early warning is a section of its own, also for readers without ncms.read (the CDC).
    // It reads the fund as it stood on the month's last day: the fixture's year has income and no spending.
    const [fund] = preview.json().sections;
    expect(preview.json().sections).toHaveLength(1);
    expect(fund.title).toBe('新农合基金运行预警');
    expect(fund.lines[0]).toBe(`${MONTH.slice(0, 4)} 年度基金预警等级：关注（截至 ${MONTH}-31）`);
    expect(fund.lines).toContain('【关注】预计年末当年结余率 100.00%，超过 15.00% 的控制标准，基金使用不充分');
    const forCdc = await call('cdc', 'GET', `/api/supervision/bulletins/preview?month=${MONTH}`);
    expect(forCdc.statusCode, forCdc.body).toBe(200);
    expect(forCdc.json().sections).toEqual(preview.json().sections);
    const first = await call('admin', 'POST', '/api/supervision/bulletins', { month: MONTH });
    expect(first.statusCode, first.body).toBe(200);
    const again = await call('admin', 'POST', '/api/supervision/bulletins', { month: MONTH });
    expect(again.statusCode).toBe(409);
    const second = await call('admin', 'POST', '/api/supervision/bulletins', { month: MONTH, correctionReason: '更正参合人数' });
    expect(second.json().version).toBe(2);
    await expect(sql`update supervision_bulletin set content = '{}' where id = ${first.json().id}`.execute(t.handle.db)).rejects.toThrow(/frozen/);
    await expect(sql`delete from supervision_bulletin where id = ${first.json().id}`.execute(t.handle.db)).rejects.toThrow(/frozen/);

    const pdf = await call('township', 'GET', `/api/supervision/bulletins/${second.json().id}/bulletin.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).join('');
    expect(text).toContain('更正参合人数');
    expect(text).toContain('四、新农合基金运行预警');
    const xlsx = await call('township', 'GET', `/api/supervision/bulletins/${first.json().id}/bulletin.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('targets for one institution', () => {
  it('keeps institution values, names an institution below its own target in the bulletin, and refuses indicators without them', async () => {
    const db = t.handle.db;
    const id = async (code: string) => (await db.selectFrom('institution').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [centre, hospital] = [await id('DV-T1'), await id('DV-H1')]; // the visit fixture's 东岭镇卫生院 and 清河县人民医院
    // The two mumps visits at 东岭镇卫生院 have no card: 0 of 2 reported.
    const stored = await db.selectFrom('supervision_institution_value').selectAll().where('month', '=', MONTH).where('institution_id', '=', centre).where('indicator', '=', 'disease_reporting_rate').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ institution_name: '东岭镇卫生院', township_id: t.county.areas.town, numerator: 0, denominator: 2, value: 0 });

    const put = (body: object) => call('admin', 'PUT', '/api/supervision/targets', { year: 2026, target: 100, ...body });
    expect((await put({ indicator: 'disease_reporting_rate', institutionId: centre })).statusCode).toBe(200);
    expect((await put({ indicator: 'disease_timely_rate', institutionId: hospital })).statusCode).toBe(200); // no cards: 无数据, not listed
    const noValues = await put({ indicator: 'record_rate', institutionId: hospital });
    expect(noValues.statusCode).toBe(400);
    expect(noValues.json().error).toMatchObject({ code: 'no_institution_values', field: 'institutionId' });
    expect(noValues.json().error.message).toContain('「居民健康档案建档率」没有按机构统计的值');
    expect((await put({ indicator: 'no_such', institutionId: hospital })).json().error.code).toBe('unknown_indicator');
    expect((await put({ indicator: 'disease_reporting_rate', institutionId: hospital, areaId: t.county.areas.town })).json().error.field).toBe('institutionId');

    const targets = (await call('township', 'GET', '/api/supervision/targets?year=2026')).json();
    expect(targets.filter((x: { institutionId: number | null }) => x.institutionId !== null).map((x: { institutionName: string }) => x.institutionName)).toEqual(['东岭镇卫生院', '清河县人民医院']);
    const preview = (await call('admin', 'GET', `/api/supervision/bulletins/preview?month=${MONTH}`)).json();
    expect(preview.belowTarget.filter((b: { indicator: string }) => b.indicator.startsWith('disease_'))).toEqual([
      { township: '东岭镇', unit: '东岭镇卫生院', indicator: 'disease_reporting_rate', indicatorName: '法定传染病报告率', value: '0.00%', target: '≥100.00%' },
    ]);
    // An institution's target is not its township's: the township table still has no target for it.
    const table = (await call('admin', 'GET', `/api/supervision/values?month=${MONTH}`)).json();
    expect(table.rows.find((r: { areaId: number }) => r.areaId === t.county.areas.town).values.disease_reporting_rate.target).toBeNull();
  });
});

describe('NCMS fund usage rate (基金使用率)', () => {
  it('divides the spending up to the month end by the year\'s funds raised, for the county only', async () => {
    const db = t.handle.db;
    const institution = await db.selectFrom('institution').select('id').orderBy('id').executeTakeFirstOrThrow();
    // 2025, clear of the year the bulletin above reads: 10 000 yuan raised, 2 500 paid in March, 1 000 in August.
    await fundTheBank(db, 2025, 1_000_000);
    await postClaim(db, { year: 2025, date: '2025-03-10', institutionId: institution.id, claimId: 1, fen: 250_000 });
    await postClaim(db, { year: 2025, date: '2025-08-01', institutionId: institution.id, claimId: 2, fen: 100_000 });
    const usage = async (month: string) => (await computeValues(db, month, '2026-12-07')).filter((r) => r.indicator === 'ncms_fund_usage_rate');
    expect(await usage('2025-06')).toEqual([expect.objectContaining({ area_level: 'county', numerator: 2500, denominator: 10_000, value: 25 })]);
    expect((await usage('2025-12'))[0]).toMatchObject({ numerator: 3500, value: 35 });
    expect((await usage('2024-12'))[0]).toMatchObject({ denominator: 0, value: null }); // nothing raised: 无数据
  });
});

describe('a run of months', () => {
  it('gives and keeps each month the values it has computed alone (immunization reads its children once for the run)', async () => {
    const db = t.handle.db;
    // 2025, which no test above reads: a child turning 1 in May 2025 (MMR 1 due then), certified, partly vaccinated.
    const clinic = await createTestClinic(db, t.county.areas.town);
    await addTestChild(db, clinic, {
      name: '周一岁',
      birthDate: '2024-05-10',
      areaId: t.county.areas.eastVillage,
      certificateIssuedOn: '2024-06-01',
      doses: [['HepB', 1, '2024-05-10'], ['BCG', 1, '2024-05-11'], ['MMR', 1, '2025-05-20']],
    });
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
    const alone = [];
    for (const month of months) alone.push({ month, ...(await computeMonthValues(db, month, '2026-12-07')) });
    const run: MonthValues[] = [];
    for await (const values of computeRunValues(db, months, '2026-12-07')) run.push(values);
    expect(run).toEqual(alone);
    const county = (indicator: string) => run.map((m) => m.areas.find((r) => r.indicator === indicator && r.area_level === 'county')!);
    expect(county('nip_coverage')[4]).toMatchObject({ numerator: 1, value: expect.any(Number) }); // May: MMR 1 given
    expect(county('nip_certificate_rate').map((r) => r.numerator)).toEqual([1, 1, 1, 1, 1, 1]);

    const kept: string[] = [];
    await recomputeMonths(db, systemActor(), months, '2026-12-07', (k) => kept.push(k.month));
    expect(kept).toEqual(months);
    const stored = await db.selectFrom('supervision_indicator_value').select(['month', 'indicator', 'area_id', 'numerator', 'denominator', 'value']).where('month', 'in', months).execute();
    const key = (r: { month: string; indicator: string; area_id: number }) => `${r.month} ${r.indicator} ${r.area_id}`;
    const pick = ({ month, indicator, area_id, numerator, denominator, value }: (typeof stored)[number]) => ({ month, indicator, area_id, numerator, denominator, value });
    expect(stored.map(pick).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(alone.flatMap((m) => m.areas.map(pick)).sort((a, b) => key(a).localeCompare(key(b))));
  });
});

describe('inspections (督查)', () => {
  it('follows a problem from the visit to closure, within the reach of the responsible township', async () => {
    const { town, street, eastVillage } = t.county.areas;
    const created = await call('admin', 'POST', '/api/supervision/inspections', {
      inspectedOn: '2026-03-05',
      areaId: eastVillage,
      topic: '村卫生室规范化建设',
      inspectors: '张科长、李医生',
      problems: [
        { description: '疫苗冷链温度记录不全', responsibleAreaId: town, deadline: '2026-03-20' },
        { description: '街道问题', responsibleAreaId: street, deadline: '2099-01-01' },
      ],
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect((await call('township', 'POST', '/api/supervision/inspections', { inspectedOn: '2026-03-05', areaId: town, topic: 'x', inspectors: 'y', problems: [] })).statusCode).toBe(403);

    const list = await call('township', 'GET', '/api/supervision/inspections');
    expect(list.json()).toEqual([expect.objectContaining({ id, problems: 2, open: 2, overdue: 1 })]);
    const [mine, other] = (await call('township', 'GET', `/api/supervision/inspections/${id}`)).json().problems;
    expect(mine).toMatchObject({ status: 'open', overdue: true });

    expect((await call('township', 'POST', `/api/supervision/problems/${other.id}/rectification`, { rectification: '已改' })).statusCode).toBe(404);
    expect((await call('township', 'POST', `/api/supervision/problems/${mine.id}/rectification`, { rectification: '补全温度记录，专人负责' })).statusCode).toBe(200);
    const noReason = await call('admin', 'POST', `/api/supervision/problems/${mine.id}/review`, { accept: false });
    expect(noReason.json().error.field).toBe('note');
    expect((await call('admin', 'POST', `/api/supervision/problems/${mine.id}/review`, { accept: false, note: '3月记录仍缺' })).statusCode).toBe(200);
    expect((await call('township', 'POST', `/api/supervision/problems/${mine.id}/rectification`, { rectification: '已补全3月记录' })).statusCode).toBe(200);
    expect((await call('admin', 'POST', `/api/supervision/problems/${mine.id}/review`, { accept: true })).statusCode).toBe(200);
    const closed = (await call('township', 'GET', `/api/supervision/inspections/${id}`)).json().problems[0];
    expect(closed).toMatchObject({ status: 'closed', overdue: false, rectification: '已补全3月记录', closedByName: '局管理员' });
    expect((await call('township', 'POST', `/api/supervision/problems/${mine.id}/rectification`, { rectification: '再改' })).statusCode).toBe(409);
  });
});

describe('demo step', () => {
  it('keeps every month of the year up to the as-of day (and December in January), a bulletin for each complete one', async () => {
    const { demoMonths } = await import('./demo.ts');
    expect(demoMonths('2026-04-15')).toEqual({ months: ['2026-01', '2026-02', '2026-03', '2026-04'], complete: ['2026-01', '2026-02', '2026-03'] });
    expect(demoMonths('2027-01-05')).toEqual({ months: ['2026-12', '2027-01'], complete: ['2026-12'] });
  });

  it('sets the rules, computes the months, publishes the complete ones and records inspections', async () => {
    const { supervisionDemoSteps } = await import('./demo.ts');
    // 2025: a year no test above published a bulletin of.
    const summary = await supervisionDemoSteps[0]!.generate(t.handle.db, { seed: 's', asOf: '2025-04-15' });
    expect(summary.counts).toMatchObject({ months: ['2025-01', '2025-02', '2025-03', '2025-04'], bulletins: ['2025-01', '2025-02', '2025-03'], inspections: 2 });
    const bulletins = (await call('admin', 'GET', '/api/supervision/bulletins')).json();
    expect(bulletins.filter((b: { month: string }) => b.month.startsWith('2025')).map((b: { month: string; version: number }) => [b.month, b.version])).toEqual([['2025-03', 1], ['2025-02', 1], ['2025-01', 1]]);
    const list = (await call('admin', 'GET', '/api/supervision/inspections')).json();
    expect(list.filter((i: { topic: string }) => i.topic === '基本公共卫生服务项目督查')).toEqual([expect.objectContaining({ problems: 3, open: 2 })]);
  });
});
