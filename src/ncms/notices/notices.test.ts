import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { pdfText } from '../../core/pdf/pdf-text.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';
import type { FixtureMember } from '../testing/enrollment-fixtures.ts';
import { EMPTY_MONTH_TEXT } from './notice-content.ts';
import { startNoticeJob } from './notice-job.ts';

const YEAR = 2026;
const MARCH = `${YEAR}-03`;
let t: TestApp;
let east: FixtureMember[];
let west: FixtureMember[];

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const visit = async (user: string, person: FixtureMember, day: string, total: number) => {
  const res = await call(user, 'POST', '/api/ncms/claims/visits', { personId: person.id, kind: 'outpatient', admittedOn: day, total });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function sheetValues(file: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  await claimsWorld(t.handle.db, t.county, [YEAR]);
  east = await patients(t.handle.db, t.county.areas.eastVillage, ['张大山', '欧阳小明', '李四'], [YEAR]);
  west = await patients(t.handle.db, t.county.areas.westVillage, ['王小五'], [YEAR]);
  await visit('clinic_east', east[0]!, `${YEAR}-03-02`, 40);
  await visit('clinic_east', east[1]!, `${YEAR}-03-15`, 20);
  await visit('centre', east[2]!, `${YEAR}-03-31`, 50);
  await visit('clinic_east', east[0]!, `${YEAR}-04-01`, 30); // next month: not in March's notice
  await visit('clinic_west', west[0]!, `${YEAR}-03-10`, 25);
});
afterAll(() => t.close());

describe('notice content', () => {
  it('lists every reimbursement of the village in the month, masked, with totals equal to the claims and the fund figures', async () => {
    const res = await call('ncms', 'GET', `/api/ncms/notices/preview?areaId=${t.county.areas.eastVillage}&month=${MARCH}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.rows.map((r: { name: string }) => r.name)).toEqual(['张*山', '欧阳*明', '李*']);
    for (const r of c.rows) expect(r.idNumber).toMatch(/^430702\*{8}\d{3}[\dX]$/);
    const claims = await t.handle.db
      .selectFrom('ncms_claim')
      .select(['total_fen', 'pay_fen'])
      .where('area_id', '=', t.county.areas.eastVillage)
      .where('discharged_on', '>=', `${MARCH}-01`)
      .where('discharged_on', '<', `${YEAR}-04-01`)
      .execute();
    expect(c.count).toBe(3);
    expect(c.totalFen).toBe(claims.reduce((s, x) => s + Number(x.total_fen), 0));
    expect(c.payFen).toBe(claims.reduce((s, x) => s + Number(x.pay_fen), 0));
    expect(c.fund).toMatchObject({ pool: '430702', year: YEAR });
    expect(c.fund.monthSpendingFen).toBeGreaterThanOrEqual(c.payFen); // the pool's spending includes the west village's
  });

  it('refuses a month that is not over', async () => {
    const res = await call('ncms', 'POST', '/api/ncms/notices', { areaId: t.county.areas.eastVillage, month: '2999-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('month_not_over');
  });
});

describe('publishing', () => {
  let noticeId: number;

  it('publishes a PDF with masked names only, never a full ID or name, and re-downloads it byte for byte', async () => {
    const res = await call('ncms', 'POST', '/api/ncms/notices', { areaId: t.county.areas.eastVillage, month: MARCH, complaintPhone: '0731-1234567' });
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json();
    noticeId = notice.id;
    expect(notice).toMatchObject({ version: 1, publishedByName: '合管办经办', claimCount: 3 });
    const first = await call('doctor_east', 'GET', `/api/ncms/notices/${noticeId}/notice.pdf`);
    expect(first.statusCode).toBe(200);
    const text = (await pdfText(first.rawPayload)).join('\n');
    expect(text).toContain('东岭村新农合补偿公示');
    expect(text).toContain('2026年3月1日至3月31日');
    for (const masked of ['张*山', '欧阳*明', '李*', '0731-1234567']) expect(text).toContain(masked);
    for (const p of [...east, ...west]) {
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(p.name);
    }
    const again = await call('doctor_east', 'GET', `/api/ncms/notices/${noticeId}/notice.pdf`);
    expect(Buffer.compare(first.rawPayload, again.rawPayload)).toBe(0);
    const xlsx = await call('doctor_east', 'GET', `/api/ncms/notices/${noticeId}/notice.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    // The Excel file's zip entries carry the time of writing; its cells are the same every time.
    const xlsxAgain = await call('doctor_east', 'GET', `/api/ncms/notices/${noticeId}/notice.xlsx`);
    const cells = await sheetValues(xlsx.rawPayload);
    expect(cells).toEqual(await sheetValues(xlsxAgain.rawPayload));
    expect(cells.flat()).toEqual(expect.arrayContaining(['张*山', '欧阳*明', '李*']));
    for (const p of east) expect(JSON.stringify(cells)).not.toContain(p.idNumber);
  });

  it('keeps a published notice frozen: no second publication without a correction, no update in the database', async () => {
    const twice = await call('ncms', 'POST', '/api/ncms/notices', { areaId: t.county.areas.eastVillage, month: MARCH });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'already_published', field: 'correctionReason' });
    const same = await call('ncms', 'POST', '/api/ncms/notices', { areaId: t.county.areas.eastVillage, month: MARCH, complaintPhone: '0731-1234567', correctionReason: '复核' });
    expect(same.json().error.code).toBe('no_change');
    await expect(sql`update ncms_notice set pay_fen = 0 where id = ${noticeId}`.execute(t.handle.db)).rejects.toThrow(/frozen/);
    await expect(sql`delete from ncms_notice where id = ${noticeId}`.execute(t.handle.db)).rejects.toThrow(/frozen/);
  });

  it('publishes a correction as a new version and keeps the first as it was', async () => {
    const before = (await call('ncms', 'GET', `/api/ncms/notices/${noticeId}`)).json();
    await visit('clinic_east', east[1]!, `${YEAR}-03-20`, 10); // a late-entered visit of March
    const res = await call('ncms', 'POST', '/api/ncms/notices', { areaId: t.county.areas.eastVillage, month: MARCH, correctionReason: '补录 3 月 20 日门诊一笔' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, claimCount: 4, correctionReason: '补录 3 月 20 日门诊一笔' });
    expect(res.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const after = (await call('ncms', 'GET', `/api/ncms/notices/${noticeId}`)).json();
    expect(after.content).toEqual(before.content);
    expect(after.contentHash).toBe(before.contentHash);
  });

  it('publishes a month without claims as 本月无补偿', async () => {
    const res = await call('ncms', 'POST', '/api/ncms/notices', { areaId: t.county.areas.westVillage, month: `${YEAR}-02` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ claimCount: 0, payFen: 0 });
    const pdf = await call('ncms', 'GET', `/api/ncms/notices/${res.json().id}/notice.pdf`);
    expect((await pdfText(pdf.rawPayload)).join('\n')).toContain(EMPTY_MONTH_TEXT);
  });
});

