// Tables of NCMS 监测与预警 (monitoring), migration 0008_monitoring.sql.
import type { ColumnType, Generated } from 'kysely';
import type { DefaultedTimestamp, Timestamp } from '../../core/db/schema.ts';

export type AlertStatus = 'open' | 'closed';
export type AlertOutcome = 'confirmed' | 'explained' | 'false_alarm';

export interface NcmsCostTargetTable {
  institution_id: number;
  year: number;
  avg_inpatient_fen: number;
  set_by: number | null;
  set_by_name: string;
  updated_at: DefaultedTimestamp;
}

export interface NcmsMonitoringRuleTable {
  code: string;
  params: unknown;
  updated_by_name: ColumnType<string, string | undefined, string>;
  updated_at: DefaultedTimestamp;
}

export interface NcmsAlertTable {
  id: Generated<number>;
  rule: string;
  key: string;
  month: string;
  institution_id: number | null;
  person_id: number | null;
  summary: string;
  figures: unknown;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  outcome: AlertOutcome | null;
  finding: string | null;
  closed_by: number | null;
  closed_by_name: string | null;
  closed_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface NcmsAlertClaimTable {
  alert_id: number;
  claim_id: number;
}

export interface MonitoringTables {
  ncms_cost_target: NcmsCostTargetTable;
  ncms_monitoring_rule: NcmsMonitoringRuleTable;
  ncms_alert: NcmsAlertTable;
  ncms_alert_claim: NcmsAlertClaimTable;
}
