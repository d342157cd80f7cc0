/**
 * The indicator library's shape. Each module's indicators are defined once, in src/indicator-providers.ts, over
 * that module's exported functions; supervision only sees these definitions and the counts they return.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import type { AreaLevelName } from '../db/schema.ts';

/** % and ‰ are ratios scaled by 100 and 1000; a count has no denominator. */
export type IndicatorUnit = '%' | '‰' | 'count';
export type Direction = 'higher' | 'lower';

export interface IndicatorDefinition {
  code: string;
  name: string;
  description: string;
  unit: IndicatorUnit;
  direction: Direction;
  numerator: string;
  denominator: string | null;
  /** The module whose data it counts, in Chinese (新农合, 免疫规划, …). */
  source: string;
  /** The area levels it is counted at (some modules answer per township only), and 'institution' when its module
   * answers per institution too (a target can then be set for one institution). */
  levels: IndicatorLevel[];
  /** What "a month" means for it, in Chinese (当月 / 年初至当月末 / 当年). */
  period: string;
  /**
   * How its months make a quarter, half-year or year: `flow` — counted per month, the months' numerators and
   * denominators are summed; `stock` — at month end, year to date or for the year, the period's last month holds.
   */
  aggregation: Aggregation;
}

export type Aggregation = 'flow' | 'stock';

export type IndicatorLevel = AreaLevelName | 'institution';

/** Counts of one area: numerator and denominator as the definition says (denominator null for a count). */
export interface AreaCount {
  areaId: number;
  numerator: number;
  denominator: number | null;
}

/** Counts of one institution, for indicators whose levels include 'institution'. */
export interface InstitutionCount {
  institutionId: number;
  numerator: number;
  denominator: number | null;
}

export interface ComputeContext {
  db: Db;
  /** Who computes: the system actor for stored values (all areas); the modules' scope rules still apply. */
  actor: Actor;
  month: string;
  /** First and last day of the month. */
  from: string;
  to: string;
  /** The as-of day: a month still running is counted up to it. */
  today: string;
  /** The county area and every township by code (modules that answer by area code). */
  countyId: number;
  areaIdByCode: ReadonlyMap<string, number>;
}

/** A source's counts of one month, by indicator code. */
export type SourceCounts = Record<string, Array<AreaCount | InstitutionCount>>;

/** A module's indicators, computed together from one load of its data for every area at once. */
export interface IndicatorSource {
  indicators: IndicatorDefinition[];
  compute(context: ComputeContext): Promise<SourceCounts>;
  /**
   * Optional, for a module whose load dominates: several months of one run (the demo's year, the bench) from one
   * load, one answer per context in their order, each what `compute` answers for that month alone. The contexts share
   * db, actor, today and the areas; only the month and its days differ. Sources without it are asked month by month.
   */
  computeMonths?(contexts: readonly ComputeContext[]): Promise<SourceCounts[]>;
}
