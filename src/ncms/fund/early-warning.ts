/**
 * 基金预警, pure: the year-end forecast of spending and the warning checks against the balance limits (configuration
 * data: `fund_limits` in ncms_monitoring_rule). Money in fen, ratios as decimals.
 *
 * Forecast of year-end spending from the complete months so far (the running month is partial and left out):
 * - when last year's spending is known for the same months (> 0) and for the whole year: 同期季节性, each remaining
 *   month = last year's same month × (this year's months so far ÷ last year's same months);
 * - otherwise linear: each remaining month = the average of the months so far;
 * - a closed year is its actual spending; before the first month is complete there is no forecast.
 */

export type WarningLevel = 'normal' | 'notice' | 'warning' | 'severe';
export const WARNING_LEVELS: Record<WarningLevel, { name: string; rank: number }> = {
  normal: { name: '正常', rank: 0 },
  notice: { name: '关注', rank: 1 },
  warning: { name: '预警', rank: 2 },
  severe: { name: '严重', rank: 3 },
};

export type ForecastMethod = 'actual' | 'seasonal' | 'linear' | 'none';
export const FORECAST_METHODS: Record<ForecastMethod, string> = {
  actual: '年度已结束，为全年实际支出',
  seasonal: '按上年同期季节性：剩余各月 = 上年同月支出 × 今年已过月份支出 ÷ 上年同期支出',
  linear: '线性外推（无上年同期数据）：剩余各月 = 今年已过月份的月均支出',
  none: '本年度尚无完整月份，暂不预测',
};

export interface FundLimits {
  yearBalanceMax: number; // 当年结余 ≤ 15 % of funds raised
  accumulatedBalanceMax: number; // 累计结余 ≤ 25 % of the year's funds raised
  usageAheadWarning: number; // usage ahead of the calendar by more than this: 预警 (ahead at all: 关注)
}

export interface Forecast {
  method: ForecastMethod;
  completeMonths: number;
  yearEndSpendingFen: number | null;
  /** Per month: the actual spending of complete months, the forecast of the others (null without a forecast). */
  monthly: Array<{ month: number; actualFen: number | null; forecastFen: number | null }>;
}

/** Year-end spending from `monthly` (12 months of this year) and, when known, last year's 12 months. */
export function forecastYearEnd(monthly: readonly number[], completeMonths: number, lastYear: readonly number[] | null): Forecast {
  const k = Math.max(0, Math.min(12, completeMonths));
  const sum = (list: readonly number[], from: number, to: number) => list.slice(from, to).reduce((s, x) => s + x, 0);
  const soFar = sum(monthly, 0, k);
  let method: ForecastMethod;
  let rest: (month: number) => number;
  if (k === 12) [method, rest] = ['actual', () => 0];
  else if (k === 0) [method, rest] = ['none', () => 0];
  else if (lastYear && sum(lastYear, 0, k) > 0 && sum(lastYear, 0, 12) > 0) {
    const factor = soFar / sum(lastYear, 0, k);
    [method, rest] = ['seasonal', (m) => Math.round(lastYear[m - 1]! * factor)];
  } else [method, rest] = ['linear', () => Math.round(soFar / k)];
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return {
    method,
    completeMonths: k,
    yearEndSpendingFen: method === 'none' ? null : soFar + months.filter((m) => m > k).reduce((s, m) => s + rest(m), 0),
    monthly: months.map((m) => ({ month: m, actualFen: m <= k ? monthly[m - 1]! : null, forecastFen: m <= k || method === 'none' ? null : rest(m) })),
  };
}

export interface WarningInput {
  raisedFen: number; // this year's funds raised
  spendingFen: number; // spent so far
  timeShare: number; // share of the year elapsed
  priorBalanceFen: number; // Σ earlier years' (raised − spent): the accumulated balance brought in
  forecast: Forecast;
  limits: FundLimits;
}

