/**
 * 补偿方案测算 on the full demo county: last year's claims of the county pool loaded once, then timed three times
 * each (median): the engine alone settling them under a new scheme, and the simulation's compute (settling under the
 * scheme in force and the new one, with every sum, cap count and self-pay distribution). Then the whole job once
 * (load included), as the CLI and the web run it. Rows: [measurement, figure, target, result].
 */
import type { DbHandle } from '../src/core/db/connection.ts';
import { systemActor } from '../src/core/auth/actor.ts';
import { todayInShanghai } from '../src/core/dates.ts';
import { fundOverview } from '../src/ncms/fund/overview.ts';
import { activeScheme } from '../src/ncms/schemes/scheme-store.ts';
import { settle } from '../src/ncms/settlement/settle.ts';
import { loadYearClaims } from '../src/ncms/simulation/load-claims.ts';
import { raisedUnder, schemeOutcome } from '../src/ncms/simulation/outcome.ts';
import { prepareSimulation, runSimulation } from '../src/ncms/simulation/simulation.ts';

const POOL = '430702';
const TARGET_MS = 5_000;

/** A new scheme for next year: ratios up 5 points (at most 95 %), per-visit caps up 5 元, annual cap up 50 000 元, financing up 10 %. */
function newSchemeFrom(document: Record<string, any>): Record<string, unknown> {
  const d = structuredClone(document);
  const up = (r: number) => Math.min(0.95, Math.round((r + 0.05) * 100) / 100);
  for (const level of Object.values(d.inpatient) as Array<Record<string, number> | null>) {
    if (level) for (const key of ['ratio', 'unreferredRatio']) if (key in level) level[key] = up(level[key]!);
  }
  for (const level of ['village', 'township']) if (d.outpatient[level]) d.outpatient[level].perVisitCap += 5;
  d.annualCap += 50_000;
  d.financing = { individual: Math.round(d.financing.individual * 1.1), government: Math.round(d.financing.government * 1.1) };
  d.year += 1;
  return d;
}

/** Median wall ms and CPU ms of `runs` calls. */
function timed(runs: number, task: () => unknown): { wall: number; cpu: number } {
  const samples: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    task();
    const used = process.cpuUsage(cpu);
    samples.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 });
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)) };
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

export async function benchSimulation({ db }: DbHandle): Promise<string[][]> {
  const actor = systemActor('基准测试');
  const year = Number(todayInShanghai().slice(0, 4)) - 1; // the last whole year of the demo
  const inForce = await activeScheme(db, POOL, year);
  if (!inForce) throw new Error(`no active scheme for ${POOL} ${year}`);
  const stored = await db.selectFrom('ncms_scheme').select('document').where('id', '=', inForce.id).executeTakeFirstOrThrow();
  const prepared = await prepareSimulation(db, actor, { document: newSchemeFrom(stored.document as Record<string, any>), year });

  const loadStart = performance.now();
  const data = await loadYearClaims(db, POOL, year);
  const loadMs = performance.now() - loadStart;
  const { raisedFen: raised } = await fundOverview(db, actor, { year, pool: POOL });
  const engine = timed(3, () => settle(prepared.proposed, data.claims));
  const simulation = timed(3, () => {
    schemeOutcome(prepared.inForce.scheme, data, raised);
    schemeOutcome(prepared.proposed, data, raisedUnder(prepared.inForce.scheme, prepared.proposed, raised).raisedFen);
  });
  const jobStart = performance.now();
  const report = await runSimulation(db, actor, prepared);
  const jobMs = performance.now() - jobStart;

  const n = data.claims.length.toLocaleString('en-US');
  const ratio = simulation.wall / engine.wall;
  const paid = (fen: number) => `${(fen / 100 / 10_000).toFixed(1)} 万元`;
  return [
    [`测算：读取 ${year} 年度报销单据（${n} 条，${data.persons.toLocaleString('en-US')} 人）`, ms(loadMs), '—', '—'],
    [`测算：仅引擎按新方案结算 ${n} 条（3 次中位数）`, `${ms(engine.wall)}（CPU ${ms(engine.cpu)}）`, '—', '—'],
    [`测算：现行 + 新方案各结算一遍并汇总（3 次中位数）`, `${ms(simulation.wall)}（CPU ${ms(simulation.cpu)}）`, `< ${ms(TARGET_MS)}`, simulation.wall < TARGET_MS ? '达标' : simulation.cpu < TARGET_MS ? '墙钟未达标（机器负载高），CPU 时间达标' : '未达标'],
    ['测算 ÷ 仅引擎（同一批已读入的单据）', `${ratio.toFixed(2)} ×`, '≈ 2（结算两遍）', '—'],
    ['测算任务全程（含读取单据和基金筹资）', ms(jobMs), '—', `补偿 ${paid(report.inForce.outcome.paidFen)} → ${paid(report.proposed.outcome.paidFen)}`],
  ];
}
