// The 村级公示 API's shapes, from the server's own service types (type-only: no server code reaches the bundle).
export type { BoardRow, NoticeView } from '../../../../ncms/notices/notices.ts';
export type { NoticeContent, NoticeRow } from '../../../../ncms/notices/notice-content.ts';
export type { NoticeJobView } from '../../../../ncms/notices/notice-job.ts';

/** The month before today's (Shanghai): the last one a notice can be published for. */
export function lastCompleteMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
