import { useState } from 'react';
import { App, Button, Card, Space, Table, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { allowed } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { formatTime, todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { periodDays, recordLinks } from './drilldown.ts';
import { PeriodPicker, periodKind } from './PeriodPicker.tsx';
import { lastMonth, valueText, type Cell, type IndicatorTable, type TableRow } from './types.ts';

const COLORS = { true: '#389e0d', false: '#cf1322' } as const;

/** 指标一览: townships × indicators of a month (or quarter, half-year, year) with targets highlighted; a township opens its villages. */
export default function ValuesPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { text, number, update } = useQueryParams();
  const period = text('period') ?? text('month') ?? lastMonth(todayInShanghai());
  const isMonth = periodKind(period) === 'month';
  const townshipId = number('townshipId');
  const table = useLoad(() => api<IndicatorTable>('/supervision/values', { query: { period, townshipId } }), [period, townshipId]);
  // The days the module lists are opened for: the period's.
  const days = periodDays(table.data?.period.from ?? period, table.data?.period.to ?? period);
  const [computing, setComputing] = useState(false);
  const manage = allowed(user.role, 'supervision.manage');

  const compute = async () => {
    setComputing(true);
    try {
      const r = await api<{ values: number }>('/supervision/values/compute', { method: 'POST', body: { month: period } });
      message.success(`${period} 的指标已计算，共 ${r.values} 个值`);
      table.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setComputing(false);
    }
  };

  const data = table.data;
  const rows = data ? [...data.rows, ...(data.total ? [{ ...data.total, name: `${data.total.name}（全县）` }] : [])] : [];
  const cell = (c: Cell | undefined, unit: IndicatorTable['indicators'][number]) => {
    if (!c) return <span style={{ color: '#bbb' }}>—</span>;
    const color = c.meets === null ? undefined : COLORS[String(c.meets) as 'true' | 'false'];
    const tip = `${c.numerator}${c.denominator === null ? '' : ` / ${c.denominator}`}${c.target === null ? '' : `；目标 ${valueText(unit, c.target)}`}`;
    return (
      <Tooltip title={tip}>
        <span style={{ color, fontWeight: c.meets === false ? 600 : undefined }}>{valueText(unit, c.value)}</span>
      </Tooltip>
    );
  };

  return (
    <Card title={data?.township ? `${data.township.name}各村指标` : '各乡镇指标一览'} extra={data?.township && <Button onClick={() => update({ townshipId: undefined })}>返回各乡镇</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker value={period} onChange={(p) => update({ period: p, month: undefined })} />
        {manage && isMonth && (
          <Button type="primary" loading={computing} onClick={compute}>
            {data?.computedAt ? '重新计算本月指标' : '计算本月指标'}
          </Button>
        )}
        <Typography.Text type="secondary">
          {!data?.computedAt ? (isMonth ? '本月指标尚未计算' : '本期各月指标均未计算') : isMonth ? `计算于 ${formatTime(data.computedAt)}` : `由已计算的 ${data.computedMonths.length} 个月汇总（${data.computedMonths.join('、')}）`}
        </Typography.Text>
        <Typography.Text type="secondary">
          <span style={{ color: COLORS.true }}>绿色</span>为达标，<span style={{ color: COLORS.false }}>红色</span>为未达标；鼠标停留可看分子、分母和目标。
        </Typography.Text>
      </Space>
      <Table<TableRow>
        rowKey="areaId"
        loading={table.loading}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: data?.township ? '村' : '乡镇（街道）',
            fixed: 'left',
            render: (_, r) => (r.opensVillages ? <a onClick={() => update({ townshipId: r.areaId })}>{r.name}</a> : r.name),
          },
          ...(data?.indicators ?? []).map((d) => ({ title: <Tooltip title={d.description}>{d.name}</Tooltip>, key: d.code, align: 'right' as const, render: (_: unknown, r: TableRow) => cell(r.values[d.code], d) })),
          {
            title: '名单',
            key: 'records',
            render: (_: unknown, r: TableRow) => (
              <Space size="small">
                {recordLinks(user.role, r, days, Object.keys(r.values)).map((l) => (
                  <Link key={l.href} to={l.href}>
                    {l.label}
                  </Link>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
