import { Select, Space } from 'antd';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { currentYear } from '../enrollment/year.ts';

/** The pool (统筹区) and year the review pages work on, kept in the address bar; pools are those of the fund ledger. */
export function usePoolYear() {
  const { number, text, update } = useQueryParams();
  const years = useLoad(() => api<{ pool: string; year: number }[]>('/ncms/fund/years'), []);
  const pools = [...new Set((years.data ?? []).map((y) => y.pool))];
  const year = number('year') ?? currentYear();
  const pool = text('pool') ?? pools[0];
  const yearOptions = [...new Set([year, currentYear(), ...(years.data ?? []).map((y) => y.year)])].sort((a, b) => b - a);
  const picker = (
    <Space wrap>
      <span>
        统筹区 <Select value={pool} onChange={(value: string) => update({ pool: value })} options={pools.map((p) => ({ value: p, label: p }))} style={{ width: 140 }} placeholder="无基金数据" />
      </span>
      <span>
        年度 <Select value={year} onChange={(value: number) => update({ year: value })} options={yearOptions.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} />
      </span>
    </Space>
  );
  return { pool, year, picker, number, update };
}
