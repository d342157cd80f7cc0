import type { ColumnType, Generated } from 'kysely';
import type { DateString, DefaultedTimestamp, Timestamp } from '../../core/db/schema.ts';

export type SchemeStatus = 'draft' | 'active' | 'retired';
export type Payer = 'individual' | 'government' | 'other';

export interface NcmsSchemeTable {
  id: Generated<number>;
  pool: string;
  year: number;
  version: number;
  status: ColumnType<SchemeStatus, SchemeStatus | undefined, SchemeStatus>;
  document: unknown;
  note: string | null;
  created_by: number | null;
  created_by_name: string;
  created_at: DefaultedTimestamp;
  activated_by: number | null;
  activated_by_name: string | null;
  activated_at: Timestamp | null;
  retired_at: Timestamp | null;
}

export interface NcmsContributionCategoryTable {
  code: string;
  name: string;
  payer: Payer;
  payer_name: string;
  sort: number;
}

export interface NcmsEnrollmentTargetTable {
  year: number;
  target_ppm: number;
  set_by_name: string;
  updated_at: DefaultedTimestamp;
}

export interface NcmsEnrollmentTable {
  id: Generated<number>;
  person_id: number;
  household_id: number;
  area_id: number;
  year: number;
  category: string;
  amount_fen: number;
  payer: Payer;
  scheme_id: number;
  receipt_no: string | null;
  collected_on: DateString;
  collected_by: number | null;
  collected_by_name: string;
  request_id: string | null;
  created_at: DefaultedTimestamp;
}

export interface NcmsEnrollmentRequestTable {
  request_id: string;
  payload_hash: string;
  result: unknown;
  created_at: DefaultedTimestamp;
}

export interface NcmsTables {
  ncms_scheme: NcmsSchemeTable;
  ncms_contribution_category: NcmsContributionCategoryTable;
  ncms_enrollment_target: NcmsEnrollmentTargetTable;
  ncms_enrollment: NcmsEnrollmentTable;
  ncms_enrollment_request: NcmsEnrollmentRequestTable;
}
