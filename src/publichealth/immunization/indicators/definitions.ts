/**
 * The indicators' definitions as data, in Chinese, so the API returns them with the figures and the UI shows them
 * (README "Lists and indicators" gives the same rules). Ages come from the schedule data, never from here.
 */
import { formatDuration, parseDuration, type Duration } from '../calendar.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import type { DoseRule, ScheduleSet, ScheduleVersion } from '../schedules/load.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { DoseRow } from './dose-outcomes.ts';

/** Children counted as under management (在管儿童) for the certificate rate: under this age at the period's end. */
export const MANAGED_UNDER_AGE: Duration = parseDuration('P7Y')!;

/** Routine coverage target per township (public-health.md: ≥90 %), as a whole percent so the comparison is exact. */
export const COVERAGE_TARGET_PERCENT = 90;

export const INDICATOR_DEFINITIONS = {
  eligible:
    '应种人数：统计期内达到该剂次应完成接种年龄（即及时接种时限；免疫程序未规定时限的剂次为起始月龄后满1个月）的儿童，按儿童现居住村（社区）统计，流动儿童计入现居住地；在达到该年龄之前已迁出或死亡的儿童不计入。适用的免疫程序版本按出生日期和剂次确定。',
  given: '接种人数：应种儿童中，在统计期末日（含）之前已接种该剂次的人数（含在外地接种并登记的剂次）。',
  timely: '及时接种人数：应种儿童中，在应完成接种年龄之前接种该剂次的人数（与接种程序中“及时”的判断一致）。',
  coverage: '接种率 = 接种人数 ÷ 应种人数；应种人数为 0 时无数据。',
  timeliness: '及时接种率 = 及时接种人数 ÷ 应种人数；应种人数为 0 时无数据。',
  target: `接种率目标：各乡镇常规免疫各剂次接种率 ≥ ${COVERAGE_TARGET_PERCENT}%。`,
  managed: `在管儿童数：统计期末日在本地接受预防接种管理、未满${formatDuration(MANAGED_UNDER_AGE)}的儿童（含流动儿童，不含期末前已迁出或死亡者），按现居住村（社区）统计。`,
  certified: '建证人数：在管儿童中，统计期末日（含）之前已办理预防接种证的人数。',
  certificateRate: '建证率 = 建证人数 ÷ 在管儿童数；在管儿童数为 0 时无数据。',
  rates: '比率保留四位小数（0.9321 即 93.21%），人数为精确值。',
} as const;

const plus = (a: Duration, b: Duration): Duration => ({ months: a.months + b.months, days: a.days + b.days });

/** The child conditions of the schedule data, as a clerk names them. */
const CONDITION_NAMES: Record<ChildCondition, string> = { mother_hbsag_positive: '母亲HBsAg阳性', birth_weight_under_2000g: '出生体重<2000克' };

/** The age a dose should be complete by, in words: its timely limit, or its minimum age plus the grace. */
function completeByAge(rule: DoseRule, overdueAfter: Duration): string {
  return `满${formatDuration(rule.timelyBefore ?? plus(rule.minAge, overdueAfter))}前`;
}

/** One version's wording for a dose row: the usual age, then the other ages of variants and conditions. */
function versionText(v: ScheduleVersion, row: DoseRow): string | undefined {
  const option = v.series[row.series]!.options[row.option]!;
  const rule = option.doses[row.slot];
  const parts: string[] = [];
  if (rule) parts.push(completeByAge(rule, v.overdueAfter));
  for (const w of rule?.when ?? []) if (w.timelyBefore) parts.push(`${CONDITION_NAMES[w.condition]}：满${formatDuration(w.timelyBefore)}前`);
  for (const variant of option.variants) {
    const other = variant.doses[row.slot];
    const text = other && completeByAge(other, v.overdueAfter);
    if (text && text !== parts[0]) parts.push(`${CONDITION_NAMES[variant.when]}：${text}`);
  }
  return parts.length ? parts.join('；') : undefined;
}

/**
 * When a dose row should be complete, as a clerk reads it ('满1岁前'), with each version's wording when the versions
 * differ (DTP 1: 4 months under 2021, 3 months for doses falling due from 2025-01-01) and the other ages of child
 * conditions (HepB 1, mother HBsAg-positive: the day of birth).
 */
export function completeByText(row: DoseRow, set: ScheduleSet = NIP_SCHEDULES): string {
  const texts: string[] = [];
  set.versions.forEach((v, i) => {
    const text = versionText(v, row);
    if (!text || texts.some((t) => t.endsWith(text))) return;
    texts.push(i === 0 ? text : `${v.effective}起到期的剂次：${text}`);
  });
  return texts.join('；');
}

/** The definition shown next to a dose row's figures: its eligible, given and timely children in words. */
export function doseDefinition(row: DoseRow, set: ScheduleSet = NIP_SCHEDULES): string {
  const by = completeByText(row, set);
  return `${row.name}：应种 = 统计期内达到应完成接种年龄（${by}）的在管儿童；接种 = 其中统计期末日前已接种者；及时 = 其中在该年龄前接种者。`;
}
