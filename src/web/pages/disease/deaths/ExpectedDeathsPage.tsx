import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../../api/client.ts';
import { BarChart } from '../../../components/BarChart.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { PeriodAreaFilter, usePeriod } from './PeriodFilter.tsx';
import { percent, type ExpectedAnswer } from './deaths-types.ts';

type Row = ExpectedAnswer['townships'][number];

/** 死亡漏报: expected against registered deaths per township, the townships below the share flagged. */
export default function ExpectedDeathsPage() {
  const { number } = useQueryParams();
  const { from, to } = usePeriod();
  const areaId = number('areaId');
  const { data, loading, error } = useLoad(() => api<ExpectedAnswer>('/disease/deaths/expected', { query: { from, to, areaId } }), [from, to, areaId]);
  const rows = data?.townships ?? [];
  return (
    <Card title="应报与登记死亡数（死亡漏报）">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <PeriodAreaFilter periodLabel="统计期" />
        {error && <Alert type="warning" showIcon title={error.message} />}
        {data && <Typography.Text type="secondary">{data.definition}。粗死亡率来源：{data.source}</Typography.Text>}
        {rows.length > 0 && (
          <BarChart
            height={340}
            option={{
              legend: { top: 0 },
              tooltip: { trigger: 'axis' },
              grid: { left: 48, right: 24, top: 36, bottom: rows.length > 8 ? 80 : 40 },
              xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: rows.length > 8 ? 40 : 0, interval: 0 } },
              yAxis: { type: 'value', name: '人', minInterval: 1 },
              series: [
                { type: 'bar', name: '应报死亡数', data: rows.map((r) => r.expected), itemStyle: { color: '#bfbfbf' }, barMaxWidth: 28 },
                { type: 'bar', name: '登记死亡数', data: rows.map((r) => ({ value: r.registered, itemStyle: { color: r.underReporting ? '#f5222d' : '#1677ff' } })), barMaxWidth: 28 },
              ],
            }}
          />
        )}
        <Table<Row>
          rowKey="areaId"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'name' },
            { title: '期初户籍人口', dataIndex: 'population', align: 'right' },
            { title: '应报死亡数', dataIndex: 'expected', align: 'right' },
            { title: '登记死亡数', dataIndex: 'registered', align: 'right' },
            { title: '登记 ÷ 应报', align: 'right', render: (_, r) => percent(r.ratio) },
            { title: '', render: (_, r) => (r.underReporting ? <Tag color="red">可能漏报</Tag> : null) },
          ]}
          summary={() =>
            data && rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{data.total.population}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{data.total.expected}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{data.total.registered}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{percent(data.total.ratio)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Space>
    </Card>
  );
}
