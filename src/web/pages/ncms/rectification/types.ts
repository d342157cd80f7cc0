// The 审计整改 API's shapes, from the server's own service types (type-only: no server code reaches the bundle).
export type { AuditView, FindingSummary, FindingView, FindingEventView } from '../../../../ncms/rectification/findings.ts';
export type { FindingStatus, FindingSeverity } from '../../../../ncms/db/rectification-schema.ts';
export { CATEGORIES, SEVERITIES, STATUSES, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../../../../ncms/rectification/vocabulary.ts';

export const STATUS_COLORS: Record<string, string> = { pending: 'default', in_progress: 'processing', submitted: 'gold', returned: 'red', closed: 'green' };
export const SEVERITY_COLORS: Record<string, string> = { general: 'default', serious: 'orange', critical: 'red' };
