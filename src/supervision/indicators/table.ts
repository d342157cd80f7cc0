/**
 * The stored values of a month as a table: townships × indicators (with the county), or one township's villages.
 * Scope: the bureau publishes townships' figures and rankings to every township (督导考核 is a public comparison),
 * so anyone with supervision.read sees every township's row; a township's villages only within the reader's area
 * (township staff: their own township; village doctors have no supervision.read).
 */
import type { Db } from '../../core/db/connection.ts';
import { pathInScope, requirePermission, type Actor } from '../../core/auth/actor.ts';
import { notFound } from '../../core/errors.ts';
import type { AreaLevelName } from '../db/schema.ts';
import { monthsBetween, type Month } from '../month.ts';
import { periodYear, type Period } from '../period.ts';
import { listTargets, targetFor } from '../scoring/targets.ts';
import { aggregateValues } from './aggregate.ts';
import { indicatorDefinitions } from './registry.ts';
import type { IndicatorDefinition } from './types.ts';
import { meetsTarget } from './value.ts';

export interface Cell {
  value: number | null;
  numerator: number;
  denominator: number | null;
  target: number | null;
  meets: boolean | null;
}

export interface TableRow {
  areaId: number;
  code: string;
  name: string;
  level: AreaLevelName;
  /** A township's villages lie in the reader's area (the drill-down from a township is offered only then). */
  opensVillages?: boolean;
  values: Record<string, Cell>;
}

export interface IndicatorTable {
  /** The period's key: the month (2026-03) or 2026-Q1, 2026-H1, 2026, 2026-01..2026-05. */
  month: string;
  period: Period;
  /** Months of the period with stored values. */
  computedMonths: Month[];
  computedAt: string | null;
  indicators: IndicatorDefinition[];
  township: { id: number; name: string } | null;
  rows: TableRow[];
  total: TableRow | null;
}

/** Stored values of township (and county) rows of some months, keyed by month then area. */
export async function storedValues(db: Db, months: readonly Month[], level: 'township' | 'village' = 'township', parentId?: number) {
  if (months.length === 0) return [];
  return db
    .selectFrom('supervision_indicator_value')
    .selectAll()
    .where('month', 'in', months)
    .$if(level === 'township', (q) => q.where('area_level', 'in', ['township', 'county']))
    .$if(level === 'village', (q) => q.where('area_level', '=', 'village').where('parent_area_id', '=', parentId!))
    .orderBy('area_code')
    .execute();
}

/** The stored months of a period combined per indicator and area (a month: its own values). */
export async function periodValues(db: Db, period: Period, level: 'township' | 'village' = 'township', parentId?: number) {
  const rows = await storedValues(db, monthsBetween(period.from, period.to), level, parentId);
  return { values: aggregateValues(rows, indicatorDefinitions(), period.key), months: [...new Set(rows.map((r) => r.month))].sort() };
}

export async function indicatorTable(db: Db, actor: Actor, query: { period: Period; townshipId?: number | undefined }): Promise<IndicatorTable> {
  requirePermission(actor, 'supervision.read');
  const year = periodYear(query.period);
  let township: IndicatorTable['township'] = null;
  if (query.townshipId !== undefined) {
    const area = await db.selectFrom('area').select(['id', 'name', 'path', 'level']).where('id', '=', query.townshipId).executeTakeFirst();
    if (!area || area.level !== 'township' || !pathInScope(actor.scope, area.path)) throw notFound('乡镇');
    township = { id: area.id, name: area.name };
  }
  const [{ values: rows, months }, targets] = await Promise.all([periodValues(db, query.period, township ? 'village' : 'township', township?.id), listTargets(db, actor, year)]);
  const defs = indicatorDefinitions();
  const direction = new Map(defs.map((d) => [d.code, d.direction]));
  const byArea = new Map<number, TableRow>();
  let computedAt: Date | null = null;
  for (const r of rows) {
    if (!direction.has(r.indicator)) continue; // an indicator since removed from the library
    const row = byArea.get(r.area_id) ?? { areaId: r.area_id, code: r.area_code, name: r.area_name, level: r.area_level, values: {} };
    // Targets are set for townships; a village is held to its township's.
    const target = r.area_level === 'county' ? targetFor(targets, r.indicator, -1) : targetFor(targets, r.indicator, r.parent_area_id ?? r.area_id);
    row.values[r.indicator] = { value: r.value, numerator: r.numerator, denominator: r.denominator, target, meets: meetsTarget(direction.get(r.indicator)!, r.value, target) };
    byArea.set(r.area_id, row);
    if (!computedAt || r.computed_at > computedAt) computedAt = r.computed_at;
  }
  const all = [...byArea.values()];
  const towns = all.filter((r) => r.level === 'township');
  if (towns.length > 0) {
    const paths = new Map((await db.selectFrom('area').select(['id', 'path']).where('id', 'in', towns.map((r) => r.areaId)).execute()).map((a) => [a.id, a.path]));
    for (const r of towns) r.opensVillages = paths.has(r.areaId) && pathInScope(actor.scope, paths.get(r.areaId)!);
  }
  return {
    month: query.period.key,
    period: query.period,
    computedMonths: months,
    computedAt: computedAt?.toISOString() ?? null,
    indicators: defs,
    township,
    rows: all.filter((r) => r.level !== 'county'),
    total: all.find((r) => r.level === 'county') ?? null,
  };
}
