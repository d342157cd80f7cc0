import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { Page, RoleOption, UserRow } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { Forbidden } from '../../components/Forbidden.tsx';
import { formatTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { PasswordResetModal } from './PasswordResetModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';

export default function UserAdminPage() {
  const me = useCurrentUser();
  if (!allowed(me.role, 'users.manage')) return <Forbidden />;
  return <UserAdmin />;
}

/** 用户管理 (bureau admin only): accounts, their roles and areas, deactivation and password resets. */
function UserAdmin() {
  const me = useCurrentUser();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [filters, setFilters] = useState<{ q?: string; role?: string }>({});
  const users = useLoad(
    () => api<Page<UserRow>>('/users', { query: { ...filters, ...page } }),
    [filters.q, filters.role, page.page, page.pageSize],
  );
  const roles = useLoad(() => api<RoleOption[]>('/roles'), []);
  const [editing, setEditing] = useState<UserRow | null>();
  const [resetting, setResetting] = useState<UserRow>();
  const { message } = App.useApp();

  async function setActive(user: UserRow, active: boolean) {
    try {
      await api(`/users/${user.id}`, { method: 'PATCH', body: { active } });
      message.success(active ? `已启用 ${user.displayName}` : `已停用 ${user.displayName}`);
      users.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '操作失败');
    }
  }

  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          新建用户
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="用户名或姓名"
          allowClear
          enterButton="查询"
          style={{ width: 260 }}
          onSearch={(q) => {
            setFilters({ ...filters, q: q.trim() || undefined });
            setPage({ ...page, page: 1 });
          }}
        />
        <Select
          placeholder="全部角色"
          allowClear
          style={{ width: 180 }}
          options={roles.data?.map((r) => ({ value: r.role, label: r.name }))}
          onChange={(role?: string) => {
            setFilters({ ...filters, role });
            setPage({ ...page, page: 1 });
          }}
        />
      </Space>
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={users.data?.items}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: users.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 个用户`,
          onChange: (next, pageSize) => setPage({ page: next, pageSize }),
        }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleName' },
          { title: '管辖区域', dataIndex: 'areaName' },
          { title: '所属机构', dataIndex: 'institutionName' },
          {
            title: '状态',
            dataIndex: 'active',
            render: (active: boolean, user) => (
              <>
                {active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
                {user.locked && <Tag color="red">已锁定</Tag>}
              </>
            ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (at: string | null) => formatTime(at) || '从未登录' },
          {
            title: '操作',
            key: 'actions',
            render: (_, user) => (
              <Space size="small">
                <Button size="small" onClick={() => setEditing(user)}>
                  编辑
                </Button>
                <Button size="small" onClick={() => setResetting(user)}>
                  {user.locked ? '重置密码并解锁' : '重置密码'}
                </Button>
                {user.active ? (
                  <Popconfirm title={`停用 ${user.displayName}？停用后该账号不能登录。`} okText="停用" cancelText="取消" onConfirm={() => setActive(user, false)}>
                    <Button size="small" danger disabled={user.id === me.id}>
                      停用
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(user, true)}>
                    启用
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserFormModal
        editing={editing}
        roles={roles.data ?? []}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          users.reload();
        }}
      />
      <PasswordResetModal user={resetting} onClose={() => setResetting(undefined)} />
    </Card>
  );
}
