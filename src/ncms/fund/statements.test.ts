import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../core/db/connection.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { designatedInstitutions, fundActor, fundTheBank, postClaim, POOL } from './fund-fixtures.ts';
import { monthlyStatements } from './statements.ts';
import { payInstitution, recordDeposit } from './movements.ts';
import { postFund } from './ledger.ts';
import { checkFund } from './fund-check.ts';

let handle: DbHandle;
let inst: { township: number; hospital: number };
beforeAll(async () => {
  handle = await createTestDb();
  inst = await designatedInstitutions(handle.db, await createTinyCounty(handle.db));
  await fundTheBank(handle.db, 2025, 5_000_000); // 50 000 元
  // March at the township centre: three claims settled, one of them reversed in April; the hospital one claim in April.
  await postClaim(handle.db, { year: 2025, date: '2025-03-03', institutionId: inst.township, claimId: 101, fen: 64_500 });
  await postClaim(handle.db, { year: 2025, date: '2025-03-10', institutionId: inst.township, claimId: 102, fen: 1_500, claimKind: 'outpatient' });
  await postClaim(handle.db, { year: 2025, date: '2025-03-31', institutionId: inst.township, claimId: 103, fen: 20_000 });
  await postClaim(handle.db, { year: 2025, date: '2025-04-02', institutionId: inst.township, claimId: 103, fen: 20_000, reverse: true });
  await postClaim(handle.db, { year: 2025, date: '2025-04-15', institutionId: inst.hospital, claimId: 201, fen: 855_000 });
});
afterAll(() => handle.close());

const statement = async (month: number, institutionId?: number) => monthlyStatements(handle.db, fundActor, { year: 2025, month, institutionId });

describe('monthly statements (月结算单)', () => {
  it('March: what was settled at the township centre; nothing yet for the hospital', async () => {
    expect(await statement(3)).toEqual([
      {
        pool: POOL, year: 2025, month: 3, institutionId: inst.township, institutionName: '东岭镇卫生院', institutionLevel: '乡级',
        openingFen: 0, settledFen: 86_000, settledClaims: 3, reversedFen: 0, reversedClaims: 0, paidFen: 0, deductedFen: 0, adjustedFen: 0, closingFen: 86_000, owedNowFen: 66_000,
      },
    ]);
  });

  it('April after a payment: the reversal and the payment lower what is owed; payments above it are refused', async () => {
    await expect(payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: inst.township, date: '2025-04-20', amountFen: 66_001 })).rejects.toMatchObject({
      code: 'payment_exceeds_owed',
      message: '支付金额 660.01 元超过 2025 年度基金应付「东岭镇卫生院」的 660.00 元',
    });
    const paid = await payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: inst.township, date: '2025-04-20', amountFen: 50_000, requestId: 'pay-0001-township' });
    expect(paid).toMatchObject({ amountFen: 50_000, remainingFen: 16_000, memo: '拨付「东岭镇卫生院」补偿款', repeated: false });
    // The same submission again moves nothing; the same id with another amount is refused.
    expect(await payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: inst.township, date: '2025-04-20', amountFen: 50_000, requestId: 'pay-0001-township' })).toMatchObject({
      transactionId: paid.transactionId,
      repeated: true,
      remainingFen: 16_000,
    });
    await expect(payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: inst.township, date: '2025-04-20', amountFen: 40_000, requestId: 'pay-0001-township' })).rejects.toMatchObject({
      code: 'request_id_reused',
    });

    const april = await statement(4);
    expect(april.map((s) => [s.institutionName, s.openingFen, s.settledFen, s.settledClaims, s.reversedFen, s.reversedClaims, s.paidFen, s.closingFen, s.owedNowFen])).toEqual([
      ['东岭镇卫生院', 86_000, 0, 0, 20_000, 1, 50_000, 16_000, 16_000],
      ['清河县人民医院', 0, 855_000, 1, 0, 0, 0, 855_000, 855_000],
    ]);
    expect((await statement(4, inst.hospital)).map((s) => s.institutionName)).toEqual(['清河县人民医院']);
    // May: no activity, but still owed → both appear with opening = closing; February: nothing at all.
    expect((await statement(5)).map((s) => [s.institutionId, s.openingFen, s.closingFen])).toEqual([
      [inst.township, 16_000, 16_000],
      [inst.hospital, 855_000, 855_000],
    ]);
    expect(await statement(2)).toEqual([]);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('action', '=', 'payment').execute();
    expect(audit).toEqual([{ action: 'payment', entity: 'ncms_fund_transaction', entity_id: String(paid.transactionId) }]);
  });

  it('refuses a payment to an unknown institution, a date outside the year, or more than the bank holds', async () => {
    await expect(payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: 99_999, date: '2025-05-01', amountFen: 100 })).rejects.toMatchObject({
      code: 'unknown_institution',
      message: '医疗机构（编号 99999）不存在',
    });
    await expect(payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: inst.hospital, date: '2026-01-03', amountFen: 100 })).rejects.toMatchObject({ code: 'date_outside_year' });
    // The hospital is owed 8 550 元 but the bank holds 50 000 − 500 = 49 500 元: settle a large claim to exceed it.
    await postClaim(handle.db, { year: 2025, date: '2025-05-02', institutionId: inst.hospital, claimId: 202, fen: 5_000_000 });
    await expect(payInstitution(handle.db, fundActor, { pool: POOL, year: 2025, institutionId: inst.hospital, date: '2025-05-03', amountFen: 5_855_000 })).rejects.toMatchObject({
      code: 'insufficient_fund',
      message: '基金专户余额不足：430702 统筹区 2025 年度专户余额 49500.00 元，不足以支出本笔 58550.00 元',
    });
    expect((await statement(5, inst.hospital))[0]).toMatchObject({ paidFen: 0, closingFen: 5_855_000 });
  });
});

