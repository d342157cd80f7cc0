/**
 * `jiceng ncms simulate --scheme proposed.json --year YYYY [--pool CODE] [--json]` on the configured database.
 *
 * stderr: scheme warnings, progress, refusals. stdout: the side-by-side table (现行方案 / 拟议方案 / 差额) with the fund
 * warnings and what the figures assume, or with --json the whole report (money in fen).
 * Exit 2 with the problem in Chinese for a bad option, an unreadable or invalid scheme file (every field named), no
 * scheme in force or no claims for the year; otherwise 0. Nothing is written to the database.
 */
import { readFile } from 'node:fs/promises';
import { systemActor } from '../../core/auth/actor.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { displayWidth, padToWidth } from '../../cli/display-width.ts';
import { comparisonRows, differenceText, figureText } from './comparison-rows.ts';
import { prepareSimulation, runSimulation, type SimulationProgress, type SimulationReport } from './simulation.ts';

export interface SimulateOptions {
  scheme: string;
  year: string;
  pool?: string;
  json?: boolean;
}

const fail = (message: string) => {
  console.error(message);
  process.exitCode = 2;
};

/** The report as aligned text: labels left, figures right-aligned, grouped. */
export function reportTable(report: SimulationReport): string {
  const header = ['项目', `现行方案（第 ${report.inForce.version} 版）`, `拟议方案（${report.proposed.year} 年度）`, '差额'];
  const body: string[][] = [];
  let group = '';
  for (const row of comparisonRows(report)) {
    if (row.group !== group) body.push([`【${(group = row.group)}】`, '', '', '']);
    body.push([`  ${row.label}`, figureText(row.kind, row.inForce), figureText(row.kind, row.proposed), differenceText(row)]);
  }
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => displayWidth(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? padToWidth(c, widths[0]!) : ' '.repeat(widths[i]! - displayWidth(c)) + c)).join('  ');
  const title = `补偿方案测算：${report.pool} 统筹区 ${report.year} 年度，重算报销单据 ${report.claims.toLocaleString('zh-CN')} 条，涉及 ${report.persons.toLocaleString('zh-CN')} 人（金额单位：元）`;
  const warnings = [
    ...report.inForce.outcome.warnings.map((w) => `现行方案：${w}`),
    ...report.proposed.outcome.warnings.map((w) => `拟议方案：${w}`),
  ];
  return [title, '', line(header), ...body.map((r) => (r[1] === '' ? r[0]! : line(r))), '', ...warnings.map((w) => `注意 ${w}`), ...report.notes.map((n) => `说明 ${n}`)].join('\n');
}

function progressPrinter(): (p: SimulationProgress) => void {
  const tty = process.stderr.isTTY === true;
  let last = '';
  return (p) => {
    const text = `（${Math.round(p.share * 100)}%）${p.label}：${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')} 条`;
    if (text === last) return;
    last = text;
    process.stderr.write(tty ? `\r${text}\x1b[K${p.share === 1 ? '\n' : ''}` : `${text}\n`);
  };
}

export async function simulateCommand(db: Db, options: SimulateOptions): Promise<void> {
  if (!/^\d{4}$/.test(options.year)) return fail(`--year 应为四位年份，收到「${options.year}」`);
  if (options.pool !== undefined && !/^\d{6,12}$/.test(options.pool)) return fail(`--pool 应为 6 到 12 位数字的统筹区代码，收到「${options.pool}」`);
  let text: string;
  try {
    text = await readFile(options.scheme, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`无法读取方案文件 ${options.scheme}：${code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Windows Notepad's byte-order mark
  const actor = systemActor('补偿方案测算');
  try {
    const prepared = await prepareSimulation(db, actor, { document: text, year: Number(options.year), pool: options.pool });
    for (const w of prepared.warnings) console.error(`提示：${w.path}：${w.message}`);
    const report = await runSimulation(db, actor, prepared, progressPrinter());
    console.log(options.json ? JSON.stringify(report, null, 2) : reportTable(report));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const problems = (e.details?.problems ?? []) as Array<{ field: string; message: string }>;
    const where = e.code === 'invalid_scheme' ? `方案文件 ${options.scheme}：` : '';
    fail([where + e.message, ...(problems.length > 1 ? problems.map((p) => `  ${p.field}：${p.message}`) : [])].join('\n'));
  }
}
