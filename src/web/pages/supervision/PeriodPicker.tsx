import { DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';

/**
 * The assessment period of a page (月 / 季度 / 半年 / 全年) in the API's form: 2026-03, 2026-Q1, 2026-H1, 2026
 * (src/supervision/period.ts). Changing the kind keeps the year and starts at its first period.
 */
type Kind = 'month' | 'quarter' | 'half' | 'year';

const KINDS: Array<{ value: Kind; label: string; of: (year: string) => string }> = [
  { value: 'month', label: '月度', of: (y) => `${y}-01` },
  { value: 'quarter', label: '季度', of: (y) => `${y}-Q1` },
  { value: 'half', label: '半年', of: (y) => `${y}-H1` },
  { value: 'year', label: '全年', of: (y) => y },
];

export const periodKind = (p: string): Kind => (/-Q\d$/.test(p) ? 'quarter' : /-H\d$/.test(p) ? 'half' : /^\d{4}$/.test(p) ? 'year' : 'month');

export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const kind = periodKind(value);
  const year = value.slice(0, 4);
  return (
    <Space.Compact>
      <Select<Kind> aria-label="统计期类型" style={{ width: 90 }} value={kind} options={KINDS} onChange={(k) => onChange(KINDS.find((x) => x.value === k)!.of(year))} />
      {kind === 'month' && <DatePicker picker="month" allowClear={false} value={dayjs(`${value}-01`)} onChange={(d) => d && onChange(d.format('YYYY-MM'))} />}
      {kind === 'quarter' && (
        <DatePicker picker="quarter" allowClear={false} value={dayjs(`${year}-${String(Number(value.slice(6)) * 3 - 2).padStart(2, '0')}-01`)} onChange={(d) => d && onChange(`${d.year()}-Q${Math.floor(d.month() / 3) + 1}`)} />
      )}
      {kind !== 'month' && kind !== 'quarter' && <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && onChange(kind === 'year' ? String(d.year()) : `${d.year()}${value.slice(4)}`)} />}
      {kind === 'half' && (
        <Select
          aria-label="上下半年"
          style={{ width: 90 }}
          value={value.slice(5)}
          options={[
            { value: 'H1', label: '上半年' },
            { value: 'H2', label: '下半年' },
          ]}
          onChange={(h) => onChange(`${year}-${h}`)}
        />
      )}
    </Space.Compact>
  );
}
