import { allowed } from '../../auth/permissions.ts';
import type { Permission } from '../../auth/permissions.ts';

/**
 * From a village's figures to the records behind them: the module pages that list a village's people, by the
 * indicators' code prefix. Shown only to roles the page would answer (the server checks again).
 */
const VILLAGE_PAGES: Array<{ prefix: string; label: string; permission: Permission; href: (villageId: number, month: string) => string }> = [
  { prefix: 'ncms_enrollment', label: '参合名单', permission: 'ncms.read', href: (id, month) => `/ncms/enrollment/villages/${id}?year=${month.slice(0, 4)}` },
  { prefix: 'nip_', label: '漏种名单', permission: 'immunization.read', href: (id) => `/immunization/lists?areaId=${id}&tab=overdue` },
  { prefix: 'record_', label: '健康档案', permission: 'records.read', href: () => '/records' },
];

export function villageRecordLinks(role: string, villageId: number, month: string, indicators: readonly string[]) {
  return VILLAGE_PAGES.filter((p) => allowed(role, p.permission) && indicators.some((code) => code.startsWith(p.prefix))).map((p) => ({ label: p.label, href: p.href(villageId, month) }));
}

/** The township table of a month (and a township's villages): where every dashboard figure leads. */
export const valuesHref = (month: string, townshipId?: number) => `/supervision/values?month=${month}${townshipId === undefined ? '' : `&townshipId=${townshipId}`}`;
