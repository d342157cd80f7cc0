/**
 * 疫情报告率 and 报告及时率 (public-health.md §2), as pure functions over detected cases and cards:
 *   reporting rate = cases reported (on time or late, by any institution) ÷ cases registered in visits whose
 *                    time limit has passed (a case still within its limit is not counted yet);
 *   timely rate    = cards reported within their limit ÷ cards reported (the institution's own cards).
 * A zero denominator gives null, shown as 无数据.
 */
import type { VisitCase } from './missed-detect.ts';

export const RATE_DEFINITIONS = {
  reportingRate: '疫情报告率 = 已报告病例数（含迟报、含他院已报）÷ 就诊登记的法定传染病病例数（已过报告时限的）× 100%',
  timelyRate: '报告及时率 = 在时限内报告的报告卡数 ÷ 报告卡总数 × 100%（甲类及按甲类管理 2 小时，其余 24 小时，自诊断时间起算）',
};

export interface RateRow {
  key: string;
  name: string;
  registered: number;
  reported: number;
  missed: number;
  reportingRate: number | null;
  cards: number;
  onTime: number;
  timelyRate: number | null;
}

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface RateCard {
  institutionId: number;
  onTime: boolean;
}

/** Rows per group (institution or township), named by `groupOf`; cases and cards of unknown institutions are left out. */
export function reportRates(cases: readonly VisitCase[], cards: readonly RateCard[], groupOf: (institutionId: number) => { key: string; name: string } | undefined): RateRow[] {
  const rows = new Map<string, RateRow>();
  const row = (institutionId: number) => {
    const group = groupOf(institutionId);
    if (!group) return undefined;
    let r = rows.get(group.key);
    if (!r) rows.set(group.key, (r = { ...group, registered: 0, reported: 0, missed: 0, reportingRate: null, cards: 0, onTime: 0, timelyRate: null }));
    return r;
  };
  for (const c of cases) {
    if (c.outcome === 'pending') continue;
    const r = row(c.institutionId);
    if (!r) continue;
    r.registered += 1;
    if (c.outcome === 'missed') r.missed += 1;
    else r.reported += 1;
  }
  for (const card of cards) {
    const r = row(card.institutionId);
    if (!r) continue;
    r.cards += 1;
    if (card.onTime) r.onTime += 1;
  }
  return [...rows.values()].map((r) => ({ ...r, reportingRate: rate(r.reported, r.registered), timelyRate: rate(r.onTime, r.cards) })).sort((a, b) => a.key.localeCompare(b.key));
}
