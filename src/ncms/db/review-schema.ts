// Tables of NCMS 审核 (review): migrations/0007_review.sql.
import type { ColumnType, Generated } from 'kysely';
import type { DateString, DefaultedTimestamp } from '../../core/db/schema.ts';

export type ReviewStatus = 'open' | 'approved' | 'adjusted' | 'rejected';
export type ReviewDecisionKind = Exclude<ReviewStatus, 'open'>;

export interface NcmsReviewRulesTable {
  id: Generated<number>;
  pool: string;
  year: number;
  version: number;
  document: unknown;
  note: string | null;
  saved_by: number | null;
  saved_by_name: string;
  saved_at: DefaultedTimestamp;
}

export interface NcmsReviewRunTable {
  id: Generated<number>;
  pool: string;
  year: number;
  month: number;
  rules_id: number;
  considered: number;
  selected: number;
  already: number;
  by_rule: unknown;
  run_by: number | null;
  run_by_name: string;
  run_at: DefaultedTimestamp;
}

export interface NcmsReviewItemTable {
  id: Generated<number>;
  claim_id: number;
  run_id: number;
  pool: string;
  year: number;
  month: number;
  institution_id: number;
  area_id: number;
  reasons: unknown;
  status: ColumnType<ReviewStatus, ReviewStatus | undefined, ReviewStatus>;
  assigned_to: number | null;
  assigned_to_name: string | null;
  assigned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  settled_pay_fen: number;
  pay_fen: number | null;
  deducted_fen: ColumnType<number, number | undefined, number>;
  decision_id: number | null;
  created_at: DefaultedTimestamp;
}

export interface NcmsReviewDecisionTable {
  id: Generated<number>;
  item_id: number;
  decision: ReviewDecisionKind;
  pay_fen: number;
  deducted_fen: number;
  posted_fen: number;
  booked_on: DateString;
  reason: string | null;
  corrects: number | null;
  decided_by: number | null;
  decided_by_name: string;
  decided_at: DefaultedTimestamp;
}

export interface ReviewTables {
  ncms_review_rules: NcmsReviewRulesTable;
  ncms_review_run: NcmsReviewRunTable;
  ncms_review_item: NcmsReviewItemTable;
  ncms_review_decision: NcmsReviewDecisionTable;
}
