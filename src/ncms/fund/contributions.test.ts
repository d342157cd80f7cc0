import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty, type TinyCounty } from '../../testing/fixtures.ts';
import { activeExampleScheme, addHousehold } from '../testing/enrollment-fixtures.ts';
import { enrollHousehold } from '../enrollment/enrollment.ts';
import { bookingDate, contributionLines } from './contributions.ts';
import { applySplit, getSubsidySplit, setSubsidySplit } from './subsidy-split.ts';
import { checkFund } from './fund-check.ts';

describe('contributionLines (pure)', () => {
  const sources = new Map([['dibao', 'civil_affairs'], ['family_planning', 'family_planning']]);
  it('counts a household together: contributions by payer, the subsidy per person by its split', () => {
    const members = [
      { category: 'self_paid', payer: 'individual' as const },
      { category: 'self_paid', payer: 'individual' as const },
      { category: 'dibao', payer: 'government' as const },
      { category: 'new_fund', payer: 'other' as const }, // no row in the category table → 'other'
    ];
    const split = applySplit([{ source: 'central', amountFen: 30_000 }, { source: 'province', amountFen: 20_000 }, { source: 'county', amountFen: 20_000 }], 70_000, '430702', 2025);
    expect(contributionLines(members, 40_000, sources, split)).toEqual([
      { account: 'receivable_individual', debitFen: 80_000 },
      { account: 'income_individual', creditFen: 80_000 },
      { account: 'receivable_government', debitFen: 120_000, source: 'central' },
      { account: 'income_government', creditFen: 120_000, source: 'central' },
      { account: 'receivable_government', debitFen: 40_000, source: 'civil_affairs' },
      { account: 'income_government', creditFen: 40_000, source: 'civil_affairs' },
      { account: 'receivable_government', debitFen: 80_000, source: 'county' },
      { account: 'income_government', creditFen: 80_000, source: 'county' },
      { account: 'receivable_government', debitFen: 40_000, source: 'other' },
      { account: 'income_government', creditFen: 40_000, source: 'other' },
      { account: 'receivable_government', debitFen: 80_000, source: 'province' },
      { account: 'income_government', creditFen: 80_000, source: 'province' },
    ]);
  });

  it('books the whole subsidy as county money without a split; the county takes what a revised scheme adds', () => {
    expect(applySplit([], 70_000, '430702', 2025)).toEqual([{ source: 'county', sourceName: '县级财政', amountFen: 70_000 }]);
    expect(applySplit([{ source: 'central', amountFen: 30_000 }, { source: 'county', amountFen: 10_000 }], 67_000, '430702', 2025).map((p) => [p.source, p.amountFen])).toEqual([
      ['central', 30_000],
      ['county', 37_000],
    ]);
    expect(() => applySplit([{ source: 'central', amountFen: 80_000 }], 70_000, '430702', 2025)).toThrow(
      '430702 统筹区 2025 年度政府补助分担设置的上级补助合计 800.00 元，超过补偿方案的人均政府补助 700.00 元，请先修改分担设置',
    );
  });

  it('books contributions collected before the year on 1 January and late ones on 31 December', () => {
    expect(bookingDate('2024-11-20', 2025)).toBe('2025-01-01');
    expect(bookingDate('2025-03-08', 2025)).toBe('2025-03-08');
    expect(bookingDate('2026-02-01', 2025)).toBe('2025-12-31');
  });
});

