/**
 * The monthly bulletin's content (月通报), pure: the ranking with the change since last month, the indicators below
 * target with the unit responsible, the county's figures against last month, and a short text in Chinese.
 */
import { meetsTarget, valueText } from '../indicators/value.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import { monthName, type Month } from '../month.ts';
import type { BulletinSection } from './sections.ts';

export interface BulletinRankingRow {
  rank: number | null;
  areaId: number;
  name: string;
  score: number | null;
  previousRank: number | null;
  scoreChange: number | null;
}

export interface BelowTarget {
  township: string;
  unit: string;
  indicator: string;
  indicatorName: string;
  value: string;
  target: string;
}

export interface CountyFigure {
  indicator: string;
  name: string;
  value: string;
  previous: string;
  change: string;
}

export interface BulletinContent {
  format: 1;
  month: Month;
  title: string;
  county: string;
  ranking: BulletinRankingRow[];
  belowTarget: BelowTarget[];
  countyFigures: CountyFigure[];
  /** Other modules' sections (e.g. 新农合基金运行预警); absent in bulletins published before they existed. */
  sections?: BulletinSection[];
  text: string;
}

export interface BulletinInput {
  month: Month;
  county: string;
  ranking: Array<{ areaId: number; name: string; score: number | null; rank: number | null; items: Array<{ indicator: string; value: number | null; target: number | null; earned: number | null; points: number }> }>;
  previous: Array<{ areaId: number; score: number | null; rank: number | null }>;
  /** The health centre (卫生院) responsible for each township, by area id. */
  unitOf: ReadonlyMap<number, string>;
  /** Institutions with a target of their own, and their value of the month (null: 无数据 or not counted). */
  institutions: ReadonlyArray<{ townshipName: string | null; institutionName: string; indicator: string; value: number | null; target: number }>;
  definitions: readonly IndicatorDefinition[];
  countyValues: ReadonlyMap<string, number | null>;
  previousCountyValues: ReadonlyMap<string, number | null>;
  sections: BulletinSection[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function changeText(def: IndicatorDefinition, now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const d = Math.round((now - before) * 100) / 100;
  const unit = def.unit === '%' ? '个百分点' : def.unit === '‰' ? '个千分点' : '';
  return d === 0 ? '持平' : `${d > 0 ? '上升' : '下降'}${Math.abs(d)}${unit}`;
}

export function bulletinContent(input: BulletinInput): BulletinContent {
  const defs = new Map(input.definitions.map((d) => [d.code, d]));
  const previous = new Map(input.previous.map((p) => [p.areaId, p]));
  const ranking = input.ranking.map((r) => {
    const p = previous.get(r.areaId);
    return { rank: r.rank, areaId: r.areaId, name: r.name, score: r.score, previousRank: p?.rank ?? null, scoreChange: r.score !== null && p?.score != null ? round1(r.score - p.score) : null };
  });
  const below = (township: string, unit: string, def: IndicatorDefinition, value: number | null, target: number | null): BelowTarget => ({
    township,
    unit,
    indicator: def.code,
    indicatorName: def.name,
    value: valueText(def.unit, value),
    target: `${def.direction === 'higher' ? '≥' : '≤'}${valueText(def.unit, target)}`,
  });
  const belowTarget = [
    ...input.ranking.flatMap((r) =>
      r.items.filter((i) => i.earned !== null && i.earned < i.points && defs.has(i.indicator)).map((i) => below(r.name, input.unitOf.get(r.areaId) ?? `${r.name}卫生院`, defs.get(i.indicator)!, i.value, i.target)),
    ),
    // An institution held to its own target answers for it itself (县直 when it belongs to no township).
    ...input.institutions.flatMap((i) => {
      const def = defs.get(i.indicator);
      return def && meetsTarget(def.direction, i.value, i.target) === false ? [below(i.townshipName ?? '县直', i.institutionName, def, i.value, i.target)] : [];
    }),
  ];
  const countyFigures = input.definitions.map((d) => {
    const now = input.countyValues.get(d.code) ?? null;
    const before = input.previousCountyValues.get(d.code) ?? null;
    return { indicator: d.code, name: d.name, value: valueText(d.unit, now), previous: valueText(d.unit, before), change: changeText(d, now, before) };
  });
  return {
    format: 1,
    month: input.month,
    title: `${input.county}${monthName(input.month)}基层卫生工作督导考核通报`,
    county: input.county,
    ranking,
    belowTarget,
    countyFigures,
    sections: input.sections,
    text: bulletinText(input.month, ranking, belowTarget),
  };
}

/** The bulletin's opening paragraph. */
export function bulletinText(month: Month, ranking: readonly BulletinRankingRow[], below: readonly BelowTarget[]): string {
  const ranked = ranking.filter((r) => r.rank !== null);
  if (ranked.length === 0) return `${monthName(month)}尚无可评分的考核数据（指标未计算或未设定考核目标和评分方案）。`;
  const parts: string[] = [`${monthName(month)}，全县 ${ranked.length} 个乡镇（街道）卫生院参加考核。`];
  const first = ranked.filter((r) => r.rank === 1);
  parts.push(`本月综合得分第一的是${first.map((r) => r.name).join('、')}（${first[0]!.score}分）`);
  const last = ranked[ranked.length - 1]!;
  if (ranked.length > 1 && last.rank !== 1) parts.push(`，得分最低的是${last.name}（${last.score}分）`);
  parts.push('。');
  const risers = ranked.filter((r) => r.previousRank !== null && r.previousRank > r.rank!).sort((a, b) => b.previousRank! - b.rank! - (a.previousRank! - a.rank!));
  if (risers[0]) parts.push(`与上月相比，${risers[0].name}进步最大，排名上升${risers[0].previousRank! - risers[0].rank!}位。`);
  if (below.length === 0) parts.push('各项考核指标均已达标。');
  else {
    const units = new Set(below.map((b) => b.unit));
    const perIndicator = new Map<string, number>();
    for (const b of below) perIndicator.set(b.indicatorName, (perIndicator.get(b.indicatorName) ?? 0) + 1);
    const [worst, n] = [...perIndicator].sort((a, b) => b[1] - a[1])[0]!;
    parts.push(`共有 ${below.length} 项次指标未达标，涉及 ${units.size} 个单位，其中「${worst}」未达标的单位最多（${n} 个），请相关单位认真分析原因，限期整改。`);
  }
  return parts.join('');
}
