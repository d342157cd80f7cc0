/**
 * 基金预警 for a pool (or all pools) and year, as of a day: the figures from the fund overview, the forecast and the
 * warnings of early-warning.ts. `fundEarlyWarning` is what the monitoring page, the home-page card and a monthly
 * report call; `fundWarningLines` gives the report its lines. Fund data is county-level: ncms.read, not scoped.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { loadRuleParams } from '../monitoring/rule-config.ts';
import { assessFund, FORECAST_METHODS, forecastYearEnd, type Forecast, type FundLimits, type FundWarning, type WarningLevel } from './early-warning.ts';
import { fundOverview, fundYears } from './overview.ts';

export interface FundEarlyWarning {
  year: number;
  pool: string | null;
  asOf: string;
  raisedFen: number;
  spendingFen: number;
  usageRate: number | null;
  timeShare: number;
  balanceFen: number; // 当年结余 so far
  priorBalanceFen: number; // 历年累计结余 brought in
  accumulatedBalanceFen: number; // prior + this year's so far
  forecast: Forecast & { methodText: string; yearEndBalanceFen: number | null; yearEndBalanceRate: number | null; accumulatedYearEndFen: number | null };
  lastYearMonthly: number[] | null;
  limits: FundLimits;
  level: WarningLevel;
  levelName: string;
  warnings: FundWarning[];
}

/** Months of the year complete on `asOf`: all of a past year, none of a future one, else those before asOf's month. */
export function completeMonths(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (y > year) return 12;
  if (y < year) return 0;
  return Number(asOf.slice(5, 7)) - 1;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export async function fundEarlyWarning(db: Db, actor: Actor, q: { year: number; pool?: string | undefined }, asOf = todayInShanghai()): Promise<FundEarlyWarning> {
  requirePermission(actor, 'ncms.read');
  const limits = (await loadRuleParams(db)).fund_limits;
  const years = [...new Set((await fundYears(db, actor)).filter((y) => q.pool === undefined || y.pool === q.pool).map((y) => y.year))];
  const current = await fundOverview(db, actor, { year: q.year, pool: q.pool }, asOf);
  const earlier = await Promise.all(years.filter((y) => y < q.year).map((y) => fundOverview(db, actor, { year: y, pool: q.pool }, asOf)));
  const last = earlier.find((o) => o.year === q.year - 1);
  const lastYearMonthly = last ? last.monthly.map((m) => m.spendingFen) : null;
  const priorBalanceFen = earlier.reduce((s, o) => s + o.raisedFen - o.spendingFen, 0);
  const forecast = forecastYearEnd(current.monthly.map((m) => m.spendingFen), completeMonths(q.year, asOf), lastYearMonthly);
  const assessment = assessFund({ raisedFen: current.raisedFen, spendingFen: current.spendingFen, timeShare: current.timeShare, priorBalanceFen, forecast, limits });
  const yearEnd = forecast.yearEndSpendingFen;
  return {
    year: q.year,
    pool: q.pool ?? null,
    asOf,
    raisedFen: current.raisedFen,
    spendingFen: current.spendingFen,
    usageRate: current.usageRate,
    timeShare: current.timeShare,
    balanceFen: current.raisedFen - current.spendingFen,
    priorBalanceFen,
    accumulatedBalanceFen: priorBalanceFen + current.raisedFen - current.spendingFen,
    forecast: {
      ...forecast,
      methodText: FORECAST_METHODS[forecast.method],
      yearEndBalanceFen: yearEnd === null ? null : current.raisedFen - yearEnd,
      yearEndBalanceRate: yearEnd === null ? null : rate(current.raisedFen - yearEnd, current.raisedFen),
      accumulatedYearEndFen: yearEnd === null ? null : priorBalanceFen + current.raisedFen - yearEnd,
    },
    lastYearMonthly,
    limits,
    ...assessment,
  };
}

/** The warning as lines of a monthly report: the level, then each warning (or that the fund runs normally). */
export function fundWarningLines(w: FundEarlyWarning): string[] {
  const head = `${w.year} 年度基金预警等级：${w.levelName}（截至 ${w.asOf}）`;
  return w.warnings.length ? [head, ...w.warnings.map((x) => `【${x.levelName}】${x.text}`)] : [head, '基金运行正常，使用进度与结余均在控制标准以内'];
}
