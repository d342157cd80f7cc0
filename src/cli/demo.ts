import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { assertEmptyDatabase, generateDemoCounty, type DemoProgress, type DemoSummary } from '../core/demo/generate.ts';
import { DEMO_PASSWORD, listDemoUsers } from '../core/demo/demo-users.ts';
import { FULL_POPULATION } from '../core/demo/county-plan.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { MODULE_DEMOS, runModuleDemos } from '../module-demos.ts';
import type { PreparingStatus } from '../server/preparing.ts';

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

/**
 * Generates the demo county and every module's demo data with a progress line on the terminal; `watch`, when given,
 * hears the same progress as step, share and time left (the server's first-start page shows it).
 */
export async function generateWithProgress(db: Db, options: { population?: number; seed?: string | undefined }, watch?: (status: PreparingStatus) => void): Promise<DemoSummary> {
  await assertEmptyDatabase(db);
  const steps = 1 + MODULE_DEMOS.length;
  const reporter = (step: number, what: { label: string; unit: string }) => {
    const line = progressLine(process.stdout, what);
    return (p: DemoProgress) => {
      line(p);
      const { share, etaSeconds } = progressFigures(p);
      watch?.({ step, steps, label: what.label, share, etaSeconds: p.done > 0 ? etaSeconds : null });
    };
  };
  console.log(`正在生成演示县清河县（约 ${(options.population ?? FULL_POPULATION).toLocaleString('zh-CN')} 人）…`);
  const summary = await generateDemoCounty(db, { ...options, onProgress: reporter(1, POPULATION) });
  const seconds = summary.elapsedMs / 1000;
  console.log(
    `已生成：区划 ${summary.areas} 个，医疗卫生机构 ${summary.institutions} 家，人员 ${summary.staff} 名，` +
      `${summary.households.toLocaleString('zh-CN')} 户 ${summary.persons.toLocaleString('zh-CN')} 人；` +
      `用时 ${seconds.toFixed(1)} 秒（随机种子 ${summary.seed}，截至 ${summary.asOf}）`,
  );
  let step = 1;
  await runModuleDemos(
    db,
    { seed: summary.seed, asOf: summary.asOf },
    {
      starting: (demo) => {
        step += 1;
        console.log(`正在生成${demo.label}…`);
        watch?.({ step, steps, label: demo.label, share: 0, etaSeconds: null });
        return reporter(step, demo);
      },
      finished: (demo, s, ms) => console.log(`${demo.label}：${s.text}；用时 ${(ms / 1000).toFixed(1)} 秒`),
    },
  );
  return summary;
}

const POPULATION = { label: '生成人口', unit: '人' };

/** Share done, rate per second and seconds left of a step's progress. Pure. */
export function progressFigures(p: DemoProgress): { share: number; perSecond: number; etaSeconds: number } {
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const perSecond = p.elapsedMs > 0 ? (p.done / p.elapsedMs) * 1000 : 0;
  const etaSeconds = perSecond > 0 ? Math.max(0, Math.round((p.total - p.done) / perSecond)) : 0;
  return { share, perSecond, etaSeconds };
}

/**
 * A progress reporter for a terminal: one line rewritten in place when it is a TTY,
 * otherwise a line at every tenth of the way, so logs stay short. `label` and `unit` name what is counted
 * (the core demo counts people; a module demo its own work).
 */
export function progressLine(out: NodeJS.WriteStream, what: { label: string; unit: string } = POPULATION): (p: DemoProgress) => void {
  let lastTenth = -1;
  const { label, unit } = what;
  return (p) => {
    const { share, perSecond, etaSeconds } = progressFigures(p);
    // A slow step (a few months a minute) keeps one decimal, rather than showing 0 per second and 0 seconds left.
    const rate = perSecond < 10 ? Number(perSecond.toFixed(1)) : Math.round(perSecond);
    const line = `${label} ${(share * 100).toFixed(0).padStart(3)}%  ${p.done.toLocaleString('zh-CN')} ${unit}  ${rate.toLocaleString('zh-CN')} ${unit}/秒  预计剩余 ${etaSeconds} 秒`;
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
