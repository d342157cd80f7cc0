/** The filters of the 健康档案名单 (pure data, also used by the web app). */
export const RECORD_LIST_STATUSES = {
  with: '已建档',
  without: '未建档',
  incomplete: '档案不完整',
  unused: '期内无动态记录',
} as const;
export type RecordListStatus = keyof typeof RECORD_LIST_STATUSES;
export const RECORD_LIST_STATUS_CODES = Object.keys(RECORD_LIST_STATUSES) as [RecordListStatus, ...RecordListStatus[]];
