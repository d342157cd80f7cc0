import type { Generated } from 'kysely';
import type { DateString, DefaultedTimestamp, Timestamp } from '../../../core/db/schema.ts';

export type DeathPlace = 'hospital' | 'transit' | 'home' | 'care_home' | 'other' | 'unknown';

export interface DiseaseDeathTable {
  id: Generated<number>;
  person_id: number;
  area_id: number;
  death_date: DateString;
  place: DeathPlace;
  underlying_icd10: string;
  cause_a: string | null;
  cause_b: string | null;
  cause_c: string | null;
  cause_d: string | null;
  institution_id: number | null;
  registered_by: number | null;
  registered_by_name: string;
  registered_at: DefaultedTimestamp;
}

export type ClusterStatus = 'open' | 'closed';

export interface DiseaseClusterTable {
  id: Generated<number>;
  rule_key: string;
  rules_from: DateString;
  disease_name: string;
  area_id: number;
  first_date: DateString;
  last_date: DateString;
  case_count: number;
  status: Generated<ClusterStatus>;
  opened_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  closed_at: Timestamp | null;
  closed_by_name: string | null;
  finding: string | null;
}

export type CaseSource = 'visit' | 'card';

export interface DiseaseClusterCaseTable {
  cluster_id: number;
  source: CaseSource;
  source_id: number;
  person_key: string;
  case_date: DateString;
  icd10: string;
}

// Tables of 死亡登记、聚集性疫情与疾病谱 (deaths, clusters).
export interface DeathTables {
  disease_death: DiseaseDeathTable;
  disease_cluster: DiseaseClusterTable;
  disease_cluster_case: DiseaseClusterCaseTable;
}
