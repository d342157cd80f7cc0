import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Institution, InstitutionMeta, Page } from '../../api/types.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { InstitutionFormModal } from './InstitutionFormModal.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';

/** 医疗机构: the directory, filtered by name/code, kind, level and area; filters live in the address bar. */
export default function InstitutionListPage() {
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const q = text('q') ?? '';
  const kind = text('kind');
  const level = text('level');
  const areaId = number('areaId');
  const [typed, setTyped] = useState(q);
  const [creating, setCreating] = useState<null>();
  const user = useCurrentUser();
  useEffect(() => setTyped(q), [q]);

  const meta = useLoad(() => api<InstitutionMeta>('/institutions/meta'), []);
  const list = useLoad(
    () => api<Page<Institution>>('/institutions', { query: { q: q.trim(), kind, level, areaId, page, pageSize } }),
    [q, kind, level, areaId, page, pageSize],
  );
  const designationName = new Map(meta.data?.designations.map((d) => [d.designation, d.name]));

  return (
    <Card
      title="医疗机构"
      extra={
        allowed(user.role, 'institutions.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(null)}>
            新增机构
          </Button>
        )
      }
    >
      <InstitutionFormModal editing={creating} meta={meta.data} onClose={() => setCreating(undefined)} onSaved={list.reload} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="机构名称或代码"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          enterButton="查询"
          allowClear
          style={{ width: 280 }}
        />
        <Select
          placeholder="全部类别"
          allowClear
          value={kind}
          onChange={(value?: string) => update({ kind: value })}
          options={meta.data?.kinds.map((k) => ({ value: k.kind, label: k.name }))}
          style={{ width: 200 }}
        />
        <Select
          placeholder="全部级别"
          allowClear
          value={level}
          onChange={(value?: string) => update({ level: value })}
          options={meta.data?.levels.map((l) => ({ value: l.level, label: l.name }))}
          style={{ width: 120 }}
        />
        <AreaSelect value={areaId} onChange={(value) => update({ areaId: value })} placeholder="全部区划" />
      </Space>
      <Table<Institution>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total, (n) => `共 ${n} 家`)}
        columns={[
          { title: '机构名称', dataIndex: 'name', render: (name: string, i) => <Link to={`/institutions/${i.id}`}>{name}</Link> },
          { title: '机构代码', dataIndex: 'code' },
          { title: '类别', dataIndex: 'kindName' },
          { title: '级别', dataIndex: 'levelName', width: 72 },
          { title: '所属区划', dataIndex: 'areaName' },
          {
            title: '资质标识',
            dataIndex: 'designations',
            render: (list: string[]) => list.map((d) => <Tag key={d}>{designationName.get(d) ?? d}</Tag>),
          },
          { title: '人员数', dataIndex: 'staffCount', width: 72 },
          { title: '状态', dataIndex: 'active', width: 72, render: (active: boolean) => (active ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>) },
        ]}
      />
    </Card>
  );
}
