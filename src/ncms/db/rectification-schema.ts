import type { ColumnType, Generated } from 'kysely';
import type { DateString, DefaultedTimestamp, Timestamp } from '../../core/db/schema.ts';

export type FindingSeverity = 'general' | 'serious' | 'critical';
export type FindingStatus = 'pending' | 'in_progress' | 'submitted' | 'returned' | 'closed';
export type FindingUnitKind = 'township' | 'institution';
export type FindingEventKind = 'created' | 'assigned' | 'progress' | 'submitted' | 'closed' | 'returned';

export interface NcmsAuditTable {
  id: Generated<number>;
  title: string;
  auditor: string;
  report_no: string | null;
  audited_on: DateString;
  created_by: number | null;
  created_by_name: string;
  created_at: DefaultedTimestamp;
}

export interface NcmsAuditFindingTable {
  id: Generated<number>;
  audit_id: number;
  number: number;
  text: string;
  category: string;
  severity: FindingSeverity;
  status: ColumnType<FindingStatus, FindingStatus | undefined, FindingStatus>;
  unit_kind: FindingUnitKind | null;
  township_id: number | null;
  institution_id: number | null;
  unit_name: string | null;
  unit_area_id: number | null;
  deadline: DateString | null;
  closed_at: Timestamp | null;
  updated_at: DefaultedTimestamp;
}

export interface NcmsFindingEventTable {
  id: Generated<number>;
  finding_id: number;
  kind: FindingEventKind;
  note: ColumnType<string, string | undefined, string>;
  actor_id: number | null;
  actor_name: string;
  at: DefaultedTimestamp;
}

export interface NcmsFindingEvidenceTable {
  id: Generated<number>;
  event_id: number;
  finding_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
}

// Tables of NCMS 审计整改 (rectification).
export interface RectificationTables {
  ncms_audit: NcmsAuditTable;
  ncms_audit_finding: NcmsAuditFindingTable;
  ncms_finding_event: NcmsFindingEventTable;
  ncms_finding_evidence: NcmsFindingEvidenceTable;
}
