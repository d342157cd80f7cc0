import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { DateString, DefaultedTimestamp, Timestamp } from '../../../core/db/schema.ts';

// Tables of 就诊数据接入 (intake), migration 0001_visits.sql.

/** How a visit was tied to a resident: exact ID number, name + birth date + village, by hand, or not yet. */
export type VisitMatchMethod = 'id_number' | 'name_birth_village' | 'manual' | 'unmatched';
/** api: sent by a hospital information system with an API key; file: a CSV / Excel file imported through the web. */
export type VisitSource = 'api' | 'file';

/** An institution's API key; only its SHA-256 is stored. */
export interface DiseaseApiKeyTable {
  id: Generated<number>;
  institution_id: number;
  key_hash: string;
  key_prefix: string;
  label: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
  created_by: number | null;
  created_by_name: string;
  revoked_at: Timestamp | null;
  revoked_by_name: string | null;
  last_used_at: Timestamp | null;
}

/** One accepted batch (API call or imported file); a refused batch writes nothing. */
export interface DiseaseVisitBatchTable {
  id: Generated<number>;
  institution_id: number;
  source: VisitSource;
  api_key_id: number | null;
  file_name: string | null;
  received_by: number | null;
  received_by_name: string;
  visits_new: number;
  visits_repeated: number;
  received_at: DefaultedTimestamp;
}

/** A visit (就诊); visited_at is the time of the visit and of diagnosis. Unique (institution_id, sender_visit_id). */
export interface DiseaseVisitTable {
  id: Generated<number>;
  institution_id: number;
  sender_visit_id: string;
  batch_id: number;
  content_hash: string;
  /** null = not matched to a resident (match_method 'unmatched'). */
  person_id: number | null;
  match_method: VisitMatchMethod;
  patient_name: string;
  id_number: string | null;
  birth_date: DateString | null;
  sex: 'M' | 'F' | null;
  address: string | null;
  /** The matched resident's village; null while unmatched. */
  residence_area_id: number | null;
  department: string | null;
  visited_at: Timestamp;
  source: VisitSource;
  received_at: DefaultedTimestamp;
  linked_by_name: string | null;
  linked_at: Timestamp | null;
}

/** A diagnosis of a visit; seq 1 is the principal diagnosis. icd10 is normalised ('B26.9'); category its first 3 characters. */
export interface DiseaseVisitDiagnosisTable {
  visit_id: number;
  seq: number;
  icd10: string;
  category: GeneratedAlways<string>;
}

/** Visits per Shanghai day, institution, residence village (null = unmatched) and principal category (0004). */
export interface DiseaseVisitRollupTable {
  day: DateString;
  institution_id: number;
  residence_area_id: number | null;
  category: string;
  visits: number;
}

export interface VisitTables {
  disease_api_key: DiseaseApiKeyTable;
  disease_visit_batch: DiseaseVisitBatchTable;
  disease_visit: DiseaseVisitTable;
  disease_visit_diagnosis: DiseaseVisitDiagnosisTable;
  disease_visit_rollup: DiseaseVisitRollupTable;
}
