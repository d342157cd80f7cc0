import { Card, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { fenAmount } from '../money.ts';
import { REVIEW_STATUSES } from '../../../../ncms/review/decision-rules.ts';
import { REVIEW_RULES } from '../../../../ncms/review/select.ts';
import type { ReviewItemSummary } from './review-types.ts';
import type { Page } from '../../../api/types.ts';
import { currentYear } from '../enrollment/year.ts';

export const STATUS_COLORS: Record<string, string> = { open: 'processing', approved: 'success', adjusted: 'warning', rejected: 'error' };
const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }));

/** 我的审核 / 全部审核单: the selected claims, mine by default (open first), with why each was selected. */
export default function QueuePage() {
  const { text, number, update } = useQueryParams();
  const tab = text('tab') ?? 'mine';
  const status = text('status') ?? (tab === 'mine' ? 'open' : undefined);
  const year = number('year');
  const month = number('month');
  const institutionId = number('institutionId');
  const page = number('page') ?? 1;
  const items = useLoad(
    () => api<Page<ReviewItemSummary>>('/ncms/review/items', { query: { mine: tab === 'mine' ? 'true' : undefined, status, year, month, institutionId, page, pageSize: 50 } }),
    [tab, status, year, month, institutionId, page],
  );

  return (
    <Card title="审核">
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key, status: undefined, institutionId: undefined })}
        items={[
          { key: 'mine', label: '我的审核' },
          { key: 'all', label: '全部审核单' },
        ]}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select value={status ?? 'any'} style={{ width: 120 }} onChange={(v: string) => update({ status: v === 'any' ? '' : v })} options={[{ value: 'any', label: '全部状态' }, ...Object.entries(REVIEW_STATUSES).map(([value, label]) => ({ value, label }))]} />
        <Select value={year} allowClear placeholder="年度" style={{ width: 100 }} onChange={(v?: number) => update({ year: v })} options={[0, 1, 2].map((back) => currentYear() - back).map((y) => ({ value: y, label: `${y} 年` }))} />
        <Select value={month} allowClear placeholder="月份" style={{ width: 90 }} onChange={(v?: number) => update({ month: v })} options={MONTHS} />
      </Space>
      <Table<ReviewItemSummary>
        rowKey="id"
        size="small"
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: items.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }), showTotal: (t) => `共 ${t} 笔` }}
        columns={[
          { title: '单据号', dataIndex: 'claimNo', width: 120, render: (no: string, r) => <Link to={`/ncms/review/items/${r.id}`}>{no}</Link> },
          { title: '机构', dataIndex: 'institutionName' },
          { title: '患者', dataIndex: 'personName', width: 90 },
          { title: '类别', dataIndex: 'kindName', width: 70 },
          { title: '出院', dataIndex: 'dischargedOn', width: 110 },
          { title: '总费用', dataIndex: 'totalFen', align: 'right', width: 110, render: fenAmount },
          { title: '统筹支付', dataIndex: 'settledPayFen', align: 'right', width: 110, render: fenAmount },
          {
            title: '抽中原因',
            dataIndex: 'reasons',
            render: (reasons: ReviewItemSummary['reasons']) => (
              <Space size={2} wrap>
                {reasons.map((r) => (
                  <Tooltip key={r.rule} title={r.message}>
                    <Tag>{REVIEW_RULES[r.rule]}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string, r) => <Tag color={STATUS_COLORS[s]}>{r.statusName}</Tag> },
          { title: '扣减', dataIndex: 'deductedFen', align: 'right', width: 100, render: (fen: number) => (fen ? fenAmount(fen) : '') },
          { title: '审核人', dataIndex: 'assignedToName', width: 100 },
        ]}
      />
    </Card>
  );
}
