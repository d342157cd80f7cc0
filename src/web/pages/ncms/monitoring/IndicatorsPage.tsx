import { useState } from 'react';
import { Card, Collapse, DatePicker, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../../api/client.ts';
import { todayInShanghai } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { fenAmount } from '../money.ts';
import { lastCompleteMonth, NO_DATA, numberText, percentText } from './format.ts';
import { InstitutionDrawer } from './InstitutionDrawer.tsx';
import type { Figures, InstitutionIndicators, MonthIndicators } from './monitoring-types.ts';

type Definitions = MonthIndicators['definitions'];

/** A column title with its definition on hover. */
const titled = (title: string, definition: string) => (
  <Tooltip title={definition}>
    <span>{title} <QuestionCircleOutlined style={{ color: '#999' }} /></span>
  </Tooltip>
);

const money = (fen: number | null) => (fen === null ? NO_DATA : fenAmount(fen));

function figureColumns(d: Definitions) {
  return [
    { title: titled('住院人次', d.admissions), dataIndex: 'admissions', align: 'right' as const, width: 90 },
    { title: titled('千人住院率', d.admissionsPer1000), dataIndex: 'admissionsPer1000', align: 'right' as const, width: 110, render: (v: number | null) => numberText(v, '‰') },
    { title: titled('平均住院日', d.avgStayDays), dataIndex: 'avgStayDays', align: 'right' as const, width: 100, render: (v: number | null) => numberText(v, ' 天') },
    { title: titled('目录外费用占比', d.outOfCatalogShare), dataIndex: 'outOfCatalogShare', align: 'right' as const, width: 120, render: percentText },
    { title: titled('实际住院补偿比', d.compensationRatio), dataIndex: 'compensationRatio', align: 'right' as const, width: 120, render: percentText },
    { title: titled('政策范围内报销比', d.policyRatio), dataIndex: 'policyRatio', align: 'right' as const, width: 130, render: percentText },
    { title: titled('门诊统筹', d.outpatient), key: 'outpatient', align: 'right' as const, width: 150, render: (_: unknown, r: Figures) => `${r.outpatientVisits} 人次 / ${fenAmount(r.outpatientPayFen)}` },
  ];
}

/** 费用监测: every institution's indicators of a month against its cost target, with the total; a row opens its trend and claims. */
export default function IndicatorsPage() {
  const { text, update } = useQueryParams();
  const month = text('month') ?? lastCompleteMonth(todayInShanghai());
  const [open, setOpen] = useState<InstitutionIndicators | null>(null);
  const data = useLoad(() => api<MonthIndicators>('/ncms/monitoring/indicators', { query: { month } }), [month]);
  const d = data.data?.definitions;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="费用监测（机构月度指标）"
        extra={<DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(m) => m && update({ month: m.format('YYYY-MM') })} />}
      >
        {d && (
          <Collapse
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'definitions',
                label: '指标口径（点击展开）',
                children: (
                  <Descriptions column={1} size="small">
                    {Object.entries(d).map(([key, text]) => (
                      <Descriptions.Item key={key}>{text}</Descriptions.Item>
                    ))}
                    <Descriptions.Item>{`月月超标的月数现为 ${data.data!.streakMonths} 个月（在“监测预警”页的规则中设置）。分母为 0 时显示“${NO_DATA}”。`}</Descriptions.Item>
                  </Descriptions>
                ),
              },
            ]}
          />
        )}
        <Table<InstitutionIndicators>
          rowKey="institutionId"
          size="small"
          loading={data.loading}
          dataSource={data.data?.rows ?? []}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 家机构` }}
          scroll={{ x: 1300 }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          columns={[
            { title: '机构', dataIndex: 'institutionName', fixed: 'left', width: 200 },
            { title: '级别', dataIndex: 'levelName', width: 70 },
            ...(d
              ? [
                  {
                    title: titled('次均住院费用（元）', d.avgCostFen),
                    key: 'avg',
                    align: 'right' as const,
                    width: 200,
                    render: (_: unknown, r: InstitutionIndicators) => (
                      <Space size={4} wrap style={{ justifyContent: 'flex-end' }}>
                        <span>{money(r.avgCostFen)}</span>
                        {r.targetFen !== null && <Typography.Text type="secondary">/ 标准 {fenAmount(r.targetFen)}</Typography.Text>}
                        {r.monthlyOverTarget ? <Tag color="red">月月超标（连续 {r.overMonths} 个月）</Tag> : r.overTarget ? <Tag color="orange">超标</Tag> : null}
                      </Space>
                    ),
                  },
                  ...figureColumns(d),
                ]
              : []),
          ]}
          summary={() =>
            data.data && d ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>辖区合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} />
                  <Table.Summary.Cell index={2} align="right">{money(data.data.total.avgCostFen)}</Table.Summary.Cell>
                  {figureColumns(d).map((c, i) => {
                    const t = data.data!.total;
                    const value = 'dataIndex' in c ? (t as unknown as Record<string, number | null>)[c.dataIndex as string] : null;
                    return (
                      <Table.Summary.Cell key={i} index={i + 3} align="right">
                        {'render' in c && c.render ? c.render(value as never, t) : value}
                      </Table.Summary.Cell>
                    );
                  })}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      {open && <InstitutionDrawer row={open} month={month} onClose={() => setOpen(null)} onTargetSaved={data.reload} />}
    </Space>
  );
}
