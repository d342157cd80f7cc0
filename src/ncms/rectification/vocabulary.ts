/** Audit rectification (审计整改) vocabularies in Chinese and the status rules, as data. */
import type { FindingEventKind, FindingSeverity, FindingStatus } from '../db/rectification-schema.ts';

export const SEVERITIES: Record<FindingSeverity, string> = { general: '一般', serious: '较重', critical: '严重' };
export const SEVERITY_CODES = Object.keys(SEVERITIES) as [FindingSeverity, ...FindingSeverity[]];

/** Categories of the provincial NCMS audit's findings; free text is refused so that counts by category add up. */
export const CATEGORIES = ['基金管理', '参合管理', '补偿管理', '定点机构监管', '财务管理', '信息系统', '其他'] as const;

export const STATUSES: Record<FindingStatus, string> = {
  pending: '待分派',
  in_progress: '整改中',
  submitted: '待验收',
  returned: '退回重改',
  closed: '已销号',
};
export const STATUS_CODES = Object.keys(STATUSES) as [FindingStatus, ...FindingStatus[]];

export const EVENT_NAMES: Record<FindingEventKind, string> = {
  created: '登记问题',
  assigned: '分派整改',
  progress: '报送进展',
  submitted: '申请销号',
  closed: '验收销号',
  returned: '退回重改',
};

export type FindingAction = 'assign' | 'progress' | 'submit' | 'close' | 'return';

/** From which statuses each action is allowed, and the status it leaves (null: unchanged). */
export const TRANSITIONS: Record<FindingAction, { from: readonly FindingStatus[]; to: FindingStatus | null; refused: string }> = {
  assign: { from: ['pending', 'in_progress', 'returned'], to: null, refused: '已申请销号或已销号的问题不能改派' },
  progress: { from: ['in_progress', 'returned'], to: 'in_progress', refused: '只有整改中或被退回的问题可以报送进展' },
  submit: { from: ['in_progress', 'returned'], to: 'submitted', refused: '只有整改中或被退回的问题可以申请销号' },
  close: { from: ['submitted'], to: 'closed', refused: '只有已申请销号的问题可以验收销号' },
  return: { from: ['submitted'], to: 'returned', refused: '只有已申请销号的问题可以退回' },
};

/** A finding is overdue when it is not closed and its deadline (a Shanghai date) has passed. */
export const isOverdue = (f: { status: FindingStatus; deadline: string | null }, today: string) => f.status !== 'closed' && f.deadline !== null && f.deadline < today;

/** Evidence limits: files are kept in the database, so they stay small. */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
