import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { systemActor } from '../auth/actor.ts';
import { createHousehold } from './households.ts';
import { makeResidentId } from './resident-id.ts';

// Isolation by scope, route by route: a row outside the caller's scope answers exactly like a
// missing one (404), lists and searches simply do not contain it, and writes change nothing.

let t: TestApp;
const seeded: Record<'east' | 'west' | 'north', { householdId: number; personId: number; idNumber: string; name: string }> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  const { eastVillage, westVillage, community } = t.county.areas;
  const places = { east: [eastVillage, '东村人'], west: [westVillage, '西村人'], north: [community, '北门人'] } as const;
  let seq = 1;
  for (const [key, [areaId, name]] of Object.entries(places) as Array<[keyof typeof places, readonly [number, string]]>) {
    const idNumber = makeResidentId('430702', '1980-05-05', (seq += 2));
    const householdId = await createHousehold(t.handle.db, systemActor(), {
      areaId,
      address: `${name}住址`,
      members: [
        { name, idNumber, relation: 'head' },
        { name: `${name}之子`, sex: 'M', birthDate: '2010-01-01', relation: 'son' },
      ],
    });
    const person = await t.handle.db.selectFrom('person').select('id').where('id_number', '=', idNumber).executeTakeFirstOrThrow();
    seeded[key] = { householdId, personId: person.id, idNumber, name };
  }
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

const areaNames = (res: { json(): { items: Array<{ areaName: string }> } }) => [...new Set(res.json().items.map((i) => i.areaName))].sort();

