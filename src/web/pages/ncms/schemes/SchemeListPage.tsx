import { useState } from 'react';
import { Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DiffOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { SchemeSummary } from '../ncms-types.ts';

export const SCHEME_STATUS_COLORS: Record<string, string> = { draft: 'gold', active: 'green', retired: 'default' };

export function SchemeStatusTag({ scheme }: { scheme: Pick<SchemeSummary, 'status' | 'statusName'> }) {
  return <Tag color={SCHEME_STATUS_COLORS[scheme.status]}>{scheme.statusName}</Tag>;
}

/** 补偿方案: every version of every pool's yearly scheme; pick two to compare them. */
export default function SchemeListPage() {
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const pool = text('pool');
  const year = number('year');
  const status = text('status');
  const [typedPool, setTypedPool] = useState(pool ?? '');
  const [picked, setPicked] = useState<SchemeSummary[]>([]);
  const mayManage = allowed(useCurrentUser().role, 'ncms.manage');
  const navigate = useNavigate();
  const list = useLoad(() => api<Page<SchemeSummary>>('/ncms/schemes', { query: { pool, year, status, page, pageSize } }), [pool, year, status, page, pageSize]);

  function compare() {
    // The older scheme first, so the comparison reads "last year → this year".
    const [a, b] = [...picked].sort((x, y) => x.year - y.year || x.version - y.version);
    navigate(`/ncms/schemes/compare?a=${a!.id}&b=${b!.id}`);
  }

  return (
    <Card
      title="补偿方案"
      extra={
        <Space>
          <Button icon={<DiffOutlined />} disabled={picked.length !== 2} onClick={compare}>
            比较所选两个方案
          </Button>
          {mayManage && (
            <Link to="/ncms/schemes/new">
              <Button type="primary" icon={<PlusOutlined />}>
                新建方案
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="统筹区代码，如 430702"
          value={typedPool}
          onChange={(event) => setTypedPool(event.target.value)}
          onSearch={(value) => update({ pool: value.trim() })}
          enterButton="查询"
          allowClear
          style={{ width: 260 }}
        />
        <InputNumber placeholder="年度" value={year} min={1900} max={2100} onChange={(value) => update({ year: value ?? undefined })} style={{ width: 110 }} />
        <Select
          placeholder="全部状态"
          allowClear
          value={status}
          onChange={(value?: string) => update({ status: value })}
          options={[
            { value: 'draft', label: '草稿' },
            { value: 'active', label: '执行中' },
            { value: 'retired', label: '已停用' },
          ]}
          style={{ width: 120 }}
        />
        <Typography.Text type="secondary">勾选两个方案可逐项比较（如上年度与本年度）。</Typography.Text>
      </Space>
      <Table<SchemeSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total, (n) => `共 ${n} 个版本`)}
        rowSelection={{
          selectedRowKeys: picked.map((s) => s.id),
          onChange: (_, rows) => setPicked(rows.slice(-2)),
          hideSelectAll: true,
        }}
        columns={[
          { title: '统筹区', dataIndex: 'pool', render: (value: string, s) => <Link to={`/ncms/schemes/${s.id}`}>{value}</Link> },
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
          { title: '状态', dataIndex: 'status', width: 90, render: (_: string, s) => <SchemeStatusTag scheme={s} /> },
          { title: '说明', dataIndex: 'note', ellipsis: true },
          { title: '保存人', dataIndex: 'createdByName', width: 110 },
          { title: '保存时间', dataIndex: 'createdAt', width: 170, render: formatTime },
          { title: '启用时间', dataIndex: 'activatedAt', width: 170, render: formatTime },
          { title: '', key: 'open', width: 70, render: (_, s) => <Link to={`/ncms/schemes/${s.id}`}>查看</Link> },
        ]}
      />
    </Card>
  );
}