describe('scope', () => {
  it('shows a village doctor their village only, township staff their township', async () => {
    const board = (user: string) => call(user, 'GET', `/api/ncms/notices?month=${MARCH}`).then((r) => r.json().map((row: { village: string }) => row.village));
    expect(await board('doctor_east')).toEqual(['东岭村']);
    expect(await board('township')).toEqual(['东岭村', '西岭村']);
    const eastNotice = (await call('ncms', 'GET', `/api/ncms/notices?month=${MARCH}`)).json().find((r: { village: string }) => r.village === '东岭村').notice;
    expect((await call('doctor_west', 'GET', `/api/ncms/notices/${eastNotice.id}/notice.pdf`)).statusCode).toBe(404);
    expect((await call('doctor_west', 'GET', `/api/ncms/notices?month=${MARCH}&areaId=${t.county.areas.eastVillage}`)).statusCode).toBe(404);
  });

  it('leaves publishing to the NCMS office and previews to NCMS readers', async () => {
    expect((await call('doctor_east', 'POST', '/api/ncms/notices', { areaId: t.county.areas.eastVillage, month: `${YEAR}-01` })).statusCode).toBe(403);
    expect((await call('doctor_east', 'GET', `/api/ncms/notices/preview?areaId=${t.county.areas.eastVillage}&month=${MARCH}`)).statusCode).toBe(403);
    expect((await call('cdc', 'GET', `/api/ncms/notices?month=${MARCH}`)).statusCode).toBe(403);
  });
});

describe('generating every village of a month', () => {
  it('publishes the villages without a notice, leaves the published ones, and reports progress', async () => {
    const { job, finished } = await startNoticeJob(t.handle.db, { ...systemActor('合管办'), scope: { areaId: t.county.areas.town, path: (await t.handle.db.selectFrom('area').select('path').where('id', '=', t.county.areas.town).executeTakeFirstOrThrow()).path } }, { month: MARCH });
    expect(job).toMatchObject({ status: 'running', total: 2 });
    await finished;
    const res = await call('ncms', 'GET', `/api/ncms/notices/jobs/${job.id}`);
    expect(res.json()).toMatchObject({ status: 'done', total: 2, done: 2, published: 1, already: 1, empty: 0 });
    const board = (await call('township', 'GET', `/api/ncms/notices?month=${MARCH}`)).json();
    expect(board.map((r: { notice: { version: number } }) => r.notice.version)).toEqual([2, 1]);
  });
});
