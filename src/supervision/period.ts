/**
 * Assessment periods other than a month (半年一总结、全年一考核): a quarter, a half-year, a year or any run of months,
 * named in Chinese. Pure. A month is the period of one month, so every view takes a period.
 */
import { invalid } from '../core/errors.ts';
import { checkMonth, monthName, monthsBetween, type Month } from './month.ts';

export interface Period {
  /** As the address bar and the API write it: 2026-03, 2026-Q1, 2026-H1, 2026, 2026-01..2026-05. */
  key: string;
  from: Month;
  to: Month;
  /** 2026年3月, 2026年第一季度, 2026年上半年, 2026年全年, 2026年1月至5月. */
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];
const HALVES = ['上半年', '下半年'];
/** A range longer than two years is not an assessment period (and would load too many months). */
const MAX_MONTHS = 24;

/** The forms a period is written in, tried in order: each gives the first and last month and the name. */
const FORMS: Array<{ pattern: RegExp; period: (m: RegExpMatchArray) => Omit<Period, 'key'> }> = [
  { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, period: ([key]) => ({ from: key!, to: key!, name: monthName(key!) }) },
  {
    pattern: /^(\d{4})-Q([1-4])$/,
    period: ([, y, q]) => ({ from: `${y}-${pad(Number(q) * 3 - 2)}`, to: `${y}-${pad(Number(q) * 3)}`, name: `${y}年${QUARTERS[Number(q) - 1]}` }),
  },
  { pattern: /^(\d{4})-H([12])$/, period: ([, y, h]) => ({ from: `${y}-${pad(Number(h) * 6 - 5)}`, to: `${y}-${pad(Number(h) * 6)}`, name: `${y}年${HALVES[Number(h) - 1]}` }) },
  { pattern: /^(\d{4})$/, period: ([, y]) => ({ from: `${y}-01`, to: `${y}-12`, name: `${y}年全年` }) },
  {
    pattern: /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/,
    period: ([, from, to]) => ({ from: from!, to: to!, name: from!.slice(0, 4) === to!.slice(0, 4) ? `${monthName(from!)}至${Number(to!.slice(5))}月` : `${monthName(from!)}至${monthName(to!)}` }),
  },
];

export function parsePeriod(text: string, field = 'period'): Period {
  for (const form of FORMS) {
    const match = text.match(form.pattern);
    if (!match) continue;
    const p = form.period(match);
    checkMonth(p.from, field);
    checkMonth(p.to, field);
    const years = Number(p.to.slice(0, 4));
    if (years < 2000 || years > 2100) break;
    if (p.from > p.to) throw invalid(field, `统计期的起始月 ${p.from} 晚于结束月 ${p.to}`);
    if (monthsBetween(p.from, p.to).length > MAX_MONTHS) throw invalid(field, `统计期最长 ${MAX_MONTHS} 个月，收到 ${p.from} 至 ${p.to}`);
    return { key: text, ...p };
  }
  throw invalid(field, `统计期应写作月份 2026-03、季度 2026-Q1、半年 2026-H1、年度 2026 或起止月份 2026-01..2026-05，收到「${text}」`);
}

/** The year whose targets and scoring scheme a period is assessed under: that of its last month. */
export const periodYear = (p: Period) => Number(p.to.slice(0, 4));
