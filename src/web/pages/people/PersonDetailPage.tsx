import { Card, Descriptions, Result, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { PersonDetail } from '../../api/types.ts';
import { PersonStatusTag } from '../../components/PersonStatusTag.tsx';
import { PersonTable } from '../../components/PersonTable.tsx';
import { nameOf, RELATION_NAMES, SEX_NAMES } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { BackButton } from '../../components/BackButton.tsx';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { StatusChangeButton } from './StatusChangeButton.tsx';
import { EditPersonButton } from './EditPersonButton.tsx';
import { PersonRecordCard } from '../records/PersonRecordCard.tsx';

export default function PersonDetailPage() {
  const { id } = useParams();
  const mayWrite = allowed(useCurrentUser().role, 'people.write');
  const { data: person, loading, error, reload } = useLoad(() => api<PersonDetail>(`/persons/${id}`), [id]);

  if (error && !person) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!person) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`居民：${person.name}`}
        extra={
          <Space>
            {mayWrite && <EditPersonButton person={person} onSaved={reload} />}
            {mayWrite && <StatusChangeButton person={person} onChanged={reload} />}
            <BackButton />
          </Space>
        }
      >
        <Descriptions bordered column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label="姓名">{person.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{person.idNumber ?? '（未办理）'}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <PersonStatusTag status={person.status} date={person.statusDate} />
          </Descriptions.Item>
          <Descriptions.Item label="性别">{nameOf(SEX_NAMES, person.sex)}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{person.birthDate}</Descriptions.Item>
          <Descriptions.Item label="民族">{person.ethnicity}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{person.phone}</Descriptions.Item>
          <Descriptions.Item label="所属区划">{person.areaName}</Descriptions.Item>
          <Descriptions.Item label="与户主关系">{nameOf(RELATION_NAMES, person.relation)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={
          <span>
            家庭户 <Link to={`/people/households/${person.household.id}`}>{person.household.householdNo}</Link>
          </span>
        }
        extra={person.household.address}
      >
        <PersonTable
          columns={['name', 'relation', 'idNumber', 'sex', 'birthDate', 'status']}
          dataSource={person.household.members}
          pagination={false}
          rowClassName={(member) => (member.id === person.id ? 'ant-table-row-selected' : '')}
        />
      </Card>
      <PersonRecordCard personId={person.id} />
    </Space>
  );
}
