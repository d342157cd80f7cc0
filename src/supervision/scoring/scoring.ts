/**
 * Scoring (考核评分), pure: a scheme is data — points per indicator and the rule applied below target — and a
 * township's score of a month is the points it earns out of the points it could earn, on a 100-point scale.
 *
 * At or beyond target an item earns its full points. Below target, by the item's rule:
 *   proportional — points × value ÷ target (lower-is-better: points × target ÷ value);
 *   deduct       — points minus `deductPerUnit` for each unit (percentage point, ‰ or count) short, down to 0;
 *   none         — 0.
 * An item without a value (无数据) or without a target is left out of both sides, so a township with no cases to
 * report is neither rewarded nor punished for it.
 */
import type { Direction } from '../indicators/types.ts';

export type BelowTargetRule = 'proportional' | 'deduct' | 'none';

export interface ScoringItem {
  indicator: string;
  points: number;
  rule: BelowTargetRule;
  /** Points taken off per unit short of target (rule 'deduct'). */
  deductPerUnit?: number | undefined;
}

export const RULE_NAMES: Record<BelowTargetRule, string> = {
  proportional: '按完成比例得分（实际值 ÷ 目标值 × 分值）',
  deduct: '每低于目标 1 个单位扣若干分，扣完为止',
  none: '未达标不得分',
};

const BELOW: Record<BelowTargetRule, (item: ScoringItem, value: number, target: number, direction: Direction) => number> = {
  proportional: (item, value, target, direction) =>
    direction === 'higher' ? (target === 0 ? item.points : (item.points * Math.max(value, 0)) / target) : value === 0 ? item.points : (item.points * target) / value,
  deduct: (item, value, target) => Math.max(0, item.points - (item.deductPerUnit ?? 0) * Math.abs(target - value)),
  none: () => 0,
};

/** The points an item earns; null when it does not count (no value or no target). */
export function itemPoints(item: ScoringItem, direction: Direction, value: number | null, target: number | null): number | null {
  if (value === null || target === null) return null;
  const met = direction === 'higher' ? value >= target : value <= target;
  return met ? item.points : Math.min(item.points, BELOW[item.rule](item, value, target, direction));
}

export interface ItemScore {
  indicator: string;
  value: number | null;
  target: number | null;
  points: number;
  earned: number | null;
}

/** A township's score out of 100 (1 decimal), or null when no item counts. */
export function totalScore(items: readonly ItemScore[]): number | null {
  const counted = items.filter((i) => i.earned !== null);
  const available = counted.reduce((s, i) => s + i.points, 0);
  if (available === 0) return null;
  const earned = counted.reduce((s, i) => s + i.earned!, 0);
  return Math.round((earned / available) * 1000) / 10;
}

/** Standard competition ranking (1, 2, 2, 4) by score, highest first; no score, no rank. */
export function rankScores<T extends { score: number | null }>(rows: readonly T[]): Array<T & { rank: number | null }> {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  const rankOf = new Map<T, number>();
  scored.forEach((r, i) => rankOf.set(r, i > 0 && scored[i - 1]!.score === r.score ? rankOf.get(scored[i - 1]!)! : i + 1));
  return [...scored, ...rows.filter((r) => r.score === null)].map((r) => ({ ...r, rank: rankOf.get(r) ?? null }));
}
