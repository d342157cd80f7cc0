// The monitoring API's shapes, from the server's own service types (type-only: no server code reaches the bundle).
export type { MonthIndicators, InstitutionIndicators, TrendPoint, IndicatorClaim } from '../../../../ncms/monitoring/indicator-service.ts';
export type { AlertSummary, AlertClaim } from '../../../../ncms/monitoring/alerts.ts';
export type { RuleView } from '../../../../ncms/monitoring/rule-config.ts';
export type { MonitoringRunResult } from '../../../../ncms/monitoring/monitoring-run.ts';
export type { CostTarget } from '../../../../ncms/monitoring/cost-targets.ts';
export type { FundEarlyWarning } from '../../../../ncms/fund/early-warning-report.ts';
export type { Figures } from '../../../../ncms/monitoring/indicators.ts';
