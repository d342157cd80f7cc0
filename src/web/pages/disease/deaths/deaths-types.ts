// Answers of the deaths, rankings and clusters API (src/publichealth/disease/deaths/routes.ts and siblings).
// The cluster shapes come from the server's own types (type-only: no server code reaches the bundle).
import type { ClusterCase, ClusterSummary } from '../../../../publichealth/disease/clusters/clusters.ts';

export interface DeathItem {
  id: number;
  personId: number;
  personName: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaName: string;
  deathDate: string;
  place: string;
  underlyingIcd10: string;
  underlyingCause: string;
  institutionName: string | null;
  registeredByName: string;
  registeredAt: string;
}

export interface ExpectedFigures {
  population: number;
  expected: number;
  registered: number;
  ratio: number | null;
  underReporting: boolean;
}

export interface ExpectedAnswer {
  from: string;
  to: string;
  perMille: number;
  underReportShare: number;
  source: string;
  definition: string;
  townships: Array<ExpectedFigures & { areaId: number; code: string; name: string }>;
  total: ExpectedFigures;
}

export interface RankingAnswer {
  from: string;
  to: string;
  subject: string;
  definition: string;
  by: 'category' | 'chapter';
  total: number;
  others: number;
  rows: Array<{ rank: number; code: string; name: string; count: number; share: number }>;
}

export type { ClusterSummary as ClusterItem } from '../../../../publichealth/disease/clusters/clusters.ts';
export type ClusterDetail = ClusterSummary & { cases: ClusterCase[] };

export const DEATH_PLACES: Record<string, string> = {
  hospital: '医疗卫生机构',
  transit: '来院途中',
  home: '家中',
  care_home: '养老服务机构',
  other: '其他场所',
  unknown: '不详',
};

export const percent = (share: number | null | undefined) => (share == null ? '—' : `${(share * 100).toFixed(1)}%`);
