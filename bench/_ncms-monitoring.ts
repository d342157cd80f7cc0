/**
 * 监测与预警 on the full demo county: one month's monitoring indicators of every institution (what the indicators page
 * loads) and every alert rule over the month (what 运行月度监测 computes, without storing: a county given by
 * DATABASE_URL is only read), then the fund early warning of the year. The month is the last complete month of the
 * claims. Rows: [measurement, figure, target, result].
 */
import type { DbHandle } from '../src/core/db/connection.ts';
import { systemActor } from '../src/core/auth/actor.ts';
import { monthlyIndicators } from '../src/ncms/monitoring/indicator-service.ts';
import { findAlerts } from '../src/ncms/monitoring/monitoring-run.ts';
import { monthOf, shiftMonth } from '../src/ncms/monitoring/months.ts';
import { fundEarlyWarning } from '../src/ncms/fund/early-warning-report.ts';

const TARGETS = { indicators: 3_000, alerts: 30_000, both: 30_000, fund: 1_000 }; // ms: a page answers in seconds, the monthly run within half a minute

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ms: number, target: number) => (ms <= target ? '达标' : '未达标');

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const cpu = process.cpuUsage(cpu0);
  return { value, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function benchMonitoring(handle: DbHandle): Promise<string[][]> {
  const actor = systemActor('基准测试');
  const last = await handle.db.selectFrom('ncms_claim').select((eb) => eb.fn.max('discharged_on').as('day')).executeTakeFirst();
  const month = shiftMonth(monthOf(last?.day ?? new Date().toISOString().slice(0, 10)), -1);
  const indicators = await timed(() => monthlyIndicators(handle.db, actor, month));
  const alerts = await timed(() => findAlerts(handle.db, month));
  const fund = await timed(() => fundEarlyWarning(handle.db, actor, { year: Number(month.slice(0, 4)) }, `${month}-28`));
  const byRule = new Map<string, number>();
  for (const a of alerts.value) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1);
  const both = indicators.ms + alerts.ms;
  const admissions = indicators.value.total.admissions;
  const visits = indicators.value.total.outpatientVisits;
  return [
    [`${month} 机构月度指标（${indicators.value.rows.length} 家机构，住院 ${admissions} 人次，门诊统筹 ${visits} 人次）`, `${seconds(indicators.ms)}（CPU ${seconds(indicators.cpuMs)}）`, `≤ ${seconds(TARGETS.indicators)}`, verdict(indicators.ms, TARGETS.indicators)],
    [`${month} 全部预警规则（线索 ${alerts.value.length} 条：${[...byRule].map(([r, n]) => `${r} ${n}`).join('，') || '无'}）`, `${seconds(alerts.ms)}（CPU ${seconds(alerts.cpuMs)}）`, `≤ ${seconds(TARGETS.alerts)}`, verdict(alerts.ms, TARGETS.alerts)],
    [`${month} 指标 + 预警合计`, seconds(both), `≤ ${seconds(TARGETS.both)}`, verdict(both, TARGETS.both)],
    [`${month.slice(0, 4)} 年度基金预警（${fund.value.levelName}，预测方法 ${fund.value.forecast.method}）`, seconds(fund.ms), `≤ ${seconds(TARGETS.fund)}`, verdict(fund.ms, TARGETS.fund)],
  ];
}