/** Everything a write could touch: the people and households rows and the audit head. */
async function dbState() {
  const db = t.handle.db;
  return {
    persons: await db.selectFrom('person').selectAll().orderBy('id').execute(),
    households: await db.selectFrom('household').selectAll().orderBy('id').execute(),
    audit: (await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq,
  };
}

async function exportedRows(username: string, query = '') {
  const res = await call(username, 'GET', `/api/persons/export.xlsx${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[] = [];
  workbook.getWorksheet(1)!.eachRow((row, n) => {
    if (n > 1) rows.push(`${row.getCell(1).value}|${row.getCell(2).value ?? ''}|${row.getCell(9).value}`);
  });
  return rows;
}

describe('a village doctor of 东岭村 and the neighbouring 西岭村', () => {
  const doctor = 'doctor_east';

  it('lists only their own village', async () => {
    expect(areaNames(await call(doctor, 'GET', '/api/persons'))).toEqual(['东岭村']);
    expect((await call(doctor, 'GET', '/api/persons')).json().total).toBe(2);
    expect(areaNames(await call(doctor, 'GET', '/api/households'))).toEqual(['东岭村']);
  });

  it('gets 404 when narrowing a list to 西岭村', async () => {
    for (const url of [`/api/persons?areaId=${t.county.areas.westVillage}`, `/api/households?areaId=${t.county.areas.westVillage}`, `/api/persons/export.xlsx?areaId=${t.county.areas.westVillage}`]) {
      const res = await call(doctor, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('gets 404 for a 西岭村 person or household by id, same as for an id that does not exist', async () => {
    const west = seeded.west;
    const missing = await call(doctor, 'GET', '/api/persons/999999');
    for (const url of [`/api/persons/${west.personId}`, `/api/households/${west.householdId}`]) {
      const res = await call(doctor, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe(missing.json().error.code);
    }
  });

  it('finds nothing when searching by the exact ID of a 西岭村 person', async () => {
    const persons = await call(doctor, 'GET', `/api/persons?q=${seeded.west.idNumber}`);
    expect(persons.json()).toMatchObject({ items: [], total: 0 });
    const households = await call(doctor, 'GET', `/api/households?q=${seeded.west.idNumber}`);
    expect(households.json()).toMatchObject({ items: [], total: 0 });
    expect((await call('doctor_west', 'GET', `/api/persons?q=${seeded.west.idNumber}`)).json().total).toBe(1);
  });

  it('exports no 西岭村 rows', async () => {
    const rows = await exportedRows(doctor);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.endsWith('|东岭村'))).toBe(true);
    expect(rows.join()).not.toContain(seeded.west.idNumber);
    expect(await exportedRows(doctor, `?q=${seeded.west.idNumber}`)).toEqual([]);
  });

  it('cannot change a 西岭村 person or household by any route, and nothing is written', async () => {
    const west = seeded.west;
    const before = await dbState();
    const attempts: Array<['PATCH' | 'POST', string, object]> = [
      ['PATCH', `/api/persons/${west.personId}`, { name: '改名' }],
      ['PATCH', `/api/persons/${west.personId}`, { phone: '13000000000' }],
      ['POST', `/api/persons/${west.personId}/status`, { status: 'deceased', date: '2025-01-01' }],
      ['POST', `/api/persons/${west.personId}/status`, { status: 'moved_out', date: '2025-01-01' }],
      ['POST', `/api/households/${west.householdId}/members`, { name: '插入', sex: 'F', birthDate: '2024-01-01', relation: 'daughter' }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await call(doctor, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const intoWest = await call(doctor, 'POST', '/api/households', {
      areaId: t.county.areas.westVillage,
      address: 'x',
      members: [{ name: '越界', idNumber: makeResidentId('430702', '1990-09-09', 501), relation: 'head' }],
    });
    expect(intoWest.statusCode).toBe(400);
    expect(intoWest.json().error).toMatchObject({ field: 'areaId', code: 'unknown_area' });
    expect(await dbState()).toEqual(before);
  });

  it('can still change their own village’s people', async () => {
    const res = await call(doctor, 'PATCH', `/api/persons/${seeded.east.personId}`, { phone: '13100000000' });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe('13100000000');
  });
});

describe('wider roles', () => {
  it('shows township staff both villages of 东岭镇 but not 北门社区', async () => {
    expect(areaNames(await call('township', 'GET', '/api/persons'))).toEqual(['东岭村', '西岭村']);
    expect(areaNames(await call('township', 'GET', '/api/households'))).toEqual(['东岭村', '西岭村']);
    expect((await call('township', 'GET', `/api/persons/${seeded.north.personId}`)).statusCode).toBe(404);
    expect((await call('township', 'GET', `/api/persons?areaId=${t.county.areas.community}`)).statusCode).toBe(404);
    expect((await call('township', 'GET', `/api/persons?q=${seeded.north.idNumber}`)).json().items).toEqual([]);
    const rows = await exportedRows('township');
    expect(rows.some((r) => r.endsWith('|北门社区'))).toBe(false);
    expect(rows).toHaveLength(4);
  });

  it('shows the bureau admin everything', async () => {
    expect(areaNames(await call('admin', 'GET', '/api/persons'))).toEqual(['东岭村', '北门社区', '西岭村'].sort());
    expect((await call('admin', 'GET', `/api/households/${seeded.north.householdId}`)).statusCode).toBe(200);
  });

  it('lets the auditor and CDC staff read but not write (403), changing nothing', async () => {
    for (const reader of ['auditor', 'cdc']) {
      expect((await call(reader, 'GET', `/api/persons/${seeded.west.personId}`)).statusCode).toBe(200);
      expect((await call(reader, 'GET', '/api/households')).json().total).toBe(3);
    }
    const before = await dbState();
    const attempts: Array<['PATCH' | 'POST', string, object]> = [
      ['PATCH', `/api/persons/${seeded.west.personId}`, { phone: '13000000000' }],
      ['POST', `/api/persons/${seeded.west.personId}/status`, { status: 'deceased', date: '2025-01-01' }],
      ['POST', `/api/households/${seeded.west.householdId}/members`, { name: '插入', sex: 'F', birthDate: '2024-01-01', relation: 'daughter' }],
      ['POST', '/api/households', { areaId: t.county.areas.westVillage, address: 'x', members: [{ name: '审计', sex: 'M', birthDate: '2000-01-01', relation: 'head' }] }],
    ];
    for (const reader of ['auditor', 'cdc']) {
      for (const [method, url, body] of attempts) {
        const res = await call(reader, method, url, body);
        expect(res.statusCode, `${reader} ${method} ${url}`).toBe(403);
      }
    }
    expect(await dbState()).toEqual(before);
  });

  it('turns away callers who are not logged in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/persons' });
    expect(res.statusCode).toBe(401);
  });
});
