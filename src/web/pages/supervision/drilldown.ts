import { allowed } from '../../auth/permissions.ts';
import type { Permission } from '../../auth/permissions.ts';

/**
 * From an area's figures to the records behind them: the owning module's list page filtered by the area (and the
 * period's days where the page takes dates), chosen by the indicators' code prefix and the row's level. Shown only
 * to roles the page would answer (the server checks again and keeps to the reader's scope).
 */
interface Days {
  from: string;
  to: string;
}
const RECORD_PAGES: Array<{ prefix: string; label: string; levels: Array<'township' | 'village'>; permission: Permission; href: (areaId: number, days: Days) => string }> = [
  { prefix: 'ncms_enrollment', label: '参合名单', levels: ['village'], permission: 'ncms.read', href: (id, d) => `/ncms/enrollment/villages/${id}?year=${d.to.slice(0, 4)}` },
  { prefix: 'nip_', label: '漏种名单', levels: ['village'], permission: 'immunization.read', href: (id) => `/immunization/lists?areaId=${id}&tab=overdue` },
  // The records' status as of the period's end (their indicators are stocks: the last month's end).
  { prefix: 'record_', label: '档案名单', levels: ['village', 'township'], permission: 'records.read', href: (id, d) => `/records/list?areaId=${id}&to=${d.to}` },
  { prefix: 'disease_', label: '报告卡', levels: ['township'], permission: 'disease.read', href: (id, d) => `/disease/cards?areaId=${id}&from=${d.from}&to=${d.to}` },
  // As the indicator counts: settled admissions (住院、住院分娩) discharged in the period at the township's health
  // centre and village clinics (where the settling institution stands, not where the patient lives).
  { prefix: 'ncms_inpatient_compensation', label: '报销单据', levels: ['township'], permission: 'ncms.read', href: (id, d) => `/ncms/claims?institutionAreaId=${id}&kind=inpatient,delivery&status=settled&from=${d.from}&to=${d.to}` },
];

/** The first and last day of a period's months (2026-01 .. 2026-06 → 2026-01-01 .. 2026-06-30). */
export function periodDays(from: string, to: string): Days {
  const [y, m] = to.split('-').map(Number) as [number, number];
  return { from: `${from}-01`, to: `${to}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}

export function recordLinks(role: string, row: { areaId: number; level: string }, days: Days, indicators: readonly string[]) {
  return RECORD_PAGES.filter((p) => p.levels.some((l) => l === row.level) && allowed(role, p.permission) && indicators.some((code) => code.startsWith(p.prefix))).map((p) => ({ label: p.label, href: p.href(row.areaId, days) }));
}

/** The township table of a month (and a township's villages): where every dashboard figure leads. */
export const valuesHref = (month: string, townshipId?: number) => `/supervision/values?month=${month}${townshipId === undefined ? '' : `&townshipId=${townshipId}`}`;
