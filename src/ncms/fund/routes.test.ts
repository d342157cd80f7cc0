import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { designatedInstitutions, fundTheBank, postClaim, POOL } from './fund-fixtures.ts';
import { postFund } from './ledger.ts';
import { fundActor } from './fund-fixtures.ts';

let t: TestApp;
let inst: { township: number; hospital: number };
const request = async (username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: await t.as(username), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  inst = await designatedInstitutions(db, t.county);
  // Raised: 1 200 元 individual (January), 3 000 元 central and 2 000 元 county; spent: 645 元 inpatient, 15 元 outpatient.
  await postFund(db, fundActor, {
    pool: POOL, year: 2025, date: '2025-01-05', kind: 'contribution', reference: { type: 'test', id: 'c' }, memo: '参合缴费',
    lines: [
      { account: 'receivable_individual', debitFen: 120_000 },
      { account: 'income_individual', creditFen: 120_000 },
      { account: 'receivable_government', debitFen: 300_000, source: 'central' },
      { account: 'income_government', creditFen: 300_000, source: 'central' },
    ],
  });
  await fundTheBank(db, 2025, 200_000, '2025-02-10');
  await postClaim(db, { year: 2025, date: '2025-03-02', institutionId: inst.hospital, claimId: 7, fen: 64_500 });
  await postClaim(db, { year: 2025, date: '2025-03-20', institutionId: inst.township, claimId: 8, fen: 1_500, claimKind: 'outpatient' });
  await postClaim(db, { year: 2025, date: '2025-05-20', institutionId: inst.township, claimId: 9, fen: 2_000, claimKind: 'outpatient' });
  await postClaim(db, { year: 2025, date: '2025-05-21', institutionId: inst.township, claimId: 9, fen: 2_000, claimKind: 'outpatient', reverse: true });
});
afterAll(() => t.close());

