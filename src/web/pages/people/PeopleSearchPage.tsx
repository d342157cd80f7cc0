import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Segmented, Select, Space, Table } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api, download } from '../../api/client.ts';
import type { HouseholdSummary, Page, PersonSummary } from '../../api/types.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { PersonTable } from '../../components/PersonTable.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { PERSON_STATUS } from '../../lib/format.ts';

type View = 'persons' | 'households';
const STATUS_OPTIONS = Object.entries(PERSON_STATUS).map(([value, spec]) => ({ value, label: spec.name }));
const VIEWS = [
  { value: 'persons', label: '查居民' },
  { value: 'households', label: '查家庭户' },
];
const PLACEHOLDERS: Record<View, string> = {
  persons: '身份证号，或姓名（可只输前几个字）',
  households: '成员身份证号、户号，或户主姓名',
};

/**
 * 居民查询: one box for an ID number or the start of a name, an area filter, a paged table.
 * The filters live in the address bar, so "back" from a detail page returns to the same results.
 */
export default function PeopleSearchPage() {
  const { text, number, update, page, pageSize, pagination: pager } = useQueryParams();
  const view: View = text('view') === 'households' ? 'households' : 'persons';
  const q = text('q') ?? '';
  const areaId = number('areaId');
  const status = text('status'); // persons only
  const [typed, setTyped] = useState(q);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();

  useEffect(() => setTyped(q), [q]);

  const filters = { q: q.trim(), areaId, page, pageSize };
  const persons = useLoad(
    () => (view === 'persons' ? api<Page<PersonSummary>>('/persons', { query: { ...filters, status } }) : Promise.resolve(undefined)),
    [view, filters.q, areaId, status, page, pageSize],
  );
  const households = useLoad(
    () => (view === 'households' ? api<Page<HouseholdSummary>>('/households', { query: filters }) : Promise.resolve(undefined)),
    [view, filters.q, areaId, page, pageSize],
  );

  async function exportExcel() {
    setExporting(true);
    try {
      await download('/persons/export.xlsx', { q: filters.q, areaId, status }, '居民名单.xlsx');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '导出失败');
    } finally {
      setExporting(false);
    }
  }

  const pagination = (data: Page<unknown> | undefined) =>
    pager(data?.total, (n) => (data?.totalCapped ? `超过 ${n} 条，请输入更多条件缩小范围` : `共 ${n} 条`));

  return (
    <Card
      title="居民查询"
      extra={
        <Space>
          {allowed(user.role, 'people.export') && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
              导出 Excel
            </Button>
          )}
          {allowed(user.role, 'people.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/people/households/new')}>
              新建家庭户
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented value={view} options={VIEWS} onChange={(value) => update({ view: value === 'persons' ? undefined : value })} />
        <Input.Search
          aria-label="查询条件"
          placeholder={PLACEHOLDERS[view]}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          enterButton="查询"
          allowClear
          style={{ width: 360 }}
        />
        <AreaSelect value={areaId} onChange={(value) => update({ areaId: value })} placeholder="全部区划" />
        {view === 'persons' && (
          <Select
            aria-label="状态"
            placeholder="全部状态"
            allowClear
            value={status}
            onChange={(value?: string) => update({ status: value })}
            options={STATUS_OPTIONS}
            style={{ width: 120 }}
          />
        )}
      </Space>
      {view === 'persons' ? (
        <PersonTable
          columns={['name', 'idNumber', 'sex', 'birthDate', 'status', 'relation', 'householdNo', 'areaName']}
          dataSource={persons.data?.items}
          loading={persons.loading}
          pagination={pagination(persons.data)}
          locale={{ emptyText: q ? '没有找到符合条件的居民' : '暂无数据' }}
        />
      ) : (
        <Table<HouseholdSummary>
          rowKey="id"
          size="middle"
          dataSource={households.data?.items}
          loading={households.loading}
          pagination={pagination(households.data)}
          locale={{ emptyText: q ? '没有找到符合条件的家庭户' : '暂无数据' }}
          columns={[
            { title: '户号', dataIndex: 'householdNo', render: (no: string, h) => <Link to={`/people/households/${h.id}`}>{no}</Link> },
            { title: '户主', dataIndex: 'headName' },
            { title: '户主身份证号', dataIndex: 'headIdNumber' },
            { title: '在册人数', dataIndex: 'memberCount', width: 90 },
            { title: '地址', dataIndex: 'address' },
            { title: '电话', dataIndex: 'phone' },
            { title: '所属区划', dataIndex: 'areaName' },
          ]}
        />
      )}
    </Card>
  );
}
