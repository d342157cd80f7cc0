import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../core/db/connection.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { postFund, postFunds, type FundPosting } from './ledger.ts';
import { checkFund } from './fund-check.ts';
import { designatedInstitutions, fundActor, fundTheBank, postClaim, POOL } from './fund-fixtures.ts';

let handle: DbHandle;
let inst: { township: number; hospital: number };
beforeEach(async () => {
  handle = await createTestDb();
  inst = await designatedInstitutions(handle.db, await createTinyCounty(handle.db));
});
afterEach(() => handle.close());

const balances = () =>
  handle.db.selectFrom('ncms_fund_balance').select(['account', 'institution_id', 'source', 'debit_fen', 'credit_fen']).orderBy('account').orderBy('institution_id').orderBy('source').execute();
const counts = async () => ({
  transactions: Number((await handle.db.selectFrom('ncms_fund_transaction').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  lines: Number((await handle.db.selectFrom('ncms_fund_line').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

const base = (lines: FundPosting['lines'], over: Partial<FundPosting> = {}): FundPosting => ({
  pool: POOL,
  year: 2025,
  date: '2025-03-01',
  kind: 'adjustment',
  reference: { type: 'test', id: 1 },
  memo: '测试',
  lines,
  ...over,
});

describe('postFund', () => {
  it('writes a header and its lines and moves the running balances, one row per key', async () => {
    await fundTheBank(handle.db, 2025, 1_000_000);
    const a = await postClaim(handle.db, { year: 2025, date: '2025-03-02', institutionId: inst.township, claimId: 11, fen: 64_500 });
    await postClaim(handle.db, { year: 2025, date: '2025-03-03', institutionId: inst.township, claimId: 12, fen: 1_500, claimKind: 'outpatient' });
    await postClaim(handle.db, { year: 2025, date: '2025-03-04', institutionId: inst.township, claimId: 11, fen: 64_500, reverse: true });
    expect(a).toBeGreaterThan(0);
    expect(await balances()).toEqual([
      { account: 'bank', institution_id: null, source: null, debit_fen: 1_000_000, credit_fen: 0 },
      { account: 'compensation_expense', institution_id: inst.township, source: 'inpatient', debit_fen: 64_500, credit_fen: 64_500 },
      { account: 'compensation_expense', institution_id: inst.township, source: 'outpatient', debit_fen: 1_500, credit_fen: 0 },
      { account: 'income_government', institution_id: null, source: 'county', debit_fen: 0, credit_fen: 1_000_000 },
      { account: 'payable_institution', institution_id: inst.township, source: null, debit_fen: 64_500, credit_fen: 66_000 },
    ]);
    const header = await handle.db.selectFrom('ncms_fund_transaction').selectAll().where('id', '=', a).executeTakeFirstOrThrow();
    expect(header).toMatchObject({ pool: POOL, year: 2025, date: '2025-03-02', kind: 'settlement', reference_type: 'claim', reference_id: '11', created_by_name: '基金测试' });
  });

  it('refuses bad postings in Chinese and writes nothing', async () => {
    await fundTheBank(handle.db, 2025, 10_000);
    const before = { counts: await counts(), balances: await balances() };
    const refused = async (posting: FundPosting) => {
      const e = await postFund(handle.db, fundActor, posting).then(() => null, (err: unknown) => err as { code: string; message: string; details?: { field?: string } });
      expect(e, JSON.stringify(posting)).not.toBeNull();
      return { code: e!.code, message: e!.message, field: e!.details?.field };
    };
    const pay = (fen: number) => [
      { account: 'payable_institution' as const, debitFen: fen, institutionId: inst.hospital },
      { account: 'bank' as const, creditFen: fen },
    ];
    expect(await refused(base([{ account: 'bank', debitFen: 100 }, { account: 'income_government', creditFen: 90, source: 'county' }]))).toEqual({
      code: 'unbalanced_posting',
      field: 'lines',
      message: '借贷不平衡：借方合计 1.00 元，贷方合计 0.90 元，相差 0.10 元',
    });
    expect((await refused(base([{ account: 'bank', debitFen: -100 }, { account: 'income_government', creditFen: -100, source: 'county' }]))).message).toBe(
      '第 1 条分录（基金专户存款）：金额不能为负数（-1.00 元），冲回请用反方向分录',
    );
    expect((await refused(base([{ account: 'bank', debitFen: 10.5 }, { account: 'income_government', creditFen: 10.5, source: 'county' }]))).message).toBe(
      '第 1 条分录（基金专户存款）：金额应为整数分，收到 10.5',
    );
    expect((await refused(base([{ account: 'bank', debitFen: 100, creditFen: 100 }, { account: 'income_government', creditFen: 0, source: 'county' }]))).message).toBe(
      '第 1 条分录（基金专户存款）：借方和贷方应填且只填一方，两方都填了',
    );
    expect((await refused(base([{ account: 'bank' }, { account: 'income_government', creditFen: 0, source: 'county' }]))).message).toContain('两方都没填');
    expect((await refused(base([{ account: 'bank', debitFen: 100 }, { account: 'income_government', creditFen: 100, source: 'city' }]))).field).toBe('lines.1.source');
    expect((await refused(base([{ account: 'payable_institution', debitFen: 100 }, { account: 'bank', creditFen: 100 }]))).message).toBe('第 1 条分录（应付定点医疗机构）：须注明医疗机构');
    expect(await refused(base(pay(100), { date: '2026-01-05' }))).toEqual({
      code: 'date_outside_year',
      field: 'date',
      message: '记账日期 2026-01-05 不在 2025 年度内：基金按年度封闭运行，每笔收支记入其所属年度',
    });
    expect(await refused(base([{ account: 'payable_institution', debitFen: 100, institutionId: 99_999 }, { account: 'bank', creditFen: 100 }]))).toEqual({
      code: 'unknown_institution',
      field: 'lines',
      message: '医疗机构（编号 99999）不存在',
    });
    expect(await refused(base(pay(10_001)))).toEqual({
      code: 'insufficient_fund',
      field: 'lines',
      message: '基金专户余额不足：430702 统筹区 2025 年度专户余额 100.00 元，不足以支出本笔 100.01 元',
    });
    expect(await counts()).toEqual(before.counts);
    expect(await balances()).toEqual(before.balances);
  });

  it('rolls back with the caller: a posting inside a failed transaction leaves nothing', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await fundTheBank(trx, 2025, 500);
        throw new Error('caller failed after posting');
      }),
    ).rejects.toThrow('caller failed');
    expect(await counts()).toEqual({ transactions: 0, lines: 0 });
    expect(await balances()).toEqual([]);
  });

  it('keeps transactions and lines append-only', async () => {
    const id = await fundTheBank(handle.db, 2025, 500);
    await expect(sql`update ncms_fund_line set debit_fen = 1 where transaction_id = ${id}`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ncms_fund_transaction where id = ${id}`.execute(handle.db)).rejects.toThrow(/append-only/);
    expect(await counts()).toEqual({ transactions: 1, lines: 2 });
  });

  it('the check finds a bank that went below zero in posting order, even when the later total is positive', async () => {
    // Written behind postFund's back (it refuses overdrafts): a payment before the money arrived.
    const header = (date: string, memo: string) =>
      handle.db.insertInto('ncms_fund_transaction').values({ pool: POOL, year: 2025, date, kind: 'adjustment', reference_type: 'test', reference_id: memo, memo, created_by_name: 'x' }).returning('id').executeTakeFirstOrThrow();
    const pay = await header('2025-02-01', '先付款');
    await handle.db.insertInto('ncms_fund_line').values([
      { transaction_id: pay.id, account: 'payable_institution', debit_fen: 300, credit_fen: 0, institution_id: inst.hospital, source: null },
      { transaction_id: pay.id, account: 'bank', debit_fen: 0, credit_fen: 300, institution_id: null, source: null },
    ]).execute();
    const arrive = await header('2025-01-01', '后到账');
    await handle.db.insertInto('ncms_fund_line').values([
      { transaction_id: arrive.id, account: 'bank', debit_fen: 1_000, credit_fen: 0, institution_id: null, source: null },
      { transaction_id: arrive.id, account: 'income_government', debit_fen: 0, credit_fen: 1_000, institution_id: null, source: 'county' },
    ]).execute();
    const result = await checkFund(handle.db, { year: 2025 });
    expect(result.problems.filter((p) => p.code === 'bank_negative').map((p) => p.message)).toEqual([`430702 统筹区 2025 年度基金专户在凭证 ${pay.id} 之后余额低于零（最低 -3.00 元）：支出超过了到账的资金`]);
    expect(result.problems.filter((p) => p.code === 'balance_mismatch')).toHaveLength(3); // no balance rows were moved
  });

  it('postFunds: a batch moves the balances as the same postings one by one would, and an overdraft anywhere refuses it all', async () => {
    const money = (fen: number, date: string): FundPosting => base([{ account: 'bank', debitFen: fen }, { account: 'income_government', creditFen: fen, source: 'county' }], { date, kind: 'subsidy' });
    const pay = (fen: number, date: string): FundPosting => base([{ account: 'payable_institution', debitFen: fen, institutionId: inst.hospital }, { account: 'bank', creditFen: fen }], { date, kind: 'payment' });
    const owe = base([{ account: 'compensation_expense', debitFen: 900, institutionId: inst.hospital }, { account: 'payable_institution', creditFen: 900, institutionId: inst.hospital }], { kind: 'settlement' });
    const before = await counts();
    await expect(postFunds(handle.db, fundActor, [owe, money(500, '2025-03-01'), pay(600, '2025-03-02'), money(1_000, '2025-03-03')])).rejects.toMatchObject({
      code: 'insufficient_fund',
      message: '基金专户余额不足：430702 统筹区 2025 年度专户余额 5.00 元，不足以支出本笔 6.00 元',
    });
    expect(await counts()).toEqual(before);
    const ids = await postFunds(handle.db, fundActor, [owe, money(500, '2025-03-01'), pay(300, '2025-03-02'), money(1_000, '2025-03-03')]);
    expect(ids).toHaveLength(4);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(await balances()).toEqual([
      { account: 'bank', institution_id: null, source: null, debit_fen: 1_500, credit_fen: 300 },
      { account: 'compensation_expense', institution_id: inst.hospital, source: null, debit_fen: 900, credit_fen: 0 },
      { account: 'income_government', institution_id: null, source: 'county', debit_fen: 0, credit_fen: 1_500 },
      { account: 'payable_institution', institution_id: inst.hospital, source: null, debit_fen: 300, credit_fen: 900 },
    ]);
    expect((await checkFund(handle.db)).problems).toEqual([]);
  });
});
