/**
 * The side-by-side comparison (现行方案 / 拟议方案 / 差额) as rows, and how each figure is written: one list for the
 * terminal table and the web page. Pure, imports types only (the web bundles it).
 */
import type { SchemeOutcome, Share } from './outcome.ts';
import type { SimulationReport } from './simulation.ts';

export type FigureKind = 'money' | 'ratio' | 'count';

export interface ComparisonRow {
  group: string; // 基金 / 补偿支出 / 实际补偿比 / 封顶 / 个人自付
  label: string;
  kind: FigureKind;
  inForce: number | null;
  proposed: number | null;
}

/** Yuan with thousands separators from fen: 12345678 → "123,456.78". */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const countText = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function figureText(kind: FigureKind, value: number | null): string {
  if (value === null) return '—';
  if (kind === 'money') return yuanText(value);
  if (kind === 'ratio') return `${(value * 100).toFixed(2)}%`;
  return countText(value);
}

/** proposed − in force: money and counts signed, ratios in percentage points. */
export function differenceText(row: Pick<ComparisonRow, 'kind' | 'inForce' | 'proposed'>): string {
  if (row.inForce === null || row.proposed === null) return '—';
  const d = row.kind === 'ratio' ? Math.round((row.proposed - row.inForce) * 1_000_000) / 10_000 : row.proposed - row.inForce;
  if (d === 0) return '0';
  const sign = d > 0 ? '+' : '-';
  if (row.kind === 'ratio') return `${sign}${Math.abs(d).toFixed(2)} 个百分点`;
  return sign + (row.kind === 'money' ? yuanText(Math.abs(d)) : countText(Math.abs(d)));
}

/** Rows of lists keyed alike in both outcomes (levels, kinds, caps, buckets), in the in-force order. */
function paired<T>(group: string, a: T[], b: T[], key: (x: T) => string, label: (x: T) => string, kind: FigureKind, value: (x: T) => number | null): ComparisonRow[] {
  return a.map((x) => {
    const y = b.find((z) => key(z) === key(x));
    return { group, label: label(x), kind, inForce: value(x), proposed: y === undefined ? null : value(y) };
  });
}

export function comparisonRows(report: SimulationReport): ComparisonRow[] {
  const a = report.inForce.outcome;
  const b = report.proposed.outcome;
  const row = (group: string, label: string, kind: FigureKind, value: (o: SchemeOutcome) => number | null): ComparisonRow => ({ group, label, kind, inForce: value(a), proposed: value(b) });
  const ratio = (s: Share) => s.ratio;
  return [
    row('基金', '人均筹资', 'money', (o) => o.financing.perPersonFen),
    row('基金', '筹集基金', 'money', (o) => o.raisedFen),
    row('基金', '补偿支出', 'money', (o) => o.paidFen),
    row('基金', '年末当年结余', 'money', (o) => o.balanceFen),
    row('基金', '当年结余率', 'ratio', (o) => o.balanceRate),
    row('基金', '基金使用率', 'ratio', (o) => o.usageRate),
    ...paired('补偿支出', a.byKind, b.byKind, (s) => s.kind, (s) => s.name, 'money', (s) => s.paidFen),
    row('补偿支出', '获得补偿的单据（条）', 'count', (o) => o.paidClaims),
    row('实际补偿比', '全部单据', 'ratio', (o) => o.all.ratio),
    ...paired('实际补偿比', a.inpatientByLevel, b.inpatientByLevel, (s) => s.level, (s) => `住院 ${s.name}`, 'ratio', ratio),
    ...paired('实际补偿比', a.outpatientByLevel, b.outpatientByLevel, (s) => s.level, (s) => `门诊 ${s.name}`, 'ratio', ratio),
    ...paired('封顶人数', a.caps, b.caps, (c) => c.cap, (c) => c.name, 'count', (c) => c.persons),
    row('个人自付', '人均', 'money', (o) => o.selfPay.meanFen),
    row('个人自付', '中位数', 'money', (o) => o.selfPay.p50Fen),
    row('个人自付', '90% 的人不超过', 'money', (o) => o.selfPay.p90Fen),
    row('个人自付', '99% 的人不超过', 'money', (o) => o.selfPay.p99Fen),
    row('个人自付', '最高', 'money', (o) => o.selfPay.maxFen),
    ...paired('自付人数分布', a.selfPay.buckets, b.selfPay.buckets, (x) => x.label, (x) => x.label, 'count', (x) => x.persons),
  ];
}
