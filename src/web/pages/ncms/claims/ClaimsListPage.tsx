import { Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { CLAIM_KINDS, CLAIM_STATUSES } from '../../../../ncms/claims/vocabulary.ts';
import type { ClaimSummary } from '../ncms-types.ts';
import { fenAmount } from '../money.ts';
import { CLAIM_STATUS_COLORS } from './ClaimBreakdown.tsx';

/**
 * 报销单据: the claims the user may see (their institution's, their township's, or the county's), by discharge month
 * or days, status, kind, the patient's area and the settling institution's area. The filters live in the address
 * bar, so the supervision tables link here filtered (a township's 实际住院补偿比 opens its admissions).
 */
export default function ClaimsListPage() {
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const filter = { status: text('status'), kind: text('kind'), month: text('month'), from: text('from'), to: text('to'), areaId: number('areaId'), institutionAreaId: number('institutionAreaId') };
  const maySettle = allowed(useCurrentUser().role, 'ncms.settle');
  const list = useLoad(() => api<Page<ClaimSummary>>('/ncms/claims', { query: { ...filter, page, pageSize } }), [JSON.stringify(filter), page, pageSize]);

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
          value={filter.month ? dayjs(`${filter.month}-01`) : null}
          onChange={(value) => update({ month: value ? value.format('YYYY-MM') : undefined, from: undefined, to: undefined })}
        />
        <DatePicker.RangePicker
          placeholder={['出院日期起', '出院日期止']}
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), month: undefined })}
        />
        <Select
          placeholder="全部状态"
          allowClear
          value={filter.status}
          onChange={(value?: string) => update({ status: value })}
          options={Object.entries(CLAIM_STATUSES).map(([value, label]) => ({ value, label }))}
          style={{ width: 130 }}
        />
        <Select
          mode="multiple"
          placeholder="全部类别"
          allowClear
          value={filter.kind?.split(',') ?? []}
          onChange={(kinds: string[]) => update({ kind: kinds.join(',') })}
          options={Object.entries(CLAIM_KINDS).map(([value, label]) => ({ value, label }))}
          style={{ minWidth: 160 }}
        />
        <AreaSelect value={filter.areaId} onChange={(areaId) => update({ areaId })} placeholder="患者所在村（乡镇）" />
        <AreaSelect value={filter.institutionAreaId} onChange={(institutionAreaId) => update({ institutionAreaId })} placeholder="结算机构所在乡镇（村）" />
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
