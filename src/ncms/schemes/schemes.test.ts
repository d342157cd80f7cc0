import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { exampleSchemeDocument } from '../testing/example-scheme.ts';
import { diffDocuments } from './compare-schemes.ts';
import { activeScheme } from './scheme-store.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

const save = (document: unknown, username = 'ncms') => call(username, 'POST', '/api/ncms/schemes', { document });
const activeRows = (pool: string, year: number) =>
  t.handle.db.selectFrom('ncms_scheme').select(['id', 'version']).where('pool', '=', pool).where('year', '=', year).where('status', '=', 'active').execute();

describe('saving a scheme draft', () => {
  it('refuses a bad document, naming every problem with its path and the first one in the message', async () => {
    const doc: any = exampleSchemeDocument();
    doc.inpatient.county.ratio = 1.5;
    delete doc.annualCap;
    const res = await save(doc);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid_scheme');
    expect(error.message).toBe('补偿方案有误：inpatient.county.ratio：报销比例应在 0 到 1 之间，收到 1.5（共 2 处问题）');
    expect(error.field).toBe('document.inpatient.county.ratio');
    expect(error.details.problems).toEqual([
      { field: 'inpatient.county.ratio', message: '报销比例应在 0 到 1 之间，收到 1.5' },
      { field: 'annualCap', message: '缺少年度封顶线' },
    ]);
    expect(await t.handle.db.selectFrom('ncms_scheme').select('id').execute()).toEqual([]);
  });

  it('refuses a pool that is no area code', async () => {
    const res = await save({ ...exampleSchemeDocument(), pool: '430799' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'unknown_pool', field: 'document.pool' });
  });

  it('stores good documents as numbered draft versions per pool and year, with warnings for unknown keys', async () => {
    const first = await save({ ...exampleSchemeDocument(), year: 2030 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ pool: '430702', year: 2030, version: 1, status: 'draft', statusName: '草稿', createdByName: '合管办经办', warnings: [] });
    const second = await save({ ...exampleSchemeDocument(), year: 2030, ageBands: [] });
    expect(second.json()).toMatchObject({ version: 2, warnings: [{ path: 'ageBands', message: '未识别的字段（格式 v1 不使用），已忽略' }] });
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'ncms_scheme').execute();
    expect(audit).toEqual([
      { action: 'create', entity_id: String(first.json().id) },
      { action: 'create', entity_id: String(second.json().id) },
    ]);
  });

  it('lets auditors read but not write, and village doctors neither', async () => {
    expect((await call('auditor', 'GET', '/api/ncms/schemes')).statusCode).toBe(200);
    expect((await save(exampleSchemeDocument(), 'auditor')).statusCode).toBe(403);
    expect((await call('doctor_east', 'GET', '/api/ncms/schemes')).statusCode).toBe(403);
  });
});

describe('activating schemes', () => {
  it('keeps one active scheme per pool and year: activating retires the previous one', async () => {
    const v1 = (await save({ ...exampleSchemeDocument(), year: 2027 })).json();
    const v2 = (await save({ ...exampleSchemeDocument(), year: 2027, annualCap: 160000 })).json();
    const other = (await save({ ...exampleSchemeDocument(), year: 2028 })).json();

    expect((await call('ncms', 'POST', `/api/ncms/schemes/${v1.id}/activate`)).json()).toMatchObject({ status: 'active', activatedByName: '合管办经办' });
    expect((await call('ncms', 'POST', `/api/ncms/schemes/${other.id}/activate`)).statusCode).toBe(200);
    const res = await call('ncms', 'POST', `/api/ncms/schemes/${v2.id}/activate`);
    expect(res.statusCode).toBe(200);

    expect(await activeRows('430702', 2027)).toEqual([{ id: v2.id, version: 2 }]);
    expect(await activeRows('430702', 2028)).toEqual([{ id: other.id, version: 1 }]); // another year is untouched
    const old = (await call('auditor', 'GET', `/api/ncms/schemes/${v1.id}`)).json();
    expect(old).toMatchObject({ status: 'retired', statusName: '已停用' });
    expect(old.retiredAt).toEqual(expect.any(String));
    expect((await activeScheme(t.handle.db, '430702', 2027))?.scheme.annualCapFen).toBe(16000000);
    expect(await activeScheme(t.handle.db, '430702', 2029)).toBeNull();

    const again = await call('ncms', 'POST', `/api/ncms/schemes/${v2.id}/activate`);
    expect(again.statusCode).toBe(409);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'ncms_scheme').where('action', 'in', ['activate', 'retire']).orderBy('seq').execute();
    expect(audit.slice(-2)).toEqual([
      { action: 'retire', entity_id: String(v1.id) },
      { action: 'activate', entity_id: String(v2.id) },
    ]);
  });

  it('answers 404 for a missing scheme', async () => {
    expect((await call('ncms', 'POST', '/api/ncms/schemes/99999/activate')).statusCode).toBe(404);
    expect((await call('ncms', 'GET', '/api/ncms/schemes/99999')).statusCode).toBe(404);
  });
});

describe('comparing schemes', () => {
  it('lists the field-by-field differences from last year to this year', async () => {
    const lastYear: any = { ...exampleSchemeDocument(), year: 2024, financing: { individual: 380, government: 670 }, chronic: { diseases: ['I10'], annualCap: 10000 } };
    lastYear.inpatient = { ...lastYear.inpatient, county: { deductible: 400, ratio: 0.7 } };
    const a = (await save(lastYear)).json();
    const b = (await save({ ...exampleSchemeDocument(), year: 2025, annualCap: '150000.00' })).json();
    const res = await call('auditor', 'GET', `/api/ncms/schemes/compare?a=${a.id}&b=${b.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.a.year).toBe(2024);
    expect(body.b.year).toBe(2025);
    // annualCap 150000 vs "150000.00" is the same figure, so it is not a difference.
    expect(body.differences).toEqual([
      { path: 'year', old: 2024, new: 2025 },
      { path: 'financing.individual', old: 380, new: 400 },
      { path: 'financing.government', old: 670, new: 700 },
      { path: 'inpatient.county.ratio', old: 0.7, new: 0.75 },
      { path: 'chronic.diseases[1]', new: 'E11' },
    ]);
  });

  it('names removed and added keys, and null levels', () => {
    expect(diffDocuments({ a: { x: 1, y: null }, list: [1, 2] }, { a: { x: 1, y: { z: 2 }, w: 3 }, list: [1] })).toEqual([
      { path: 'a.y', old: null, new: { z: 2 } },
      { path: 'a.w', old: undefined, new: 3 },
      { path: 'list[1]', old: 2, new: undefined },
    ]);
  });
});