describe('GET /api/ncms/fund/overview', () => {
  it('gives income by source, spending by kind, balances, the monthly series and the usage rate', async () => {
    const res = await request('auditor', 'GET', '/api/ncms/fund/overview?year=2025&pool=430702');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({
      pool: '430702',
      year: 2025,
      raisedFen: 620_000,
      incomeBySource: [
        { source: 'individual', name: '个人缴费', fen: 120_000 },
        { source: 'central', name: '中央财政', fen: 300_000 },
        { source: 'county', name: '县级财政', fen: 200_000 },
      ],
      spendingFen: 66_000,
      spendingByKind: [
        { kind: 'inpatient', name: '住院', fen: 64_500 },
        { kind: 'outpatient', name: '门诊统筹', fen: 1_500 },
      ],
      balanceFen: 554_000,
      bankFen: 200_000,
      receivableIndividualFen: 120_000,
      receivableGovernmentFen: 300_000,
      payableFen: 66_000,
      usageRate: 0.1065,
      timeShare: 1,
      warnings: ['当年结余率 89.35% 超过 15% 的控制标准'],
    });
    expect(o.monthly).toHaveLength(12);
    expect(o.monthly.slice(0, 5)).toEqual([
      { month: 1, incomeFen: 420_000, spendingFen: 0 },
      { month: 2, incomeFen: 200_000, spendingFen: 0 },
      { month: 3, incomeFen: 0, spendingFen: 66_000 },
      { month: 4, incomeFen: 0, spendingFen: 0 },
      { month: 5, incomeFen: 0, spendingFen: 0 }, // settled and reversed in the same month
    ]);
    expect((await request('ncms', 'GET', '/api/ncms/fund/years')).json()).toEqual([{ pool: '430702', year: 2025 }]);
  });

  it('needs ncms.read; bad queries are explained', async () => {
    expect((await request('doctor_east', 'GET', '/api/ncms/fund/overview?year=2025')).statusCode).toBe(403);
    expect((await request('cdc', 'GET', '/api/ncms/fund/statements?year=2025&month=3')).statusCode).toBe(403);
    const noYear = await request('ncms', 'GET', '/api/ncms/fund/overview');
    expect(noYear.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/ncms/fund/overview?year=2025' })).statusCode).toBe(401);
  });
});

describe('statements, entries and the check over HTTP', () => {
  it('lists the month’s statements and the ledger lines, filtered', async () => {
    const statements = (await request('township', 'GET', '/api/ncms/fund/statements?year=2025&month=5')).json();
    expect(statements.map((s: { institutionName: string; settledFen: number; reversedFen: number; closingFen: number }) => [s.institutionName, s.settledFen, s.reversedFen, s.closingFen])).toEqual([
      ['东岭镇卫生院', 2_000, 2_000, 1_500],
      ['清河县人民医院', 0, 0, 64_500],
    ]);
    const entries = (await request('ncms', 'GET', `/api/ncms/fund/entries?year=2025&account=payable_institution&institutionId=${inst.township}&pageSize=2`)).json();
    expect(entries.total).toBe(3);
    expect(entries.items).toHaveLength(2);
    expect(entries.items[0]).toMatchObject({ date: '2025-05-21', kind: 'reversal', kindName: '冲销', accountName: '应付定点医疗机构', institutionName: '东岭镇卫生院', debitFen: 2_000, creditFen: 0, referenceType: 'claim', referenceId: '9' });
    const march = (await request('ncms', 'GET', '/api/ncms/fund/entries?year=2025&month=3&account=compensation_expense')).json();
    expect(march.items.map((e: { sourceName: string; debitFen: number }) => [e.sourceName, e.debitFen])).toEqual([
      ['门诊统筹', 1_500],
      ['住院', 64_500],
    ]);
    expect((await request('ncms', 'GET', '/api/ncms/fund/entries?year=2025&account=cash')).statusCode).toBe(400);
    const check = (await request('auditor', 'GET', '/api/ncms/fund/check?year=2025')).json();
    expect(check).toMatchObject({ ok: true, problems: [] });
  });
});

describe('deposits and payments over HTTP', () => {
  it('need ncms.manage; a payment above what is owed is refused in words and nothing is written', async () => {
    const pay = { pool: POOL, year: 2025, date: '2025-06-01', institutionId: inst.hospital, amountFen: 64_501, requestId: 'http-pay-000001' };
    expect((await request('auditor', 'POST', '/api/ncms/fund/payments', pay)).statusCode).toBe(403);
    const refused = await request('ncms', 'POST', '/api/ncms/fund/payments', pay);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'payment_exceeds_owed', field: 'amountFen', message: '支付金额 645.01 元超过 2025 年度基金应付「清河县人民医院」的 645.00 元' });
    const paid = await request('ncms', 'POST', '/api/ncms/fund/payments', { ...pay, amountFen: 64_500, requestId: 'http-pay-000002' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ amountFen: 64_500, remainingFen: 0, repeated: false });

    const deposit = await request('admin', 'POST', '/api/ncms/fund/deposits', { pool: POOL, year: 2025, date: '2025-06-02', from: 'government', source: 'central', amountFen: 300_000, requestId: 'http-dep-000001' });
    expect(deposit.statusCode, deposit.body).toBe(200);
    expect(deposit.json()).toMatchObject({ remainingFen: 0, memo: '中央财政补助拨付到账' });
    const o = (await request('ncms', 'GET', '/api/ncms/fund/overview?year=2025')).json();
    expect(o).toMatchObject({ bankFen: 200_000 - 64_500 + 300_000, receivableGovernmentFen: 0, payableFen: 1_500 });
  });

  it('the subsidy split: read by ncms.read, set by ncms.manage', async () => {
    const split = await request('auditor', 'GET', '/api/ncms/fund/subsidy-split?pool=430702&year=2025');
    expect(split.statusCode).toBe(200);
    expect(split.json()).toMatchObject({ isDefault: true, governmentFen: null, parts: [] });
    expect((await request('auditor', 'PUT', '/api/ncms/fund/subsidy-split', { pool: '430702', year: 2025, parts: [] })).statusCode).toBe(403);
    const noScheme = await request('ncms', 'PUT', '/api/ncms/fund/subsidy-split', { pool: '430702', year: 2025, parts: [{ source: 'central', amountFen: 100 }] });
    expect(noScheme.json().error).toMatchObject({ code: 'no_active_scheme', message: '430702 统筹区 2025 年度尚无执行中的补偿方案，无法设置政府补助分担' });
  });
});
