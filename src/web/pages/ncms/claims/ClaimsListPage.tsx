import { Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { CLAIM_STATUSES } from '../../../../ncms/claims/vocabulary.ts';
import type { ClaimSummary } from '../ncms-types.ts';
import { fenAmount } from '../money.ts';
import { CLAIM_STATUS_COLORS } from './ClaimBreakdown.tsx';

/** 报销单据: the claims the user may see (their institution's, their township's, or the county's), by month and status. */
export default function ClaimsListPage() {
  const { text, update, page, pageSize, pagination } = useQueryParams();
  const status = text('status');
  const month = text('month');
  const maySettle = allowed(useCurrentUser().role, 'ncms.settle');
  const list = useLoad(() => api<Page<ClaimSummary>>('/ncms/claims', { query: { status, month, page, pageSize } }), [status, month, page, pageSize]);

  return (
    <Card
      title="报销单据"
      extra={
        maySettle && (
          <Link to="/ncms/claims/new">
            <Button type="primary" icon={<PlusOutlined />}>即时结报</Button>
          </Link>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          placeholder="出院（就诊）月份"
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(value) => update({ month: value ? value.format('YYYY-MM') : undefined })}
        />
        <Select
          placeholder="全部状态"
          allowClear
          value={status}
          onChange={(value?: string) => update({ status: value })}
          options={Object.entries(CLAIM_STATUSES).map(([value, label]) => ({ value, label }))}
          style={{ width: 130 }}
        />
      </Space>
      <Table<ClaimSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total, (n) => `共 ${n} 张`)}
        scroll={{ x: 1100 }}
        columns={[
          { title: '单号', dataIndex: 'claimNo', render: (no: string, c) => <Link to={`/ncms/claims/${c.id}`}>{no}</Link> },
          { title: '患者', dataIndex: 'personName', width: 90 },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 180 },
          { title: '类别', dataIndex: 'kindName', width: 140 },
          { title: '机构', dataIndex: 'institutionName' },
          { title: '入院/就诊', dataIndex: 'admittedOn', width: 110 },
          { title: '出院', dataIndex: 'dischargedOn', width: 110 },
          { title: '总费用', dataIndex: 'totalFen', align: 'right', render: fenAmount },
          { title: '统筹支付', dataIndex: 'payFen', align: 'right', render: (fen: number | null) => (fen === null ? '' : fenAmount(fen)) },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string, c) => <Tag color={CLAIM_STATUS_COLORS[s]}>{c.statusName}</Tag> },
        ]}
      />
    </Card>
  );
}
