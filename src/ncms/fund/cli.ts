/**
 * `jiceng ncms fund check [--year YYYY] [--pool CODE]`: the fund check on the configured database.
 * stdout: a summary table per pool, year and account (debits, credits, balance). stderr: the step being checked, then
 * every problem in Chinese.
 * Exit 0 when the ledger is consistent, 1 when anything is wrong, 2 for a bad option.
 */
import type { Db } from '../../core/db/connection.ts';
import { CHECK_STEPS, checkFund, type FundCheckResult } from './fund-check.ts';
import { fenText } from './money.ts';

export interface FundCheckOptions {
  year?: string;
  pool?: string;
}

const money = (fen: number) => fenText(fen).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Columns on a terminal: Chinese characters take two cells. */
const cells = (s: string) => [...s].reduce((n, c) => n + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const pad = (s: string, width: number, left: boolean) => (left ? ' '.repeat(width - cells(s)) + s : s + ' '.repeat(width - cells(s)));

/** The totals per pool, year and account as aligned text: codes left, money right-aligned, the account name last. */
export function totalsTable(result: FundCheckResult): string {
  const header = ['统筹区', '年度', '借方合计', '贷方合计', '余额', '科目'];
  const rows = result.totals.map((t) => [t.pool, String(t.year), money(t.debitFen), money(t.creditFen), money(t.balanceFen), t.accountName]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => cells(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!, i >= 2))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export async function fundCheckCommand(db: Db, options: FundCheckOptions): Promise<void> {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && (!/^\d{4}$/.test(options.year!) || year < 1900 || year > 2100)) {
    console.error(`--year 应为四位年份，收到「${options.year}」`);
    process.exitCode = 2;
    return;
  }
  if (options.pool !== undefined && !/^\d{6,12}$/.test(options.pool)) {
    console.error(`--pool 应为 6 到 12 位数字的统筹区代码，收到「${options.pool}」`);
    process.exitCode = 2;
    return;
  }
  // Each step is one pass over the year's lines (seconds for millions of them): say which one is running.
  const result = await checkFund(db, { year, pool: options.pool }, (step, i) => console.error(`（${i}/${CHECK_STEPS.length}）正在核对${step}…`));
  const scope = [options.pool ? `${options.pool} 统筹区` : '', year !== undefined ? `${year} 年度` : ''].join('');
  if (!result.ok) {
    console.error(`基金账簿校验失败${scope ? `（${scope}）` : ''}：凭证 ${result.transactions} 笔，分录 ${result.lines} 条，发现 ${result.problems.length} 处问题`);
    for (const p of result.problems) console.error(`  ${p.code}  ${p.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`基金账簿校验通过${scope ? `（${scope}）` : ''}：凭证 ${result.transactions} 笔，分录 ${result.lines} 条，余额与分录一致，每笔借贷平衡，专户余额从未为负`);
  if (result.totals.length > 0) console.log(totalsTable(result));
}
