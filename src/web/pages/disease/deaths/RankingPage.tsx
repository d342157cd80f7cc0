import { Alert, Card, Form, Segmented, Select, Space, Table, Typography } from 'antd';
import { api } from '../../../api/client.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { BarChart } from '../../../components/BarChart.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { PeriodFilter, usePeriod } from './PeriodFilter.tsx';
import { InstitutionPicker } from './InstitutionPicker.tsx';
import { percent, type RankingAnswer } from './deaths-types.ts';

type Row = RankingAnswer['rows'][number];
const KINDS = {
  spectrum: { title: '疾病谱', path: '/disease/ranking/spectrum', unit: '人次' },
  'death-causes': { title: '死因顺位', path: '/disease/ranking/death-causes', unit: '人' },
} as const;

/** 疾病谱 (visit diagnoses) or 死因顺位 (underlying causes of death): the top N as a bar chart and a table. */
export default function RankingPage({ kind }: { kind: keyof typeof KINDS }) {
  const spec = KINDS[kind];
  const { text, number, update } = useQueryParams();
  const { from, to } = usePeriod();
  const areaId = number('areaId');
  const institutionId = kind === 'spectrum' ? number('institutionId') : undefined;
  const by = text('by') === 'chapter' ? 'chapter' : 'category';
  const top = number('top') ?? 10;
  const { data, loading, error } = useLoad(
    () => api<RankingAnswer>(spec.path, { query: { from, to, areaId: institutionId ? undefined : areaId, institutionId, by, top } }),
    [spec.path, from, to, areaId, institutionId, by, top],
  );
  const rows = data?.rows ?? [];
  return (
    <Card title={spec.title}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="统计期">
            <PeriodFilter />
          </Form.Item>
          <Form.Item label="区划">
            <AreaSelect value={areaId} onChange={(id) => update({ areaId: id, institutionId: undefined })} placeholder="全部（本人管辖范围）" style={{ width: 220 }} />
          </Form.Item>
          {kind === 'spectrum' && (
            <Form.Item label="就诊机构">
              <InstitutionPicker value={institutionId} onChange={(id) => update({ institutionId: id })} />
            </Form.Item>
          )}
          <Form.Item>
            <Segmented options={[{ label: '按疾病（三位码）', value: 'category' }, { label: '按系统（章）', value: 'chapter' }]} value={by} onChange={(v) => update({ by: v === 'chapter' ? 'chapter' : undefined })} />
          </Form.Item>
          <Form.Item label="前">
            <Select value={top} onChange={(v) => update({ top: v })} options={[5, 10, 20].map((n) => ({ value: n, label: `${n} 位` }))} style={{ width: 90 }} />
          </Form.Item>
        </Form>
        {error && <Alert type="warning" showIcon title={error.message} />}
        {data && (
          <Typography.Text type="secondary">
            {`${data.subject} · ${data.from} 至 ${data.to} · 共 ${data.total} ${spec.unit}`}。{data.definition}
          </Typography.Text>
        )}
        {rows.length > 0 && (
          <BarChart
            height={Math.max(240, rows.length * 30 + 60)}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 200, right: 48, top: 16, bottom: 24 },
              xAxis: { type: 'value', name: spec.unit, minInterval: 1 },
              yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r.rank}. ${r.name || r.code}`), axisLabel: { width: 190, overflow: 'truncate' } },
              series: [{ type: 'bar', name: spec.unit, data: rows.map((r) => r.count), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' }, barMaxWidth: 22 }],
            }}
          />
        )}
        <Table<Row>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '顺位', dataIndex: 'rank', width: 60 },
            { title: by === 'chapter' ? '章' : 'ICD-10', dataIndex: 'code', width: 90 },
            { title: by === 'chapter' ? '疾病系统' : '疾病', dataIndex: 'name' },
            { title: spec.unit, dataIndex: 'count', align: 'right' },
            { title: '构成比', align: 'right', render: (_, r) => percent(r.share) },
          ]}
          summary={() =>
            data && data.others > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>其他</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{data.others}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{percent(data.total ? data.others / data.total : null)}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Space>
    </Card>
  );
}