describe('deposits (解缴入户 / 财政拨付到账)', () => {
  it('moves receivables into the bank, refused above what is outstanding', async () => {
    await postFund(handle.db, fundActor, {
      pool: POOL, year: 2025, date: '2025-01-02', kind: 'contribution', reference: { type: 'test', id: 'c1' }, memo: '参合缴费',
      lines: [
        { account: 'receivable_individual', debitFen: 120_000 },
        { account: 'income_individual', creditFen: 120_000 },
        { account: 'receivable_government', debitFen: 300_000, source: 'central' },
        { account: 'income_government', creditFen: 300_000, source: 'central' },
      ],
    });
    expect(await recordDeposit(handle.db, fundActor, { pool: POOL, year: 2025, date: '2025-01-20', from: 'individual', amountFen: 100_000 })).toMatchObject({ remainingFen: 20_000, memo: '个人缴费解缴入户' });
    await expect(recordDeposit(handle.db, fundActor, { pool: POOL, year: 2025, date: '2025-01-21', from: 'individual', amountFen: 20_001 })).rejects.toMatchObject({
      code: 'deposit_exceeds_receivable',
      message: '到账金额 200.01 元超过 2025 年度待解缴的个人缴费 200.00 元',
    });
    await expect(recordDeposit(handle.db, fundActor, { pool: POOL, year: 2025, date: '2025-01-21', from: 'government', amountFen: 100 })).rejects.toMatchObject({ code: 'unknown_source', details: { field: 'source' } });
    await expect(recordDeposit(handle.db, fundActor, { pool: POOL, year: 2025, date: '2025-01-21', from: 'government', source: 'province', amountFen: 100 })).rejects.toMatchObject({
      message: '到账金额 1.00 元超过 2025 年度省级财政待拨付的补助 0.00 元',
    });
    expect(await recordDeposit(handle.db, fundActor, { pool: POOL, year: 2025, date: '2025-02-01', from: 'government', source: 'central', amountFen: 300_000 })).toMatchObject({ remainingFen: 0, memo: '中央财政补助拨付到账' });
    const result = await checkFund(handle.db, { year: 2025 });
    expect(result.problems).toEqual([]);
    expect(result.totals.find((t) => t.account === 'bank')?.balanceFen).toBe(5_000_000 - 50_000 + 100_000 + 300_000);
  });
});
