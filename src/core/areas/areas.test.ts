import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { AreaNode } from './areas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

const names = (nodes: AreaNode[]): unknown => nodes.map((n) => (n.children.length ? { [n.name]: names(n.children) } : n.name));

async function snapshot() {
  const db = t.handle.db;
  const count = async (table: 'area' | 'area_version' | 'area_change' | 'household') =>
    (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const head = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
  return { areas: await count('area'), versions: await count('area_version'), changes: await count('area_change'), households: await count('household'), audit: head.seq };
}

async function addHouseholds(areaId: number, numbers: string[]) {
  const rows = await t.handle.db
    .insertInto('household')
    .values(numbers.map((household_no) => ({ area_id: areaId, household_no })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

async function newVillage(code: string, name: string) {
  const res = await call('admin', 'POST', '/api/areas', { code, name, kind: 'village', parentId: t.county.areas.town });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('area tree scoping', () => {
  it('shows the bureau admin the whole county', async () => {
    const res = await call('admin', 'GET', '/api/areas/tree');
    expect(res.statusCode).toBe(200);
    expect(names(res.json().tree)).toEqual([{ 清河县: [{ 城关街道: ['北门社区'] }, { 东岭镇: ['东岭村', '西岭村'] }] }]);
  });

  it('shows township staff their town under the county, without the county’s other parts', async () => {
    const res = await call('township', 'GET', '/api/areas/tree');
    expect(names(res.json().tree)).toEqual([{ 清河县: [{ 东岭镇: ['东岭村', '西岭村'] }] }]);
  });

  it('shows a village doctor only their village and the chain above it', async () => {
    const res = await call('doctor_east', 'GET', '/api/areas/tree');
    const tree = res.json().tree as AreaNode[];
    expect(names(tree)).toEqual([{ 清河县: [{ 东岭镇: ['东岭村'] }] }]);
    expect(tree[0]!.children[0]!.children[0]).toMatchObject({ code: '430702100200', level: 'village', kind: 'village', urban: false });
  });

  it('lets a doctor read an area above them but answers 404 for the neighbouring village', async () => {
    expect((await call('doctor_east', 'GET', `/api/areas/${t.county.areas.town}`)).statusCode).toBe(200);
    const west = await call('doctor_east', 'GET', `/api/areas/${t.county.areas.westVillage}`);
    expect(west.statusCode).toBe(404);
    expect(west.json().error.code).toBe('not_found');
  });
});

it('documents the area routes in the OpenAPI document', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/areas/tree', '/api/areas/merge', '/api/areas/{id}/split']));
});

describe('creating areas', () => {
  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot();
    const cases: Array<[object, number, string]> = [
      [{ code: '430702100250', name: '无上级村', kind: 'village', parentId: 99999 }, 400, 'parentId'],
      [{ code: '430702101250', name: '错码村', kind: 'village', parentId: t.county.areas.town }, 400, 'code'],
      [{ code: '430702100200', name: '重码村', kind: 'village', parentId: t.county.areas.town }, 409, 'code'],
      [{ code: '430702100050', name: '居委会码村', kind: 'village', parentId: t.county.areas.town }, 400, 'code'],
      [{ code: '430702100250', name: '挂错级别村', kind: 'village', parentId: t.county.areas.county }, 400, 'parentId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await call('admin', 'POST', '/api/areas', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses area management to anyone but the bureau admin', async () => {
    const res = await call('township', 'POST', '/api/areas', { code: '430702100250', name: '新村', kind: 'village', parentId: t.county.areas.town });
    expect(res.statusCode).toBe(403);
  });
});

describe('renaming and recoding', () => {
  it('keeps the old name and code queryable as of a past date', async () => {
    const id = await newVillage('430702100210', '老屋村');
    const res = await call('admin', 'POST', `/api/areas/${id}/rename`, { name: '新屋村', code: '430702100211', effective: '2024-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    const area = res.json();
    expect(area).toMatchObject({ name: '新屋村', code: '430702100211', validTo: null });
    expect(area.versions).toEqual([
      expect.objectContaining({ code: '430702100210', name: '老屋村', validFrom: '2000-01-01', validTo: '2024-02-29' }),
      expect.objectContaining({ code: '430702100211', name: '新屋村', validFrom: '2024-03-01', validTo: null }),
    ]);
    expect(area.changes).toEqual([expect.objectContaining({ kind: 'recode', effective: '2024-03-01', fromAreaIds: [id], toAreaIds: [id] })]);

    const old = await call('admin', 'GET', '/api/areas/by-code/430702100210?asOf=2024-02-29');
    expect(old.json()).toMatchObject({ id, name: '老屋村' });
    expect((await call('admin', 'GET', '/api/areas/by-code/430702100210')).statusCode).toBe(404);
    const pastTree = await call('admin', 'GET', '/api/areas/tree?asOf=2023-12-31');
    expect(JSON.stringify(pastTree.json())).toContain('老屋村');
    expect(JSON.stringify(pastTree.json())).not.toContain('新屋村');

    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'before']).where('entity', '=', 'area').where('entity_id', '=', String(id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'recode']);
    expect(audit[1]!.before).toEqual({ name: '老屋村', code: '430702100210' });
  });

  it('carries a street’s new code down to its communities', async () => {
    const res = await call('admin', 'POST', `/api/areas/${t.county.areas.street}/rename`, { code: '430702002000', effective: '2025-01-01' });
    expect(res.statusCode, res.body).toBe(200);
    const community = await call('admin', 'GET', `/api/areas/${t.county.areas.community}`);
    expect(community.json()).toMatchObject({ code: '430702002001', name: '北门社区' });
    expect(community.json().versions.map((v: { code: string }) => v.code)).toEqual(['430702001001', '430702002001']);
  });

  it('refuses an unchanged name, a future date and a code taken by a current area', async () => {
    const before = await snapshot();
    const id = t.county.areas.westVillage;
    const same = await call('admin', 'POST', `/api/areas/${id}/rename`, { name: '西岭村', effective: '2024-01-01' });
    expect(same.json().error.field).toBe('name');
    const future = await call('admin', 'POST', `/api/areas/${id}/rename`, { name: '西山村', effective: '2999-01-01' });
    expect(future.json().error.field).toBe('effective');
    const taken = await call('admin', 'POST', `/api/areas/${id}/rename`, { code: '430702100200', effective: '2024-01-01' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.field).toBe('code');
    expect(await snapshot()).toEqual(before);
  });
});

describe('merging', () => {
  it('moves the households, renumbers clashes, and keeps the old area with its end date', async () => {
    const into = await newVillage('430702100220', '南岭村');
    const from = await newVillage('430702100221', '北岭村');
    const [keep] = await addHouseholds(into, ['0001']);
    const [clash, free] = await addHouseholds(from, ['0001', '0002']);
    const res = await call('admin', 'POST', '/api/areas/merge', { fromIds: [from], intoId: into, effective: '2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changes).toEqual([expect.objectContaining({ kind: 'merge', fromAreaIds: [from], toAreaIds: [into] })]);

    const households = await t.handle.db.selectFrom('household').select(['id', 'area_id', 'household_no']).where('id', 'in', [keep!, clash!, free!]).orderBy('id').execute();
    expect(households).toEqual([
      { id: keep, area_id: into, household_no: '0001' },
      { id: clash, area_id: into, household_no: '0002' },
      { id: free, area_id: into, household_no: '0003' },
    ]);
    const old = await call('admin', 'GET', `/api/areas/${from}`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ name: '北岭村', validTo: '2025-05-31' });
    expect(old.json().versions.at(-1).validTo).toBe('2025-05-31');

    const lineage = await call('admin', 'GET', `/api/areas/${from}/lineage`);
    expect(lineage.json()).toEqual({ predecessors: [], successors: [expect.objectContaining({ id: into, via: 'merge', effective: '2025-06-01' })] });
    const tree = await call('admin', 'GET', '/api/areas/tree');
    expect(JSON.stringify(tree.json())).not.toContain('北岭村');
  });

  it('refuses merging into itself, across levels, or an area with villages under it, writing nothing', async () => {
    const before = await snapshot();
    const { eastVillage, westVillage, town, street } = t.county.areas;
    const self = await call('admin', 'POST', '/api/areas/merge', { fromIds: [eastVillage], intoId: eastVillage, effective: '2025-01-01' });
    expect(self.json().error.field).toBe('intoId');
    const levels = await call('admin', 'POST', '/api/areas/merge', { fromIds: [westVillage], intoId: town, effective: '2025-01-01' });
    expect(levels.statusCode).toBe(400);
    expect(levels.json().error).toMatchObject({ field: 'fromIds.0', message: expect.stringContaining('级别不同') });
    const parent = await call('admin', 'POST', '/api/areas/merge', { fromIds: [town], intoId: street, effective: '2025-02-01' });
    expect(parent.json().error).toMatchObject({ field: 'fromIds.0', message: expect.stringContaining('下级区划') });
    const unknown = await call('admin', 'POST', '/api/areas/merge', { fromIds: [99999], intoId: eastVillage, effective: '2025-01-01' });
    expect(unknown.json().error.field).toBe('fromIds.0');
    expect(await snapshot()).toEqual(before);
  });
});

describe('splitting', () => {
  it('requires every household to be assigned, then ends the source and lets a part keep its code', async () => {
    const source = await newVillage('430702100230', '中岭村');
    const [a, b, c] = await addHouseholds(source, ['0001', '0002', '0003']);
    const parts = (ids: number[][]) => [
      { code: '430702100230', name: '中岭一村', householdIds: ids[0] },
      { code: '430702100231', name: '中岭二村', householdIds: ids[1] },
    ];
    const before = await snapshot();
    const missing = await call('admin', 'POST', `/api/areas/${source}/split`, { effective: '2025-03-01', parts: parts([[a!], [b!]]) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ field: 'parts', message: expect.stringContaining('1 户未分配') });
    const twice = await call('admin', 'POST', `/api/areas/${source}/split`, { effective: '2025-03-01', parts: parts([[a!, b!], [b!, c!]]) });
    expect(twice.json().error.field).toBe('parts.1.householdIds.0');
    const foreign = await call('admin', 'POST', `/api/areas/${source}/split`, { effective: '2025-03-01', parts: parts([[a!, b!, c!], [9999]]) });
    expect(foreign.json().error.field).toBe('parts.1.householdIds.0');
    expect(await snapshot()).toEqual(before);

    const res = await call('admin', 'POST', `/api/areas/${source}/split`, { effective: '2025-03-01', parts: parts([[a!, b!], [c!]]) });
    expect(res.statusCode, res.body).toBe(200);
    const [one, two] = res.json().partIds as number[];
    const moved = await t.handle.db.selectFrom('household').select(['id', 'area_id']).where('id', 'in', [a!, b!, c!]).orderBy('id').execute();
    expect(moved.map((h) => h.area_id)).toEqual([one, one, two]);
    expect((await call('admin', 'GET', `/api/areas/${source}`)).json().validTo).toBe('2025-02-28');
    const oldCode = await call('admin', 'GET', '/api/areas/by-code/430702100230?asOf=2025-01-01');
    expect(oldCode.json()).toMatchObject({ id: source, name: '中岭村' });
    const newCode = await call('admin', 'GET', '/api/areas/by-code/430702100230');
    expect(newCode.json()).toMatchObject({ id: one, name: '中岭一村' });
    const lineage = await call('admin', 'GET', `/api/areas/${two}/lineage`);
    expect(lineage.json().predecessors).toEqual([expect.objectContaining({ id: source, via: 'split' })]);
  });
});

describe('lineage and plain renames', () => {
  it('follows merges and splits transitively in both directions', async () => {
    const a = await newVillage('430702100240', '甲村');
    const b = await newVillage('430702100241', '乙村');
    const [h1, h2] = await addHouseholds(b, ['0001', '0002']);
    expect((await call('admin', 'POST', '/api/areas/merge', { fromIds: [a], intoId: b, effective: '2024-01-01' })).statusCode).toBe(200);
    const split = await call('admin', 'POST', `/api/areas/${b}/split`, {
      effective: '2025-01-01',
      parts: [
        { code: '430702100242', name: '丙村', householdIds: [h1] },
        { code: '430702100243', name: '丁村', householdIds: [h2] },
      ],
    });
    const [c, d] = split.json().partIds as number[];
    const fromA = (await call('admin', 'GET', `/api/areas/${a}/lineage`)).json();
    expect(fromA.successors.map((l: { id: number }) => l.id).sort()).toEqual([b, c, d].sort());
    const fromD = (await call('admin', 'GET', `/api/areas/${d}/lineage`)).json();
    expect(fromD.predecessors.map((l: { name: string }) => l.name).sort()).toEqual(['乙村', '甲村'].sort());
    expect(fromD.successors).toEqual([]);
  });

  it('renames without recoding: same code, kind rename, today’s tree shows the new name', async () => {
    const id = await newVillage('430702100245', '旧名村');
    const res = await call('admin', 'POST', `/api/areas/${id}/rename`, { name: '新名村', effective: '2024-06-01' });
    expect(res.json()).toMatchObject({ code: '430702100245', name: '新名村' });
    expect(res.json().changes).toEqual([expect.objectContaining({ kind: 'rename' })]);
    const tree = JSON.stringify((await call('admin', 'GET', '/api/areas/tree')).json());
    expect(tree).toContain('新名村');
    expect(tree).not.toContain('旧名村');
  });
});
