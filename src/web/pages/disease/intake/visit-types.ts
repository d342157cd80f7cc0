// What the visit intake API answers (src/publichealth/disease/intake/routes.ts).

export type MatchMethod = 'id_number' | 'name_birth_village' | 'manual' | 'unmatched';

export const MATCH_METHOD: Record<MatchMethod, { name: string; color: string }> = {
  id_number: { name: '身份证号', color: 'green' },
  name_birth_village: { name: '姓名+出生日期+村', color: 'blue' },
  manual: { name: '人工关联', color: 'purple' },
  unmatched: { name: '未匹配', color: 'orange' },
};

export interface VisitRow {
  id: number;
  institutionId: number;
  institutionName: string;
  visitId: string;
  patientName: string;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  address: string | null;
  personId: number | null;
  matchMethod: MatchMethod;
  residenceAreaName: string | null;
  department: string | null;
  visitedAt: string;
  source: 'api' | 'file';
  receivedAt: string;
  diagnoses: Array<{ code: string; name: string }>;
}

export interface ReceiveResult {
  batchId: number;
  received: number;
  repeated: number;
  matched: number;
  unmatched: number;
  visits: Array<{ visitId: string; row?: number; status: 'new' | 'repeated'; matchMethod: MatchMethod }>;
}

export interface ApiKeyRow {
  id: number;
  institutionId: number;
  institutionName: string;
  keyPrefix: string;
  label: string;
  createdAt: string;
  createdByName: string;
  revokedAt: string | null;
  revokedByName: string | null;
  lastUsedAt: string | null;
}
