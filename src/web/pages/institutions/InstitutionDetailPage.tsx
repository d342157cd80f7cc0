import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { InstitutionDetail, InstitutionMeta, Staff } from '../../api/types.ts';
import { BackButton } from '../../components/BackButton.tsx';
import { nameOf, SEX_NAMES } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { InstitutionFormModal } from './InstitutionFormModal.tsx';
import { StaffFormModal } from './StaffFormModal.tsx';

export default function InstitutionDetailPage() {
  const { id } = useParams();
  const { data: inst, loading, error, reload } = useLoad(() => api<InstitutionDetail>(`/institutions/${id}`), [id]);
  const [editing, setEditing] = useState<InstitutionDetail>();
  const [editingStaff, setEditingStaff] = useState<Staff | null>();
  const user = useCurrentUser();
  const meta = useLoad(() => api<InstitutionMeta>('/institutions/meta'), []);
  const designationName = new Map(meta.data?.designations.map((d) => [d.designation, d.name]));

  if (error && !inst) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!inst) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;

  // Outside the caller's area the server withholds personal details, and refuses changes anyway.
  const canEdit = allowed(user.role, 'institutions.write') && inst.staffDetailsVisible;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <InstitutionFormModal editing={editing} meta={meta.data} onClose={() => setEditing(undefined)} onSaved={reload} />
      <StaffFormModal institutionId={inst.id} editing={editingStaff} meta={meta.data} onClose={() => setEditingStaff(undefined)} onSaved={reload} />
      <Card
        title={inst.name}
        extra={
          <Space>
            {canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(inst)}>
                编辑
              </Button>
            )}
            <BackButton />
          </Space>
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="机构代码">{inst.code}</Descriptions.Item>
          <Descriptions.Item label="状态">{inst.active ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>}</Descriptions.Item>
          <Descriptions.Item label="类别">{inst.kindName}</Descriptions.Item>
          <Descriptions.Item label="级别">{inst.levelName}</Descriptions.Item>
          <Descriptions.Item label="所属区划">{inst.areaName}</Descriptions.Item>
          <Descriptions.Item label="上级机构">
            {inst.parentId ? <Link to={`/institutions/${inst.parentId}`}>{inst.parentName}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="地址">{inst.address}</Descriptions.Item>
          <Descriptions.Item label="电话">{inst.phone}</Descriptions.Item>
          <Descriptions.Item label="资质标识" span={2}>
            {inst.designations.map((d) => <Tag key={d}>{designationName.get(d) ?? d}</Tag>)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={`人员（${inst.staff.length} 人）`}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingStaff(null)}>
              新增人员
            </Button>
          )
        }
      >
        {!inst.staffDetailsVisible && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="该机构不在您的管辖范围内，人员身份证号和电话不予显示。" />
        )}
        <Table<Staff>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={inst.staff}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '性别', dataIndex: 'sex', render: (sex: string | null) => nameOf(SEX_NAMES, sex) },
            { title: '岗位', dataIndex: 'roleName' },
            { title: '执业资格', dataIndex: 'qualificationName' },
            { title: '身份证号', dataIndex: 'idNumber' },
            { title: '电话', dataIndex: 'phone' },
            { title: '状态', dataIndex: 'active', render: (active: boolean) => (active ? <Tag color="green">在岗</Tag> : <Tag>离岗</Tag>) },
            ...(canEdit
              ? [{ title: '操作', key: 'edit', render: (_: unknown, staff: Staff) => <Button size="small" type="link" onClick={() => setEditingStaff(staff)}>编辑</Button> }]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
