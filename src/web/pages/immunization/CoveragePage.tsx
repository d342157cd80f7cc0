import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import type { CoverageAnswer } from './immunization-types.ts';
import { percentText, periodId, periodStart, type PeriodKind } from './immunization-logic.ts';
import { CoverageChart } from './CoverageChart.tsx';

type Area = CoverageAnswer['areas'][number];
type DoseRow = CoverageAnswer['doses'][number] & { figures: Area['doses'][number] | undefined };

const KINDS: { label: string; value: PeriodKind }[] = [
  { label: '年度', value: 'year' },
  { label: '季度', value: 'quarter' },
  { label: '月份', value: 'month' },
];
const FORMATS: Record<PeriodKind, string> = { year: 'YYYY年', quarter: 'YYYY年第Q季度', month: 'YYYY年MM月' };

/** A heading with its definition on hover, so every figure says what it counts. */
function Defined({ title, definition }: { title: string; definition: string | undefined }) {
  return (
    <Tooltip title={definition}>
      <span style={{ borderBottom: '1px dashed #999' }}>{title}</span>
    </Tooltip>
  );
}

/** 接种覆盖率: per township (drill down to its villages), each dose's coverage and timeliness against the 90 % target. */
export default function CoveragePage() {
  const { text, number, update } = useQueryParams();
  const period = text('period') ?? periodId('year', todayInShanghai());
  const { kind, day } = periodStart(period);
  const areaId = number('areaId');
  const level = text('level') === 'village' ? 'village' : 'township';
  const [selected, setSelected] = useState<number | null>(null);
  const [chartDose, setChartDose] = useState<string>();
  const { data, loading, error } = useLoad(
    () => api<CoverageAnswer>('/immunization/coverage', { query: { period, areaId, level } }),
    [period, areaId, level],
  );

  const selectedArea = (data?.areas.find((a) => a.areaId === selected) ?? data?.total) as Area | undefined;
  const doseRows: DoseRow[] = (data?.doses ?? []).map((d) => ({ ...d, figures: selectedArea?.doses.find((f) => f.key === d.key) }));
  const doseKey = chartDose ?? data?.doses.find((d) => d.key === 'HepB-3')?.key ?? data?.doses[0]?.key;
  const doseName = data?.doses.find((d) => d.key === doseKey)?.name ?? '';
  const def = data?.definitions;
  const byVillage = data?.level === 'village';

  return (
    <Card title="接种覆盖率">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="统计期">
            <Space>
              <Segmented options={KINDS} value={kind} onChange={(k) => update({ period: periodId(k as PeriodKind, day) })} />
              <DatePicker
                picker={kind}
                allowClear={false}
                format={FORMATS[kind]}
                value={dayjs(day)}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                onChange={(d) => d && update({ period: periodId(kind, d.format('YYYY-MM-DD')) })}
              />
            </Space>
          </Form.Item>
          <Form.Item label="区划">
            <AreaSelect value={areaId} onChange={(id) => { setSelected(null); update({ areaId: id, level: undefined }); }} placeholder="全部（本人管辖范围）" />
          </Form.Item>
          <Form.Item>
            <Segmented
              options={[{ label: '按乡镇', value: 'township' }, { label: '按村', value: 'village' }]}
              value={level}
              onChange={(l) => { setSelected(null); update({ level: l === 'village' ? 'village' : undefined }); }}
            />
          </Form.Item>
        </Form>
        {error && <Alert type="warning" showIcon title={error.message} />}
        {data && (
          <Typography.Text type="secondary">
            {`${data.areaName} · ${data.period.name}（${data.period.from} 至 ${data.period.to}）`}
            {!data.period.complete && '；统计期尚未结束，只统计到今天'}
          </Typography.Text>
        )}

        <Table<Area>
          rowKey={(a) => a.areaId ?? a.code}
          size="small"
          loading={loading}
          dataSource={data?.areas ?? []}
          pagination={false}
          rowClassName={(a) => (a.areaId === selected ? 'ant-table-row-selected' : '')}
          onRow={(a) => ({ onClick: () => setSelected(a.areaId), style: { cursor: 'pointer' } })}
          columns={[
            { title: byVillage ? '村（社区）' : '乡镇', render: (_, a) => (byVillage && a.townshipName ? `${a.townshipName} · ${a.name}` : a.name) },
            { title: <Defined title="在管儿童" definition={def?.managed} />, align: 'right', render: (_, a) => a.certificate.managed },
            { title: '其中流动儿童', align: 'right', render: (_, a) => a.certificate.migrants },
            { title: <Defined title="建证率" definition={def?.certificateRate} />, align: 'right', render: (_, a) => percentText(a.certificate.rate) },
            {
              title: <Defined title="达标剂次" definition={def?.target} />,
              align: 'right',
              render: (_, a) => {
                const counted = a.doses.filter((d) => d.meetsTarget !== null);
                return counted.length === 0 ? '无数据' : `${counted.filter((d) => d.meetsTarget).length} / ${counted.length}`;
              },
            },
            {
              title: '',
              render: (_, a) =>
                !byVillage && a.areaId !== null ? (
                  <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); setSelected(null); update({ areaId: a.areaId ?? undefined, level: 'village' }); }}>
                    查看各村
                  </Button>
                ) : null,
            },
          ]}
        />

        {data && data.areas.length > 0 && (
          <Card
            size="small"
            title={`各${byVillage ? '村' : '乡镇'}接种率（目标 ${data.targetPercent}%）`}
            extra={
              <Select style={{ width: 220 }} value={doseKey} onChange={setChartDose} options={data.doses.map((d) => ({ value: d.key, label: d.name }))} showSearch={{ optionFilterProp: 'label' }} />
            }
          >
            <CoverageChart
              title={doseName}
              target={data.targetPercent}
              areas={data.areas.map((a) => {
                const f = a.doses.find((d) => d.key === doseKey);
                return { name: a.name, rate: f?.coverage ?? null, meetsTarget: f?.meetsTarget ?? null };
              })}
            />
          </Card>
        )}

        {data && selectedArea && (
          <Card size="small" title={`${selectedArea.name}：各剂次接种率`} data-testid="dose-table">
            <Table<DoseRow>
              rowKey="key"
              size="small"
              dataSource={doseRows}
              pagination={false}
              columns={[
                {
                  title: '剂次',
                  render: (_, d) => (
                    <Space size={4}>
                      {d.name}
                      <Tooltip title={d.definition}>
                        <QuestionCircleOutlined style={{ color: '#999' }} />
                      </Tooltip>
                    </Space>
                  ),
                },
                { title: '应完成年龄', render: (_, d) => <Typography.Text type="secondary">{d.completeBy}</Typography.Text> },
                { title: <Defined title="应种" definition={def?.eligible} />, align: 'right', render: (_, d) => d.figures?.eligible ?? 0 },
                { title: <Defined title="接种" definition={def?.given} />, align: 'right', render: (_, d) => d.figures?.given ?? 0 },
                { title: <Defined title="及时" definition={def?.timely} />, align: 'right', render: (_, d) => d.figures?.timely ?? 0 },
                {
                  title: <Defined title="接种率" definition={def?.coverage} />,
                  align: 'right',
                  render: (_, d) => (
                    <Space size={4}>
                      {percentText(d.figures?.coverage)}
                      {d.figures?.meetsTarget === false && <Tag color="red">未达标</Tag>}
                    </Space>
                  ),
                },
                { title: <Defined title="及时接种率" definition={def?.timeliness} />, align: 'right', render: (_, d) => percentText(d.figures?.timeliness) },
              ]}
            />
          </Card>
        )}

        {data && (
          <Descriptions title="指标口径" size="small" bordered column={1}>
            {Object.entries(data.definitions).map(([key, text]) => (
              <Descriptions.Item key={key} label={key === 'rates' ? '说明' : text.split(/[：=]/)[0]}>
                {text}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
