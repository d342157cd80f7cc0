import { Card, Descriptions, Result, Space, Spin } from 'antd';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { HouseholdDetail } from '../../api/types.ts';
import { BackButton } from '../../components/BackButton.tsx';
import { PersonTable } from '../../components/PersonTable.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { AddMemberButton } from './AddMemberButton.tsx';

export default function HouseholdDetailPage() {
  const { id } = useParams();
  const mayWrite = allowed(useCurrentUser().role, 'people.write');
  const { data: household, loading, error, reload } = useLoad(() => api<HouseholdDetail>(`/households/${id}`), [id]);

  if (error && !household) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!household) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`家庭户：${household.householdNo}`} extra={<BackButton />}>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="户号">{household.householdNo}</Descriptions.Item>
          <Descriptions.Item label="所属区划">{household.areaName}</Descriptions.Item>
          <Descriptions.Item label="户主">{household.headName}</Descriptions.Item>
          <Descriptions.Item label="户主身份证号">{household.headIdNumber}</Descriptions.Item>
          <Descriptions.Item label="地址">{household.address}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{household.phone}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={`家庭成员（${household.members.length} 人）`} extra={mayWrite && <AddMemberButton householdId={household.id} onAdded={reload} />}>
        <PersonTable columns={['name', 'relation', 'idNumber', 'sex', 'birthDate', 'status']} dataSource={household.members} pagination={false} />
      </Card>
    </Space>
  );
}
