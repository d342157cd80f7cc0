import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import { auditChainHash, auditContentHash, legacyAuditHash, type AuditContent } from './audit-log.ts';

export interface AuditProblem {
  seq: number;
  problem: 'edited' | 'deleted' | 'broken_link' | 'head_mismatch';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: AuditProblem[];
}

const PAGE = 5000;

type ChainedRow = AuditContent & { seq: number; prev_hash: string; hash: string; content_hash: string | null };

/** Whether a row still says what it said when chained: its content and link (or, before 0004, everything) hash the same. */
function intact(row: ChainedRow): boolean {
  if (row.content_hash === null) return legacyAuditHash(row) === row.hash;
  return auditContentHash(row) === row.content_hash && auditChainHash(row.prev_hash, row.seq, row.content_hash) === row.hash;
}

/**
 * Walks the chain in seq order. An edited row no longer matches its own hash; a deleted row
 * leaves a gap in seq (seq is assigned under the head lock at commit, so gaps never happen otherwise);
 * a deleted tail leaves audit_head pointing past the last row.
 */
export async function verifyAuditLog(db: Kysely<Database>): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = '';
  let rows = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE).execute();
    for (const row of page) {
      rows++;
      if (row.seq !== expectedSeq) {
        const missing = row.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}–${row.seq - 1}`;
        problems.push({ seq: expectedSeq, problem: 'deleted', message: `第 ${missing} 条审计记录缺失（被删除）` });
      } else if (row.prev_hash !== prevHash) {
        problems.push({ seq: row.seq, problem: 'broken_link', message: `第 ${row.seq} 条审计记录的前序哈希与上一条不符` });
      }
      if (!intact({ ...row, at: new Date(row.at) })) {
        problems.push({ seq: row.seq, problem: 'edited', message: `第 ${row.seq} 条审计记录内容被改动（${row.entity} ${row.entity_id ?? ''}）` });
      }
      expectedSeq = row.seq + 1;
      prevHash = row.hash;
    }
    if (page.length < PAGE) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    const headSeq = head?.seq ?? 0;
    const message =
      headSeq > expectedSeq - 1
        ? `第 ${expectedSeq}–${headSeq} 条审计记录缺失（末尾被删除）`
        : `审计链头（第 ${headSeq} 条）与最后一条记录（第 ${expectedSeq - 1} 条）不符`;
    problems.push({ seq: Math.max(expectedSeq, 1), problem: 'head_mismatch', message });
  }
  return { ok: problems.length === 0, rows, problems };
}
