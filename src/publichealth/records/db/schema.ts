import type { ColumnType, Generated } from 'kysely';
import type { DateString, DefaultedTimestamp } from '../../../core/db/schema.ts';

export type RecordMedium = 'electronic' | 'paper';

export interface HealthRecordTable {
  id: Generated<number>;
  person_id: number;
  record_no: string;
  medium: ColumnType<RecordMedium, RecordMedium | undefined, RecordMedium>;
  created_on: DateString;
  institution_id: number | null;
  institution_name: string | null;
  responsible_doctor: string | null;
  basic_info: ColumnType<unknown, string | undefined, string>; // jsonb, written as JSON text
  missing_items: ColumnType<string[], string[] | undefined, string[]>;
  version: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_by_name: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface HealthRecordCounterTable {
  village_code: string;
  last_seq: number;
}

export interface HealthRecordVersionTable {
  id: Generated<number>;
  record_id: number;
  version: number;
  sections: string[];
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string, never>;
  changed_by: number | null;
  changed_by_name: string;
  changed_at: DefaultedTimestamp;
}

export interface HealthCheckTable {
  id: Generated<number>;
  record_id: number;
  person_id: number;
  checked_on: DateString;
  institution_id: number | null;
  institution_name: string | null;
  doctor: string;
  systolic: number | null;
  diastolic: number | null;
  height_cm: number | null;
  weight_kg: number | null;
  conclusion: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_by_name: string;
  created_at: DefaultedTimestamp;
}

/** Tables of the health records module (居民健康档案). */
export interface RecordsTables {
  health_check: HealthCheckTable;
  health_record: HealthRecordTable;
  health_record_counter: HealthRecordCounterTable;
  health_record_version: HealthRecordVersionTable;
}
