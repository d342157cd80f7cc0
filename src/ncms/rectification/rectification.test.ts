import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { createInstitution } from '../../core/institutions/institutions.ts';
import { XLSX_TYPE } from '../../core/xlsx/read-sheet.ts';

let t: TestApp;
let auditId: number;

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const count = async (table: 'ncms_audit_finding' | 'ncms_finding_event' | 'ncms_finding_evidence') =>
  Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  await createInstitution(t.handle.db, systemActor('测试夹具'), { code: 'RX-H1', name: '清河县人民医院', kind: 'county_hospital', level: 'county', areaId: t.county.areas.county });
  const res = await call('ncms', 'POST', '/api/ncms/audits', { title: '2025 年度新农合基金省级审计', auditor: '省审计厅', auditedOn: '2026-05-10' });
  expect(res.statusCode, res.body).toBe(200);
  auditId = res.json().id;
});
afterAll(() => t.close());

describe('a finding from record to closure', () => {
  let id: number;
  const evidence = Buffer.from('%PDF-1.4 整改报告');

  it('records a finding unassigned, seen by the office only', async () => {
    const res = await call('ncms', 'POST', `/api/ncms/audits/${auditId}/findings`, { number: 1, text: '参合费未及时解缴专户', category: '基金管理', severity: 'serious' });
    expect(res.statusCode, res.body).toBe(200);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'pending', statusName: '待分派', overdue: false });
    expect((await call('township', 'GET', `/api/ncms/findings/${id}`)).statusCode).toBe(404);
    const again = await call('ncms', 'POST', `/api/ncms/audits/${auditId}/findings`, { number: 1, text: '重复', category: '其他', severity: 'general' });
    expect(again.json().error.code).toBe('duplicate_number');
  });

  it('assigns it to a township with a deadline; past the deadline it is overdue', async () => {
    const res = await call('ncms', 'POST', `/api/ncms/findings/${id}/assign`, { unitKind: 'township', townshipId: t.county.areas.town, deadline: '2026-06-30' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', unitName: '东岭镇', overdue: true });
    const overdue = (await call('township', 'GET', '/api/ncms/findings?overdue=true')).json();
    expect(overdue.map((f: { id: number }) => f.id)).toEqual([id]);
  });

  it('lets the unit report progress with evidence, and only the unit', async () => {
    const refused = await call('auditor', 'POST', `/api/ncms/findings/${id}/progress`, { note: '审计员不应报送' });
    expect(refused.statusCode).toBe(403);
    expect((await call('doctor_east', 'GET', `/api/ncms/findings/${id}`)).statusCode).toBe(403);
    const res = await call('township', 'POST', `/api/ncms/findings/${id}/progress`, {
      note: '已将 3 月参合费解缴专户',
      files: [{ fileName: '解缴凭证.pdf', contentType: 'application/pdf', base64: evidence.toString('base64') }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const event = res.json().events.at(-1);
    expect(event).toMatchObject({ kind: 'progress', note: '已将 3 月参合费解缴专户', actorName: '东岭镇卫生院' });
    const file = await call('township', 'GET', `/api/ncms/findings/evidence/${event.evidence[0].id}`);
    expect(file.rawPayload.equals(evidence)).toBe(true);
  });

  it('refuses an evidence file over 5 MB and writes nothing', async () => {
    const before = await count('ncms_finding_event');
    const res = await call('township', 'POST', `/api/ncms/findings/${id}/progress`, { note: '大文件', files: [{ fileName: '扫描件.pdf', base64: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64') }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('file_too_large');
    expect(await count('ncms_finding_event')).toBe(before);
  });

  it('is sent back with a reason, resubmitted and closed by the office', async () => {
    expect((await call('township', 'POST', `/api/ncms/findings/${id}/progress`, { note: '整改完成', submit: true })).json().status).toBe('submitted');
    expect((await call('township', 'POST', `/api/ncms/findings/${id}/decision`, { accept: true })).statusCode).toBe(403);
    expect((await call('ncms', 'POST', `/api/ncms/findings/${id}/decision`, { accept: false })).json().error.field).toBe('note');
    const returned = await call('ncms', 'POST', `/api/ncms/findings/${id}/decision`, { accept: false, note: '缺 4 月解缴凭证' });
    expect(returned.json()).toMatchObject({ status: 'returned', statusName: '退回重改' });
    await call('township', 'POST', `/api/ncms/findings/${id}/progress`, { note: '补充 4 月凭证', submit: true });
    const closed = await call('ncms', 'POST', `/api/ncms/findings/${id}/decision`, { accept: true });
    expect(closed.json()).toMatchObject({ status: 'closed', overdue: false });
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned', 'progress', 'submitted', 'returned', 'submitted', 'closed']);
    expect((await call('township', 'POST', `/api/ncms/findings/${id}/progress`, { note: '再报' })).json().error.code).toBe('wrong_status');
  });
});

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('问题清单');
  sheet.addRow(['序号', '问题描述', '问题类别', '严重程度', '责任单位', '整改期限']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
const upload = async (file: Buffer) => {
  const { cookie } = await t.as('ncms');
  return t.app.inject({ method: 'POST', url: `/api/ncms/audits/${auditId}/findings/import`, headers: { cookie, 'content-type': XLSX_TYPE }, payload: file });
};

describe('import', () => {
  it('refuses a file with bad rows, lists every one and writes nothing', async () => {
    const before = await count('ncms_audit_finding');
    const res = await upload(
      await workbook([
        [2, '住院病人挂床', '补偿管理', '严重', '清河县人民医院', '2026-09-30'],
        [3, '', '补偿管理', '一般', '', ''],
        [2, '重复序号', '乱分类', '很重', '东岭镇', ''],
        [4, '未知单位', '其他', '一般', '南山镇', '2026-09-30'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('findings_invalid');
    expect(res.json().error.details.rows).toEqual([
      { row: 3, column: '问题描述', message: '问题描述不能为空' },
      { row: 4, column: '序号', message: '序号 2 与第 2 行重复' },
      { row: 4, column: '问题类别', message: expect.stringContaining('乱分类') },
      { row: 4, column: '严重程度', message: expect.stringContaining('很重') },
      { row: 4, column: '整改期限', message: '填写了责任单位，请同时填写整改期限' },
      { row: 5, column: '责任单位', message: expect.stringContaining('南山镇') },
    ]);
    expect(await count('ncms_audit_finding')).toBe(before);
  });

  it('imports a good file with units by township name and institution name', async () => {
    const res = await upload(
      await workbook([
        [2, '住院病人挂床', '补偿管理', '严重', '清河县人民医院', '2026-09-30'],
        [3, '村卫生室门诊统筹处方不全', '定点机构监管', '一般', '东岭镇', '2026/10/31'],
        [4, '信息系统权限未分离', '信息系统', '较重', '', ''],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    const all = (await call('ncms', 'GET', `/api/ncms/findings?auditId=${auditId}`)).json();
    expect(all.map((f: { number: number; unitName: string | null; status: string }) => [f.number, f.unitName, f.status])).toEqual([
      [1, '东岭镇', 'closed'],
      [2, '清河县人民医院', 'in_progress'],
      [3, '东岭镇', 'in_progress'],
      [4, null, 'pending'],
    ]);
    // Township staff see their township's findings, not the county hospital's nor unassigned ones.
    const theirs = (await call('township', 'GET', `/api/ncms/findings?auditId=${auditId}`)).json();
    expect(theirs.map((f: { number: number }) => f.number)).toEqual([1, 3]);
    const audits = (await call('ncms', 'GET', '/api/ncms/audits')).json();
    expect(audits[0]).toMatchObject({ findings: 4, closed: 1 });
  });
});
