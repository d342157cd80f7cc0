import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { todayInShanghai } from '../../../lib/format.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';

/** The period of the missed list and the rates, in the address bar; by default the last 30 days. */
export function usePeriod() {
  const { text, update } = useQueryParams();
  const to = text('to') ?? todayInShanghai();
  const from = text('from') ?? dayjs(to).subtract(29, 'day').format('YYYY-MM-DD');
  const picker = (
    <DatePicker.RangePicker
      allowClear={false}
      value={[dayjs(from), dayjs(to)]}
      onChange={(range) => range?.[0] && range[1] && update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
    />
  );
  return { from, to, picker };
}
