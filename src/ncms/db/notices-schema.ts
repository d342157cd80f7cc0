import type { ColumnType, Generated } from 'kysely';
import type { DefaultedTimestamp, Timestamp } from '../../core/db/schema.ts';

export type NoticeJobStatus = 'running' | 'done' | 'failed';

export interface NcmsNoticeTable {
  id: Generated<number>;
  area_id: number;
  month: string;
  version: number;
  content: ColumnType<unknown, string, never>; // json text in, parsed out
  content_hash: string;
  claim_count: number;
  total_fen: number;
  pay_fen: number;
  correction_reason: string | null;
  published_by: number | null;
  published_by_name: string;
  published_at: DefaultedTimestamp;
}

export interface NcmsNoticeJobTable {
  id: Generated<number>;
  area_id: number;
  month: string;
  status: ColumnType<NoticeJobStatus, NoticeJobStatus | undefined, NoticeJobStatus>;
  total: ColumnType<number, number | undefined, number>;
  done: ColumnType<number, number | undefined, number>;
  published: ColumnType<number, number | undefined, number>;
  already: ColumnType<number, number | undefined, number>;
  empty: ColumnType<number, number | undefined, number>;
  error: string | null;
  started_by: number | null;
  started_by_name: string;
  started_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
}

// Tables of NCMS 村级公示 (notices).
export interface NoticeTables {
  ncms_notice: NcmsNoticeTable;
  ncms_notice_job: NcmsNoticeJobTable;
}
