// What the visit intake API answers (src/publichealth/disease/intake/routes.ts), from the server's own types
// (type-only: no server code reaches the bundle).
import type { VisitMatchMethod as MatchMethod } from '../../../../publichealth/disease/db/intake-schema.ts';
import type { VisitRow as ServerVisitRow } from '../../../../publichealth/disease/intake/visit-lists.ts';
import type { ApiKeySummary } from '../../../../publichealth/disease/intake/api-keys.ts';

export type { MatchMethod };
export type { ReceiveResult } from '../../../../publichealth/disease/intake/receive-visits.ts';

export const MATCH_METHOD: Record<MatchMethod, { name: string; color: string }> = {
  id_number: { name: '身份证号', color: 'green' },
  name_birth_village: { name: '姓名+出生日期+村', color: 'blue' },
  manual: { name: '人工关联', color: 'purple' },
  unmatched: { name: '未匹配', color: 'orange' },
};

/** The list's row as JSON carries it: the server's Dates arrive as ISO strings. */
export type VisitRow = Omit<ServerVisitRow, 'visitedAt' | 'receivedAt'> & { visitedAt: string; receivedAt: string };

/** An API key as JSON carries it: the server's Dates arrive as ISO strings. */
export type ApiKeyRow = Omit<ApiKeySummary, 'createdAt' | 'revokedAt' | 'lastUsedAt'> & { createdAt: string; revokedAt: string | null; lastUsedAt: string | null };
