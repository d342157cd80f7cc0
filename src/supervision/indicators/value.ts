/** An indicator's value from its counts, and whether it meets a target. Pure. */
import type { Direction, IndicatorUnit } from './types.ts';

const SCALE: Record<IndicatorUnit, number> = { '%': 100, '‰': 1000, count: 1 };

/** In the unit, to 2 decimals (93.21 for 93.21 %); null — shown 无数据 — when the denominator is 0, never NaN. */
export function indicatorValue(unit: IndicatorUnit, numerator: number, denominator: number | null): number | null {
  if (denominator === null) return numerator;
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * SCALE[unit] * 100) / 100;
}

/** null when there is no value or no target. */
export function meetsTarget(direction: Direction, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return direction === 'higher' ? value >= target : value <= target;
}

/** A value as the pages and documents print it: "93.21%", "3.5‰", "12", or 无数据. */
export function valueText(unit: IndicatorUnit, value: number | null): string {
  if (value === null) return '无数据';
  return unit === 'count' ? String(value) : `${value.toFixed(2)}${unit}`;
}
