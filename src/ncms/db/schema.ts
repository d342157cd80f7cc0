import type { ColumnType, Generated } from 'kysely';
import type { DateString, DefaultedTimestamp, Timestamp } from '../../core/db/schema.ts';
import type { ReviewTables } from './review-schema.ts';
import type { MonitoringTables } from './monitoring-schema.ts';
import type { NoticeTables } from './notices-schema.ts';
import type { RectificationTables } from './rectification-schema.ts';

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

export interface NcmsFundTransactionTable {
  id: Generated<number>;
  pool: string;
  year: number;
  date: DateString;
  kind: string;
  reference_type: string;
  reference_id: string;
  memo: string;
  created_by: number | null;
  created_by_name: string;
  created_at: DefaultedTimestamp;
}

export interface NcmsFundLineTable {
  id: Generated<number>;
  transaction_id: number;
  account: string;
  debit_fen: number;
  credit_fen: number;
  institution_id: number | null;
  source: string | null;
}

export interface NcmsFundBalanceTable {
  id: Generated<number>;
  pool: string;
  year: number;
  account: string;
  institution_id: number | null;
  source: string | null;
  debit_fen: ColumnType<number, number | undefined, number>;
  credit_fen: ColumnType<number, number | undefined, number>;
  updated_at: DefaultedTimestamp;
}

export interface NcmsFundMonthTable {
  id: Generated<number>;
  pool: string;
  year: number;
  month: number;
  account: string;
  institution_id: number | null;
  source: string | null;
  kind: string;
  debit_fen: number;
  credit_fen: number;
  lines: number;
}

export interface NcmsFundSubsidySplitTable {
  pool: string;
  year: number;
  source: string;
  amount_fen: number;
  set_by_name: string;
  updated_at: DefaultedTimestamp;
}

export interface NcmsFundCategorySourceTable {
  category: string;
  source: string;
}

export type ClaimKind = 'outpatient' | 'inpatient' | 'chronic' | 'delivery';
export type ClaimStatus = 'open' | 'settled' | 'rejected' | 'reversed';
export type ClaimLevel = 'village' | 'township' | 'county' | 'outside';
export type ClaimLineCategory = 'drug' | 'exam' | 'treatment' | 'bed' | 'material' | 'other';
export type YearToDateBucket = 'outpatient' | 'chronic' | 'inpatient' | 'major';

export interface NcmsClaimTable {
  id: Generated<number>;
  claim_no: ColumnType<string, never, never>;
  institution_id: number;
  institution_name: string;
  level: ClaimLevel;
  person_id: number;
  person_name: string;
  id_number_masked: string | null;
  area_id: number;
  area_code: string;
  kind: ClaimKind;
  admitted_on: DateString;
  discharged_on: DateString | null;
  diagnosis: ColumnType<string, string | undefined, string>;
  referred: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ClaimStatus, ClaimStatus | undefined, ClaimStatus>;
  total_fen: ColumnType<number, number | undefined, number>;
  out_of_catalog_fen: ColumnType<number, number | undefined, number>;
  line_count: ColumnType<number, number | undefined, number>;
  year: number | null;
  scheme_id: number | null;
  eligible_fen: number | null;
  deductible_fen: number | null;
  ratio_ppm: number | null;
  pay_fen: number | null;
  self_pay_fen: number | null;
  capped: string | null;
  bucket: YearToDateBucket | null;
  reason: string | null;
  caps: unknown;
  registered_by: number | null;
  registered_by_name: string;
  registered_at: DefaultedTimestamp;
  settled_by: number | null;
  settled_by_name: string | null;
  settled_at: Timestamp | null;
}

export interface NcmsClaimLineTable {
  id: Generated<number>;
  claim_id: number;
  name: string;
  category: ClaimLineCategory;
  in_catalog: boolean;
  quantity: ColumnType<string, string | number, string | number>; // numeric(12,2), read as text
  unit_price_fen: number;
  amount_fen: number;
  created_at: DefaultedTimestamp;
}

export interface NcmsYearToDateTable {
  person_id: number;
  year: number;
  outpatient_fen: ColumnType<number, number | undefined, number>;
  chronic_fen: ColumnType<number, number | undefined, number>;
  inpatient_fen: ColumnType<number, number | undefined, number>;
  major_fen: ColumnType<number, number | undefined, number>;
  updated_at: DefaultedTimestamp;
}

export interface NcmsClaimReversalTable {
  id: Generated<number>;
  claim_id: number;
  reason: string;
  pay_fen: number;
  bucket: YearToDateBucket | null;
  year: number;
  reversed_by: number | null;
  reversed_by_name: string;
  reversed_at: DefaultedTimestamp;
}

export interface NcmsClaimRequestTable {
  request_id: string;
  payload_hash: string;
  result: unknown;
  created_at: DefaultedTimestamp;
}

export type CardStatus = 'valid' | 'void';

export interface NcmsCardNumberTable {
  household_id: number;
  area_code: string;
  seq: number;
  card_no: string;
  created_at: DefaultedTimestamp;
}

export interface NcmsCardMemberTable {
  household_id: number;
  person_id: number;
  member_no: number;
  created_at: DefaultedTimestamp;
}

export interface NcmsCardTable {
  id: Generated<number>;
  household_id: number;
  area_id: number;
  card_no: string;
  version: number;
  status: ColumnType<CardStatus, CardStatus | undefined, CardStatus>;
  year: number;
  issued_on: DateString;
  issued_by: number | null;
  issued_by_name: string;
  void_reason: string | null;
  voided_on: DateString | null;
  voided_by_name: string | null;
  created_at: DefaultedTimestamp;
}

export interface NcmsCardHandoverTable {
  card_id: number;
  handed_on: DateString;
  handed_by: number | null;
  handed_by_name: string;
  receiver_name: string;
  receiver_relation: string;
  note: string | null;
  created_at: DefaultedTimestamp;
}

export interface NcmsTables extends ReviewTables, MonitoringTables, NoticeTables, RectificationTables {
  ncms_scheme: NcmsSchemeTable;
  ncms_contribution_category: NcmsContributionCategoryTable;
  ncms_enrollment_target: NcmsEnrollmentTargetTable;
  ncms_enrollment: NcmsEnrollmentTable;
  ncms_enrollment_request: NcmsEnrollmentRequestTable;
  ncms_claim: NcmsClaimTable;
  ncms_claim_line: NcmsClaimLineTable;
  ncms_year_to_date: NcmsYearToDateTable;
  ncms_claim_reversal: NcmsClaimReversalTable;
  ncms_claim_request: NcmsClaimRequestTable;
  ncms_fund_transaction: NcmsFundTransactionTable;
  ncms_fund_line: NcmsFundLineTable;
  ncms_fund_balance: NcmsFundBalanceTable;
  ncms_fund_month: NcmsFundMonthTable;
  ncms_fund_subsidy_split: NcmsFundSubsidySplitTable;
  ncms_fund_category_source: NcmsFundCategorySourceTable;
  ncms_card_number: NcmsCardNumberTable;
  ncms_card_member: NcmsCardMemberTable;
  ncms_card: NcmsCardTable;
  ncms_card_handover: NcmsCardHandoverTable;
}
