import { useState } from 'react';
import { Alert, Card, DatePicker, Descriptions, Form, Space, Table, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import type { AreaFigures, RecordIndicators } from './types.ts';
import { percent } from './format.ts';

type Row = AreaFigures & { children?: AreaFigures[] };
type RateKey = 'recordRate' | 'electronicRate' | 'useRate' | 'completenessRate';

/** 健康档案指标: per township and village, each figure with what it counts. */
export default function RecordIndicatorsPage() {
  const today = todayInShanghai();
  const [period, setPeriod] = useState<[string, string]>([`${today.slice(0, 4)}-01-01`, today]);
  const [areaId, setAreaId] = useState<number>();
  const { data, loading, error } = useLoad(
    () => api<RecordIndicators>('/records/indicators', { query: { from: period[0], to: period[1], areaId } }),
    [period[0], period[1], areaId],
  );

  const rate = (key: RateKey) => ({
    title: (
      <Tooltip title={data?.definitions[key].definition}>
        <span style={{ borderBottom: '1px dashed #999' }}>{data?.definitions[key].name ?? key}</span>
      </Tooltip>
    ),
    key,
    align: 'right' as const,
    render: (_: unknown, row: Row) => (
      <Tooltip title={`${row[key].numerator} / ${row[key].denominator}`}>
        <span>{percent(row[key])}</span>
      </Tooltip>
    ),
  });

  const rows: Row[] = (data?.townships ?? []).map((t) => ({ ...t, children: t.villages }));
  return (
    <Card title="健康档案指标">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="统计期">
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(period[0]), dayjs(period[1])]}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(range) => {
                const [from, to] = (range ?? []) as [Dayjs | null, Dayjs | null];
                if (from && to) setPeriod([from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')]);
              }}
            />
          </Form.Item>
          <Form.Item label="区划">
            <AreaSelect value={areaId} onChange={setAreaId} placeholder="全部（本人管辖范围）" />
          </Form.Item>
        </Form>
        {error && <Alert type="warning" showIcon title={error.message} />}
        <Table<Row>
          // Mounted afresh per answer, so a small scope opens with its villages shown.
          key={data ? `${data.period.from}-${data.period.to}-${areaId ?? ''}` : 'loading'}
          rowKey="areaId"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: rows.length <= 3 }}
          columns={[
            { title: '乡镇 / 村', dataIndex: 'name' },
            { title: '在册居民', align: 'right', render: (_, r) => r.counts.residents },
            { title: '档案数', align: 'right', render: (_, r) => r.counts.records },
            rate('recordRate'),
            rate('electronicRate'),
            rate('useRate'),
            rate('completenessRate'),
          ]}
          summary={() =>
            data && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{data.total.counts.residents}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{data.total.counts.records}</Table.Summary.Cell>
                {(['recordRate', 'electronicRate', 'useRate', 'completenessRate'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={3 + i} align="right">{percent(data.total[k])}</Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )
          }
        />
        {data && (
          <Descriptions title="指标口径" size="small" bordered column={1}>
            {Object.values(data.definitions).map((d) => (
              <Descriptions.Item key={d.name} label={d.name}>{d.definition}</Descriptions.Item>
            ))}
            <Descriptions.Item label="说明">在册居民为当前户籍在册的在世居民；分母为 0 时显示「—」。统计期 {data.period.from} 至 {data.period.to}。</Descriptions.Item>
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
