import type { CaseSource } from '../db/deaths-schema.ts';
import { ruleForCode, thresholdsOn, type ClusterRule, type ClusterThresholds, CLUSTER_THRESHOLDS } from './thresholds.ts';

/** One case of a notifiable disease, from a report card or a visit diagnosis. */
export interface DiseaseCase {
  source: CaseSource;
  sourceId: number;
  /** Who: 'p:<person id>', else 'id:<ID number>', else 'nb:<name>|<birth date>'; one person counts once. */
  personKey: string;
  /** The village (the unit of the check). */
  areaId: number;
  /** Shanghai date of diagnosis. */
  date: string;
  icd10: string;
}

/** Cases of one rule in one village that crossed the threshold: every window of it that did, merged. */
export interface ClusterEpisode {
  rule: ClusterRule;
  rulesFrom: string;
  areaId: number;
  firstDate: string;
  lastDate: string;
  cases: DiseaseCase[];
}

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * Finds clusters: for each rule and village, the persons' cases (a person once, at their first case) sorted by
 * date; any run of `minCases` cases within `windowDays` consecutive days (first and last day included) crosses the
 * threshold. The episode then goes on as long as each next case comes within a window of the one before it (the
 * outbreak is not over), so later cases extend it rather than start another. Each case is judged by the threshold table in
 * force on its date.
 */
export function findClusters(cases: readonly DiseaseCase[], tables: readonly ClusterThresholds[] = CLUSTER_THRESHOLDS): ClusterEpisode[] {
  const groups = new Map<string, { rule: ClusterRule; rulesFrom: string; areaId: number; byPerson: Map<string, DiseaseCase> }>();
  for (const c of cases) {
    const table = thresholdsOn(c.date, tables);
    const rule = table && ruleForCode(table.rules, c.icd10);
    if (!table || !rule) continue;
    const key = `${table.effectiveFrom}|${rule.key}|${c.areaId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { rule, rulesFrom: table.effectiveFrom, areaId: c.areaId, byPerson: new Map() }));
    const earlier = group.byPerson.get(c.personKey);
    if (!earlier || c.date < earlier.date || (c.date === earlier.date && c.sourceId < earlier.sourceId)) group.byPerson.set(c.personKey, c);
  }
  const episodes: ClusterEpisode[] = [];
  for (const { rule, rulesFrom, areaId, byPerson } of groups.values()) {
    const sorted = [...byPerson.values()].sort((a, b) => a.date.localeCompare(b.date) || a.sourceId - b.sourceId);
    let start = 0;
    while (start + rule.minCases - 1 < sorted.length) {
      if (daysBetween(sorted[start]!.date, sorted[start + rule.minCases - 1]!.date) >= rule.windowDays) {
        start++;
        continue;
      }
      // Crossed: the episode goes on while each next case comes within a window of the one before it.
      let end = start + rule.minCases - 1;
      while (end + 1 < sorted.length && daysBetween(sorted[end]!.date, sorted[end + 1]!.date) < rule.windowDays) end++;
      const chosen = sorted.slice(start, end + 1);
      episodes.push({ rule, rulesFrom, areaId, firstDate: chosen[0]!.date, lastDate: chosen.at(-1)!.date, cases: chosen });
      start = end + 1;
    }
  }
  return episodes.sort((a, b) => a.firstDate.localeCompare(b.firstDate) || a.rule.key.localeCompare(b.rule.key) || a.areaId - b.areaId);
}
