// Event-reporting thresholds for infectious-disease clusters (突发公共卫生事件相关信息报告标准), shared/domain/public-health.md §4.
// Data with an effective date, never constants in rules: a revised standard is a new entry in CLUSTER_THRESHOLDS.

export interface ClusterRule {
  /** Stable key stored with an alert. */
  key: string;
  /** The disease as the alert names it. */
  name: string;
  /** ICD-10 codes or prefixes that count as a case ('B26' covers B26.0-B26.9; 'A06.0' only amoebic dysentery). */
  icd10: readonly string[];
  /** Cases (persons) in one unit within `windowDays` consecutive days that make a cluster. */
  minCases: number;
  windowDays: number;
}

export interface ClusterThresholds {
  /** First day the table applies (YYYY-MM-DD). */
  effectiveFrom: string;
  source: string;
  rules: readonly ClusterRule[];
}

const WEEK = 7;

// The unit is the village (the residence we know of every matched case); the standard's "school" is not known from
// visits or cards, so a school outbreak shows up as its pupils' villages. Death criteria (e.g. dysentery ≥2 deaths) and
// influenza-like illness (a syndrome, not a diagnosis) are not checked here.
export const CLUSTER_THRESHOLDS: readonly ClusterThresholds[] = [
  {
    effectiveFrom: '2006-01-01',
    source: '国家突发公共卫生事件相关信息报告管理工作规范（试行）[S]',
    rules: [
      { key: 'plague', name: '鼠疫', icd10: ['A20'], minCases: 1, windowDays: 1 },
      { key: 'cholera', name: '霍乱', icd10: ['A00'], minCases: 1, windowDays: 1 },
      { key: 'sars', name: '传染性非典型肺炎', icd10: ['U04'], minCases: 1, windowDays: 1 },
      { key: 'avian_flu', name: '人感染高致病性禽流感', icd10: ['J09'], minCases: 1, windowDays: 1 },
      { key: 'hepatitis_a_e', name: '甲肝/戊肝', icd10: ['B15', 'B17.2'], minCases: 5, windowDays: WEEK },
      { key: 'dysentery', name: '痢疾', icd10: ['A03', 'A06.0'], minCases: 10, windowDays: 3 },
      { key: 'measles', name: '麻疹', icd10: ['B05'], minCases: 10, windowDays: WEEK },
      { key: 'meningococcal', name: '流行性脑脊髓膜炎', icd10: ['A39.0'], minCases: 3, windowDays: 3 },
      { key: 'mumps', name: '流行性腮腺炎', icd10: ['B26'], minCases: 10, windowDays: WEEK },
      { key: 'scarlet_fever', name: '猩红热', icd10: ['A38'], minCases: 10, windowDays: WEEK },
      { key: 'varicella', name: '水痘', icd10: ['B01'], minCases: 10, windowDays: WEEK },
      { key: 'other_diarrhoea', name: '其他感染性腹泻病', icd10: ['A09.0'], minCases: 20, windowDays: WEEK },
    ],
  },
];

/** The threshold table in force on a day; undefined before the first one. */
export function thresholdsOn(date: string, tables: readonly ClusterThresholds[] = CLUSTER_THRESHOLDS): ClusterThresholds | undefined {
  return [...tables].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).find((t) => t.effectiveFrom <= date);
}

/** The rule a diagnosis counts for, by the longest matching code prefix. */
export function ruleForCode(rules: readonly ClusterRule[], icd10: string): ClusterRule | undefined {
  let best: { rule: ClusterRule; length: number } | undefined;
  for (const rule of rules) {
    for (const code of rule.icd10) {
      if (icd10.startsWith(code) && code.length > (best?.length ?? 0)) best = { rule, length: code.length };
    }
  }
  return best?.rule;
}