export interface FundWarning {
  code: string;
  level: WarningLevel;
  levelName: string;
  text: string;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const yuan = (fen: number) => `${(Math.round(fen) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

type Check = (i: WarningInput & { yearEnd: number }) => { level: WarningLevel; text: string } | null;

/** The checks, in the order they are reported. `yearEnd` = forecast (or actual) year-end spending. */
const CHECKS: Array<{ code: string; check: Check }> = [
  {
    code: 'year_deficit',
    check: (i) => (i.spendingFen > i.raisedFen ? { level: 'severe', text: `当年基金已出现赤字：支出 ${yuan(i.spendingFen)} 超过当年筹集 ${yuan(i.raisedFen)}，透支 ${yuan(i.spendingFen - i.raisedFen)}` } : null),
  },
  {
    code: 'accumulated_deficit',
    check: (i) => (i.priorBalanceFen + i.raisedFen - i.spendingFen < 0 ? { level: 'severe', text: `累计结余已为负数（${yuan(i.priorBalanceFen + i.raisedFen - i.spendingFen)}），基金已无历年结余可用` } : null),
  },
  {
    code: 'forecast_overdraw',
    check: (i) =>
      i.forecast.method !== 'actual' && i.forecast.yearEndSpendingFen !== null && i.spendingFen <= i.raisedFen && i.yearEnd > i.raisedFen
        ? { level: 'warning', text: `按目前支出预测，年末支出约 ${yuan(i.yearEnd)}，将超过当年筹集的 ${yuan(i.raisedFen)}，透支约 ${yuan(i.yearEnd - i.raisedFen)}` }
        : null,
  },
  {
    code: 'usage_ahead',
    check: (i) => {
      if (i.raisedFen === 0 || i.timeShare >= 1) return null;
      const ahead = i.spendingFen / i.raisedFen - i.timeShare;
      if (ahead <= 0) return null;
      return { level: ahead > i.limits.usageAheadWarning ? 'warning' : 'notice', text: `基金使用进度 ${pct(i.spendingFen / i.raisedFen)} 快于时间进度 ${pct(i.timeShare)}，超前 ${(ahead * 100).toFixed(2)} 个百分点` };
    },
  },
  {
    code: 'year_balance_high',
    check: (i) => {
      if (i.raisedFen === 0 || i.forecast.yearEndSpendingFen === null) return null;
      const rate = (i.raisedFen - i.yearEnd) / i.raisedFen;
      const when = i.forecast.method === 'actual' ? '当年' : '预计年末当年';
      return rate > i.limits.yearBalanceMax ? { level: 'notice', text: `${when}结余率 ${pct(rate)}，超过 ${pct(i.limits.yearBalanceMax)} 的控制标准，基金使用不充分` } : null;
    },
  },
  {
    code: 'accumulated_balance_high',
    check: (i) => {
      if (i.raisedFen === 0 || i.forecast.yearEndSpendingFen === null) return null;
      const balance = i.priorBalanceFen + i.raisedFen - i.yearEnd;
      const rate = balance / i.raisedFen;
      const when = i.forecast.method === 'actual' ? '' : '预计年末';
      return rate > i.limits.accumulatedBalanceMax ? { level: 'notice', text: `${when}累计结余 ${yuan(balance)}，为当年筹集基金的 ${pct(rate)}，超过 ${pct(i.limits.accumulatedBalanceMax)} 的控制标准` } : null;
    },
  },
];

/** Every warning that applies and the overall level (the highest; 正常 when none). */
export function assessFund(input: WarningInput): { level: WarningLevel; levelName: string; warnings: FundWarning[] } {
  const yearEnd = input.forecast.yearEndSpendingFen ?? input.spendingFen;
  const warnings = CHECKS.flatMap(({ code, check }) => {
    const hit = check({ ...input, yearEnd });
    return hit ? [{ code, level: hit.level, levelName: WARNING_LEVELS[hit.level].name, text: hit.text }] : [];
  });
  const level = warnings.reduce<WarningLevel>((top, w) => (WARNING_LEVELS[w.level].rank > WARNING_LEVELS[top].rank ? w.level : top), 'normal');
  return { level, levelName: WARNING_LEVELS[level].name, warnings };
}
