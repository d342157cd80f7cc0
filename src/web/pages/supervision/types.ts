// What the supervision API answers, as the pages use it (src/supervision/**); where the server has the shape, from its
// own types (type-only: no server code reaches the bundle).
import type { IndicatorDefinition } from '../../../supervision/indicators/types.ts';

export type { IndicatorDefinition };
export type { Cell, TableRow, IndicatorTable } from '../../../supervision/indicators/table.ts';

export type { Target } from '../../../supervision/scoring/targets.ts';

export type BelowTargetRule = 'proportional' | 'deduct' | 'none';

export interface ScoringItem {
  indicator: string;
  points: number;
  rule: BelowTargetRule;
  deductPerUnit?: number;
}

export const RULE_NAMES: Record<BelowTargetRule, string> = {
  proportional: '按完成比例得分',
  deduct: '每低 1 个单位扣分',
  none: '未达标不得分',
};

export type { Ranking, RankingRow } from '../../../supervision/scoring/ranking.ts';
export type { Period } from '../../../supervision/period.ts';

export interface RankingTrend {
  months: string[];
  townships: Array<{ areaId: number; name: string; scores: Array<number | null>; ranks: Array<number | null> }>;
}

export type { BulletinContent } from '../../../supervision/bulletins/content.ts';

export interface BulletinSummary {
  id: number;
  month: string;
  version: number;
  title: string;
  current: boolean;
  correctionReason: string | null;
  publishedByName: string;
  publishedAt: string;
}

const UNIT_TEXT = { '%': '%', '‰': '‰', count: '' } as const;

/** A value as the tables show it: 93.21%, or 无数据 for a zero denominator. */
export function valueText(def: Pick<IndicatorDefinition, 'unit'>, value: number | null | undefined): string {
  if (value === null || value === undefined) return '无数据';
  return def.unit === 'count' ? String(value) : `${value.toFixed(2)}${UNIT_TEXT[def.unit]}`;
}

/** The month before today's: the last complete one. */
export function lastMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export type { DashboardCard, Dashboard } from '../../../supervision/dashboard/dashboard.ts';
