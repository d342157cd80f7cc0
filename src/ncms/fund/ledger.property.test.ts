import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DbHandle } from '../../core/db/connection.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { AppError } from '../../core/errors.ts';
import { balanceOf, FUND_ACCOUNTS, type FundAccount } from './accounts.ts';
import { postFund, type FundLine, type FundPosting } from './ledger.ts';
import { checkFund } from './fund-check.ts';
import { designatedInstitutions, fundActor } from './fund-fixtures.ts';

let handle: DbHandle;
let institutions: number[];
beforeAll(async () => {
  handle = await createTestDb();
  const inst = await designatedInstitutions(handle.db, await createTinyCounty(handle.db));
  institutions = [inst.township, inst.hospital];
});
afterAll(() => handle.close());

/** A line's account with the sub-keys its rules ask for (institution index into `institutions`, source). */
const side = fc.oneof(
  fc.constant({ account: 'bank' as FundAccount }),
  fc.constant({ account: 'receivable_individual' as FundAccount }),
  fc.constant({ account: 'income_individual' as FundAccount }),
  fc.record({ account: fc.constantFrom<FundAccount>('receivable_government', 'income_government'), source: fc.constantFrom('central', 'province', 'county', 'civil_affairs') }),
  fc.record({ account: fc.constant<FundAccount>('payable_institution'), institution: fc.nat(1) }),
  fc.record({ account: fc.constant<FundAccount>('compensation_expense'), institution: fc.option(fc.nat(1), { nil: undefined }), source: fc.option(fc.constantFrom('inpatient', 'outpatient'), { nil: undefined }) }),
);
type Side = { account: FundAccount; source?: string | undefined; institution?: number | undefined };

/** A balanced posting is one to three debit/credit pairs of equal amounts; a faulty one breaks one rule. */
const posting = fc.record({
  pairs: fc.array(fc.record({ debit: side, credit: side, fen: fc.integer({ min: 1, max: 5_000_000 }) }), { minLength: 1, maxLength: 3 }),
  day: fc.integer({ min: 0, max: 364 }),
  fault: fc.constantFrom('none', 'none', 'none', 'none', 'unbalanced', 'negative', 'both_sides'),
});

const lineOf = (s: Side, amount: { debitFen?: number; creditFen?: number }): FundLine => ({
  account: s.account,
  ...amount,
  institutionId: s.institution === undefined ? null : institutions[s.institution]!,
  source: s.source ?? null,
});
const keyOf = (l: FundLine) => `${l.account}|${l.institutionId ?? ''}|${l.source ?? ''}`;
const dateOf = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);

let run = 0;
describe('postFund (property)', () => {
  it('any sequence of postings, valid or not: stored balances equal the sums of the lines and of the accepted postings; debits equal credits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(posting, { minLength: 1, maxLength: 12 }), async (sequence) => {
        run += 1;
        const pool = `4307020${String(run).padStart(3, '0')}`; // a pool of its own per run
        const model = new Map<string, { debit: number; credit: number }>();
        for (const [i, p] of sequence.entries()) {
          const lines = p.pairs.flatMap((pair) => [lineOf(pair.debit, { debitFen: pair.fen }), lineOf(pair.credit, { creditFen: pair.fen })]);
          if (p.fault === 'unbalanced') lines[1] = { ...lines[1]!, creditFen: lines[1]!.creditFen! + 1 };
          if (p.fault === 'negative') lines.push({ account: 'bank', debitFen: -5 }, { account: 'receivable_individual', creditFen: -5 });
          if (p.fault === 'both_sides') lines[0] = { ...lines[0]!, creditFen: 7 };
          const fundPosting: FundPosting = { pool, year: 2025, date: dateOf(p.day), kind: 'adjustment', reference: { type: 'property', id: i }, memo: '性质测试', lines };
          const bankAfter =
            (model.get('bank||') ? model.get('bank||')!.debit - model.get('bank||')!.credit : 0) +
            lines.filter((l) => l.account === 'bank').reduce((s, l) => s + (l.debitFen ?? 0) - (l.creditFen ?? 0), 0);
          const shouldPass = p.fault === 'none' && bankAfter >= 0;
          const outcome = await postFund(handle.db, fundActor, fundPosting).then(
            () => 'posted',
            (e: unknown) => {
              if (!(e instanceof AppError)) throw e;
              return e.code;
            },
          );
          expect(outcome === 'posted', `posting ${i}: ${outcome}`).toBe(shouldPass);
          if (!shouldPass) continue;
          for (const l of lines) {
            const m = model.get(keyOf(l)) ?? { debit: 0, credit: 0 };
            m.debit += l.debitFen ?? 0;
            m.credit += l.creditFen ?? 0;
            model.set(keyOf(l), m);
          }
        }
        const stored = await handle.db.selectFrom('ncms_fund_balance').select(['account', 'institution_id', 'source', 'debit_fen', 'credit_fen']).where('pool', '=', pool).execute();
        const storedMap = new Map(stored.map((s) => [`${s.account}|${s.institution_id ?? ''}|${s.source ?? ''}`, { debit: Number(s.debit_fen), credit: Number(s.credit_fen) }]));
        expect(storedMap).toEqual(model);
        const totalDebit = stored.reduce((s, b) => s + Number(b.debit_fen), 0);
        const totalCredit = stored.reduce((s, b) => s + Number(b.credit_fen), 0);
        expect(totalDebit).toBe(totalCredit);
        // Balances on the normal side: assets + expenses = income + liabilities.
        const sideSum = (normal: 'debit' | 'credit') =>
          stored.filter((b) => FUND_ACCOUNTS[b.account as FundAccount].normal === normal).reduce((s, b) => s + balanceOf(b.account as FundAccount, Number(b.debit_fen), Number(b.credit_fen)), 0);
        expect(sideSum('debit')).toBe(sideSum('credit'));
        const check = await checkFund(handle.db, { pool });
        expect(check.problems).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
