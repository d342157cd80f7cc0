/**
 * An indicator over a period from its stored monthly counts, pure. How the months combine is a property of the
 * indicator (`aggregation`): a flow (cases of the month, doses due in the month) sums numerators and denominators
 * over the months; a stock (at month end, year to date, the year) is the period's last month. A flow whose every
 * month has a zero denominator is 无数据 (null), as a month is.
 */
import type { Selectable } from 'kysely';
import type { SupervisionIndicatorValueTable } from '../db/schema.ts';
import type { IndicatorDefinition } from './types.ts';
import { indicatorValue } from './value.ts';

type Stored = Selectable<SupervisionIndicatorValueTable>;

/** One indicator's value of an area over the period, shaped like a stored month (month = the period's key). */
export type PeriodValue = Stored & {
  /** The months whose values it holds (a stock: 1, the last stored). */
  months: number;
};

export function aggregateValues(rows: readonly Stored[], definitions: readonly Pick<IndicatorDefinition, 'code' | 'unit' | 'aggregation'>[], key: string): PeriodValue[] {
  const defs = new Map(definitions.map((d) => [d.code, d]));
  const groups = new Map<string, Stored[]>();
  for (const r of rows) {
    if (!defs.has(r.indicator)) continue; // an indicator since removed from the library
    const k = `${r.indicator}:${r.area_id}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((list) => {
    const sorted = [...list].sort((a, b) => a.month.localeCompare(b.month));
    const last = sorted[sorted.length - 1]!;
    const def = defs.get(last.indicator)!;
    const computedAt = new Date(Math.max(...sorted.map((r) => r.computed_at.getTime())));
    if (def.aggregation === 'stock') return { ...last, month: key, computed_at: computedAt, months: 1 };
    const numerator = sorted.reduce((s, r) => s + r.numerator, 0);
    const denominator = last.denominator === null ? null : sorted.reduce((s, r) => s + (r.denominator ?? 0), 0);
    return { ...last, month: key, numerator, denominator, value: indicatorValue(def.unit, numerator, denominator), computed_at: computedAt, months: sorted.length };
  });
}
