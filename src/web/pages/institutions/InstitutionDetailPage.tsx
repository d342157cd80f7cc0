import { Alert, Card, Descriptions, Result, Space, Spin, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { InstitutionDetail, InstitutionMeta, Staff } from '../../api/types.ts';
import { BackButton } from '../../components/BackButton.tsx';
import { nameOf, SEX_NAMES } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';

export default function InstitutionDetailPage() {
  const { id } = useParams();
  const { data: inst, loading, error } = useLoad(() => api<InstitutionDetail>(`/institutions/${id}`), [id]);
  const meta = useLoad(() => api<InstitutionMeta>('/institutions/meta'), []);
  const designationName = new Map(meta.data?.designations.map((d) => [d.designation, d.name]));

  if (error && !inst) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!inst) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={inst.name} extra={<BackButton />}>
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
      <Card title={`人员（${inst.staff.length} 人）`}>
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
          ]}
        />
      </Card>
    </Space>
  );
}
