import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { assertEmptyDatabase, generateDemoCounty, type DemoProgress, type DemoSummary } from '../core/demo/generate.ts';
import { DEMO_PASSWORD, listDemoUsers } from '../core/demo/demo-users.ts';
import { FULL_POPULATION } from '../core/demo/county-plan.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { runModuleDemos } from '../module-demos.ts';

export interface DemoCommandOptions {
  population?: string;
  seed?: string;
}

/** `jiceng demo`: generates the demo county with a progress line, then lists the demo users. */
export async function runDemo(db: Db, options: DemoCommandOptions): Promise<void> {
  const population = options.population === undefined ? FULL_POPULATION : Number(options.population);
  try {
    await generateWithProgress(db, { population, seed: options.seed });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  await printDemoUsers(db);
}

export async function generateWithProgress(db: Db, options: { population?: number; seed?: string | undefined }): Promise<DemoSummary> {
  await assertEmptyDatabase(db);
  console.log(`正在生成演示县清河县（约 ${(options.population ?? FULL_POPULATION).toLocaleString('zh-CN')} 人）…`);
  const summary = await generateDemoCounty(db, { ...options, onProgress: progressLine(process.stdout) });
  const seconds = summary.elapsedMs / 1000;
  console.log(
    `已生成：区划 ${summary.areas} 个，医疗卫生机构 ${summary.institutions} 家，人员 ${summary.staff} 名，` +
      `${summary.households.toLocaleString('zh-CN')} 户 ${summary.persons.toLocaleString('zh-CN')} 人；` +
      `用时 ${seconds.toFixed(1)} 秒（随机种子 ${summary.seed}，截至 ${summary.asOf}）`,
  );
  await runModuleDemos(
    db,
    { seed: summary.seed, asOf: summary.asOf },
    {
      starting: (step) => {
        console.log(`正在生成${step.label}…`);
        return progressLine(process.stdout, { label: step.label, unit: step.unit });
      },
      finished: (step, s, ms) => console.log(`${step.label}：${s.text}；用时 ${(ms / 1000).toFixed(1)} 秒`),
    },
  );
  return summary;
}

/**
 * A progress reporter for a terminal: one line rewritten in place when it is a TTY,
 * otherwise a line at every tenth of the way, so logs stay short. `label` and `unit` name what is counted
 * (the core demo counts people; a module demo its own work).
 */
export function progressLine(out: NodeJS.WriteStream, what: { label: string; unit: string } = { label: '生成人口', unit: '人' }): (p: DemoProgress) => void {
  let lastTenth = -1;
  const { label, unit } = what;
  return (p) => {
    const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const perSecond = p.elapsedMs > 0 ? (p.done / p.elapsedMs) * 1000 : 0;
    // A slow step (a few months a minute) keeps one decimal, rather than showing 0 per second and 0 seconds left.
    const rate = perSecond < 10 ? Number(perSecond.toFixed(1)) : Math.round(perSecond);
    const eta = perSecond > 0 ? Math.max(0, Math.round((p.total - p.done) / perSecond)) : 0;
    const line = `${label} ${(share * 100).toFixed(0).padStart(3)}%  ${p.done.toLocaleString('zh-CN')} ${unit}  ${rate.toLocaleString('zh-CN')} ${unit}/秒  预计剩余 ${eta} 秒`;
    const done = p.done >= p.total;
    if (out.isTTY) {
      out.write(`\r${line}\x1b[K${done ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      out.write(`${line}\n`);
    }
  };
}

/** Prints the demo users as a table; prints nothing when the database is not a demo one. */
export async function printDemoUsers(db: Db): Promise<void> {
  const users = await listDemoUsers(db);
  if (users.length === 0) return;
  const rows = [['用户名', '密码', '姓名', '角色', '可见范围'], ...users.map((u) => [u.username, DEMO_PASSWORD, u.displayName, u.roleName, u.areaName])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  const line = (r: string[]) => `  ${r.map((cell, c) => padToWidth(cell, widths[c]!)).join('  ')}`;
  console.log('\n演示账号（初始密码均为 ' + DEMO_PASSWORD + '，正式使用前请修改或停用）：');
  console.log(line(rows[0]!));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('');
}