describe('enrollment posts to the fund', () => {
  let handle: DbHandle;
  let county: TinyCounty;
  const system = systemActor('合管办');
  beforeAll(async () => {
    handle = await createTestDb();
    county = await createTinyCounty(handle.db);
    await activeExampleScheme(handle.db, 2025); // individual 400, government 700
  });
  afterAll(() => handle.close());

  const linesOf = (transactionId: number) =>
    handle.db.selectFrom('ncms_fund_line').select(['account', 'debit_fen', 'credit_fen', 'source']).where('transaction_id', '=', transactionId).orderBy('id').execute();

  it('one posting per household: self-paid and subsidised contributions and the subsidy per person', async () => {
    const h = await addHousehold(handle.db, county.areas.eastVillage, ['户主甲', '妻乙', '母丙']);
    const result = await enrollHousehold(handle.db, system, {
      householdId: h.id,
      year: 2025,
      collectedOn: '2024-11-20',
      members: [
        { personId: h.members[0]!.id, category: 'self_paid' },
        { personId: h.members[1]!.id, category: 'self_paid' },
        { personId: h.members[2]!.id, category: 'dibao' },
      ],
    });
    const postings = await handle.db.selectFrom('ncms_fund_transaction').selectAll().where('reference_type', '=', 'enrollment').execute();
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({
      pool: '430702',
      year: 2025,
      date: '2025-01-01',
      kind: 'contribution',
      reference_id: String(Math.min(...result.enrollments.map((e) => e.id))),
      memo: `东岭村 ${h.householdNo} 户参合 3 人（2024-11-20 收缴）：个人缴费及政府补助`,
    });
    expect(await linesOf(postings[0]!.id)).toEqual([
      { account: 'receivable_individual', debit_fen: 80_000, credit_fen: 0, source: null },
      { account: 'income_individual', debit_fen: 0, credit_fen: 80_000, source: null },
      { account: 'receivable_government', debit_fen: 40_000, credit_fen: 0, source: 'civil_affairs' },
      { account: 'income_government', debit_fen: 0, credit_fen: 40_000, source: 'civil_affairs' },
      { account: 'receivable_government', debit_fen: 210_000, credit_fen: 0, source: 'county' },
      { account: 'income_government', debit_fen: 0, credit_fen: 210_000, source: 'county' },
    ]);
  });

  it('uses the split once set; a split that does not add up to the scheme subsidy is refused', async () => {
    await expect(setSubsidySplit(handle.db, system, { pool: '430702', year: 2025, parts: [{ source: 'central', amountFen: 30_000 }] })).rejects.toThrow(
      '各级分担合计 300.00 元，应等于补偿方案的人均政府补助 700.00 元',
    );
    const split = await setSubsidySplit(handle.db, system, {
      pool: '430702',
      year: 2025,
      parts: [{ source: 'central', amountFen: 30_000 }, { source: 'province', amountFen: 25_000 }, { source: 'county', amountFen: 15_000 }],
    });
    expect(split).toMatchObject({ isDefault: false, governmentFen: 70_000 });
    expect((await getSubsidySplit(handle.db, system, '430702', 2025)).parts.map((p) => [p.sourceName, p.amountFen])).toEqual([
      ['中央财政', 30_000],
      ['省级财政', 25_000],
      ['县级财政', 15_000],
    ]);
    const h = await addHousehold(handle.db, county.areas.westVillage, ['独居丁']);
    const result = await enrollHousehold(handle.db, system, { householdId: h.id, year: 2025, collectedOn: '2025-02-03', members: [{ personId: h.members[0]!.id, category: 'family_planning' }] });
    const posting = await handle.db.selectFrom('ncms_fund_transaction').select(['id', 'date']).where('reference_type', '=', 'enrollment').where('reference_id', '=', String(result.enrollments[0]!.id)).executeTakeFirstOrThrow();
    expect(posting.date).toBe('2025-02-03');
    expect((await linesOf(posting.id)).filter((l) => l.debit_fen > 0).map((l) => [l.account, l.source, l.debit_fen])).toEqual([
      ['receivable_government', 'central', 30_000],
      ['receivable_government', 'county', 15_000],
      ['receivable_government', 'family_planning', 40_000],
      ['receivable_government', 'province', 25_000],
    ]);
    expect((await checkFund(handle.db, { year: 2025 })).ok).toBe(true);
  });

  it('a refused enrollment posts nothing', async () => {
    const before = await handle.db.selectFrom('ncms_fund_transaction').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const h = await addHousehold(handle.db, county.areas.eastVillage, ['某戊']);
    await expect(enrollHousehold(handle.db, system, { householdId: h.id, year: 2025, members: [{ personId: h.members[0]!.id, category: 'vip' }] })).rejects.toThrow('不在代码表中');
    const after = await handle.db.selectFrom('ncms_fund_transaction').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
