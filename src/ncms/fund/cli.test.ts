import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cliFolder, describeCli } from '../../testing/cli-folder.ts';
import { migrate } from '../../core/db/migrate.ts';
import { migrationSources } from '../../modules.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { designatedInstitutions, fundActor, fundTheBank, postClaim, POOL } from './fund-fixtures.ts';
import { payInstitution } from './movements.ts';

// `jiceng ncms fund check` as a child process against one PGlite folder, opened here only while the CLI is not running.
const { jiceng, withData, remove } = cliFolder('jiceng-fund-cli-');
let hospital: number;

beforeAll(async () => {
  await withData(async (db) => {
    await migrate(db, migrationSources);
    const inst = await designatedInstitutions(db, await createTinyCounty(db));
    hospital = inst.hospital;
    await fundTheBank(db, 2025, 1_000_000);
    await postClaim(db, { year: 2025, date: '2025-03-02', institutionId: inst.hospital, claimId: 1, fen: 645_000 });
    await postClaim(db, { year: 2025, date: '2025-03-09', institutionId: inst.hospital, claimId: 1, fen: 645_000, reverse: true });
    await postClaim(db, { year: 2025, date: '2025-03-10', institutionId: inst.hospital, claimId: 2, fen: 300_000 });
    await payInstitution(db, fundActor, { pool: POOL, year: 2025, institutionId: inst.hospital, date: '2025-04-01', amountFen: 200_000 });
    await fundTheBank(db, 2024, 5_000);
  });
}, 120_000);
afterAll(remove);

describeCli('jiceng ncms fund check', () => {
  it('passes a consistent ledger with a table of totals, then reports a tampered balance row and a tampered line', async () => {
    const intact = await jiceng('ncms', 'fund', 'check', '--year', '2025');
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain('基金账簿校验通过（2025 年度）：凭证 5 笔，分录 10 条，余额与分录一致，每笔借贷平衡，专户余额从未为负');
    expect(intact.stdout).toMatch(/430702\s+2025\s+10,000\.00\s+2,000\.00\s+8,000\.00\s+基金专户存款/);
    expect(intact.stdout).toMatch(/430702\s+2025\s+8,450\.00\s+9,450\.00\s+1,000\.00\s+应付定点医疗机构/);
    expect(intact.stdout).not.toContain('2024');
    expect(intact.stderr).toBe('（1/4）正在核对余额…\n（2/4）正在核对月度汇总…\n（3/4）正在核对借贷平衡…\n（4/4）正在核对专户余额…\n');

    await withData(async (db) => {
      await sql`update ncms_fund_balance set credit_fen = credit_fen - 100000 where account = 'payable_institution' and institution_id = ${hospital}`.execute(db);
      await sql.raw('alter table ncms_fund_line disable trigger ncms_fund_line_no_change').execute(db);
      await sql`update ncms_fund_line set debit_fen = 1200000 where account = 'bank' and debit_fen = 1000000`.execute(db);
      await sql.raw('alter table ncms_fund_line enable trigger ncms_fund_line_no_change').execute(db);
    });
    const tampered = await jiceng('ncms', 'fund', 'check');
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('基金账簿校验失败：凭证 6 笔，分录 12 条，发现 4 处问题');
    expect(tampered.stderr).toContain(`balance_mismatch  430702 统筹区 2025 年度「应付定点医疗机构」（机构 ${hospital}）：余额记录为借方 8450.00 元、贷方 8450.00 元，按分录重算应为借方 8450.00 元、贷方 9450.00 元`);
    expect(tampered.stderr).toContain('balance_mismatch  430702 统筹区 2025 年度「基金专户存款」：余额记录为借方 10000.00 元、贷方 2000.00 元，按分录重算应为借方 12000.00 元、贷方 2000.00 元');
    expect(tampered.stderr).toContain('month_mismatch  430702 统筹区 2025 年度1 月「基金专户存款」（政府补助）：月度汇总为借方 10000.00 元、贷方 0.00 元、1 条，按分录重算应为借方 12000.00 元、贷方 0.00 元、1 条');
    expect(tampered.stderr).toMatch(/unbalanced_transaction {2}凭证 \d+（2025-01-15 政府补助：县级财政补助到账）借贷不平衡：借方 12000\.00 元，贷方 10000\.00 元/);

    // The other year is untouched; a bad option is exit 2.
    expect((await jiceng('ncms', 'fund', 'check', '--year', '2024')).code).toBe(0);
    const bad = await jiceng('ncms', 'fund', 'check', '--year', '25');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year 应为四位年份，收到「25」');
  }, 180_000);
});
