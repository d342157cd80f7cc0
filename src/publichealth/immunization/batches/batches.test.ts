import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '../../../core/dates.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createClinics } from '../registry/test-fixtures.ts';

let t: TestApp;
let clinics: Awaited<ReturnType<typeof createClinics>>;
const today = todayInShanghai();

beforeAll(async () => {
  t = await createTestApp();
  clinics = await createClinics(t.handle.db, t.county);
});
afterAll(() => t.close());

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const receive = (username: string, body: object) =>
  call(username, 'POST', '/immunization/batches', {
    institutionId: clinics.dongling,
    vaccine: 'MMR',
    manufacturer: '甲公司',
    expiry: addDays(today, 365),
    quantity: 5,
    receivedOn: addDays(today, -100),
    ...body,
  });

describe('vaccine batches', () => {
  it('receives, adds a second delivery of the same batch, refuses a different expiry under the same number', async () => {
    const first = await receive('township', { batchNo: 'M-1' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await receive('township', { batchNo: 'M-1', quantity: 3 });
    expect(second.json()).toMatchObject({ id: first.json().id, receivedQty: 8, remaining: 8 });
    const clash = await receive('township', { batchNo: 'M-1', expiry: addDays(today, 300) });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.field).toBe('batchNo');
    const bad = await receive('township', { batchNo: 'M-2', quantity: 0 });
    expect(bad.json().error.field).toBe('quantity');
    const unknown = await receive('township', { batchNo: 'M-3', vaccine: 'ABC' });
    expect(unknown.json().error.field).toBe('vaccine');
    const expired = await receive('township', { batchNo: 'M-4', expiry: addDays(today, -1), receivedOn: today });
    expect(expired.json().error.field).toBe('expiry');
    expect((await receive('doctor_east', { batchNo: 'M-5' })).statusCode).toBe(403);
    expect((await receive('township', { batchNo: 'M-6', institutionId: clinics.chengguan })).statusCode).toBe(404);
  });

  it('lists stock with expiry warnings and suggests the earliest valid expiry (FEFO)', async () => {
    const ids: Record<string, number> = {};
    for (const [batchNo, days, quantity] of [['J-LATE', 200, 5], ['J-SOON', 20, 5], ['J-OLD', -5, 5], ['J-EMPTY', 10, 1]] as const) {
      const res = await receive('township', { vaccine: 'JE-L', batchNo, expiry: addDays(today, days), quantity, receivedOn: addDays(today, -200) });
      ids[batchNo] = res.json().id;
    }
    // Use up J-EMPTY.
    await t.handle.db.updateTable('imm_batch').set({ remaining: 0 }).where('id', '=', ids['J-EMPTY']!).execute();
    const stock = (await call('township', 'GET', `/immunization/stock?institutionId=${clinics.dongling}&vaccine=JE-L`)).json();
    expect(stock.map((b: { batchNo: string; warning: string | null }) => [b.batchNo, b.warning])).toEqual([
      ['J-OLD', 'expired'],
      ['J-SOON', 'expiring'],
      ['J-LATE', null],
    ]);
    const suggest = await call('township', 'GET', `/immunization/batches/suggest?institutionId=${clinics.dongling}&vaccine=JE-L`);
    expect(suggest.json().batchNo).toBe('J-SOON');
    const later = await call('township', 'GET', `/immunization/batches/suggest?institutionId=${clinics.dongling}&vaccine=JE-L&date=${addDays(today, 30)}`);
    expect(later.json().batchNo).toBe('J-LATE'); // a vaccination day after J-SOON expires
    const none = await call('township', 'GET', `/immunization/batches/suggest?institutionId=${clinics.dongling}&vaccine=JE-L&date=${addDays(today, 201)}`);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toBeNull();
  });

  it('scope: the township sees its clinic only; the CDC every clinic', async () => {
    expect((await receive('cdc', { batchNo: 'C-1', institutionId: clinics.chengguan })).statusCode).toBe(200);
    const township = (await call('township', 'GET', '/immunization/stock')).json();
    expect(township.every((b: { institutionId: number }) => b.institutionId === clinics.dongling)).toBe(true);
    const cdc = (await call('cdc', 'GET', '/immunization/stock')).json();
    expect(new Set(cdc.map((b: { institutionId: number }) => b.institutionId))).toEqual(new Set([clinics.dongling, clinics.chengguan]));
    expect((await call('township', 'GET', `/immunization/stock?institutionId=${clinics.chengguan}`)).statusCode).toBe(404);
  });
});
