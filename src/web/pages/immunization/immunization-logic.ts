// Pure helpers of the immunization pages: periods as the API names them, rates as percents, plan statuses as tags.
import type { PlannedDose } from './immunization-types.ts';

export type PeriodKind = 'year' | 'quarter' | 'month';

/** The API's period id for a calendar day: 2026, 2026-Q2 or 2026-05. */
export function periodId(kind: PeriodKind, day: string): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${day.slice(5, 7)}`;
}

/** The first day of a period id, to show it in a picker again. */
export function periodStart(id: string): { kind: PeriodKind; day: string } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (quarter) return { kind: 'quarter', day: `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01` };
  if (/^\d{4}-\d{2}$/.test(id)) return { kind: 'month', day: `${id}-01` };
  return { kind: 'year', day: `${id.slice(0, 4)}-01-01` };
}

/** A 4-decimal rate as a percent with 2 decimals; 无数据 when nobody was eligible. */
export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '无数据' : `${(rate * 100).toFixed(2)}%`;
}

/** A rate as a chart value (percent, 2 decimals); null stays a gap, never a 0 % bar. */
export function percentValue(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 10_000) / 100;
}

const NOT_TO_GIVE_REASONS: Record<string, string> = {
  age_limit: '超过接种年龄',
  catch_up_limit: '已满18岁，不再补种',
  replaced: '已改用另一种疫苗',
  previous_not_given: '前一剂已不能接种',
};

/** A planned dose's status as a tag: text, colour and the detail a hover shows. */
export function statusTag(dose: PlannedDose): { text: string; color: string; detail?: string } {
  switch (dose.status) {
    case 'done':
      return dose.timely ? { text: '已种·及时', color: 'green' } : { text: '已种·不及时', color: 'gold', detail: '接种时已超过及时接种时限' };
    case 'due':
      return { text: '应种', color: 'blue', detail: dose.note };
    case 'overdue':
      return { text: '逾期', color: 'red', detail: dose.note };
    case 'not_yet_due':
      return { text: '未到时间', color: 'default' };
    case 'not_to_give':
      return { text: `不再接种：${NOT_TO_GIVE_REASONS[dose.reason] ?? dose.reason}`, color: 'default', detail: dose.message };
  }
}
