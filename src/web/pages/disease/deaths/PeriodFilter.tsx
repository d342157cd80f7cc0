import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { todayInShanghai } from '../../../lib/format.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';

/** The period in the address bar (from, to); by default this year up to today. */
export function usePeriod() {
  const { text, update } = useQueryParams();
  const today = todayInShanghai();
  const from = text('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = text('to') ?? today;
  return { from, to, setPeriod: (next: { from: string; to: string }) => update(next) };
}

/** 统计期: a range of days, both included. */
export function PeriodFilter() {
  const { from, to, setPeriod } = usePeriod();
  return (
    <DatePicker.RangePicker
      allowClear={false}
      value={[dayjs(from), dayjs(to)]}
      presets={[
        { label: '今年', value: [dayjs().startOf('year'), dayjs()] },
        { label: '去年', value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] },
        { label: '近 12 个月', value: [dayjs().subtract(12, 'month').add(1, 'day'), dayjs()] },
      ]}
      onChange={(range) => range?.[0] && range[1] && setPeriod({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
    />
  );
}

/** The filter row of the deaths pages: the period and an area of the user's scope, both kept in the address bar. */
export function PeriodAreaFilter({ periodLabel }: { periodLabel: string }) {
  const { number, update } = useQueryParams();
  return (
    <Form layout="inline">
      <Form.Item label={periodLabel}>
        <PeriodFilter />
      </Form.Item>
      <Form.Item label="区划">
        <AreaSelect value={number('areaId')} onChange={(id) => update({ areaId: id })} placeholder="全部（本人管辖范围）" style={{ width: 240 }} />
      </Form.Item>
    </Form>
  );
}
