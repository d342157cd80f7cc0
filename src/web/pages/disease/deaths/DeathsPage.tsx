import { Button, Card, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { SEX_NAMES } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { PeriodAreaFilter, usePeriod } from './PeriodFilter.tsx';
import { DEATH_PLACES, type DeathItem } from './deaths-types.ts';

/** 死亡登记: the registered deaths of the user's area for a period, and the way to register one. */
export default function DeathsPage() {
  const { number, page, pageSize, pagination } = useQueryParams();
  const { from, to } = usePeriod();
  const areaId = number('areaId');
  const user = useCurrentUser();
  const { data, loading } = useLoad(() => api<Page<DeathItem>>('/disease/deaths', { query: { areaId, from, to, page, pageSize } }), [areaId, from, to, page, pageSize]);
  return (
    <Card
      title="死亡登记"
      extra={
        allowed(user.role, 'disease.report') && (
          <Link to="/disease/deaths/new">
            <Button type="primary" icon={<PlusOutlined />}>
              登记死亡
            </Button>
          </Link>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <PeriodAreaFilter periodLabel="死亡日期" />
        <Table<DeathItem>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination(data?.total, (n) => `共 ${n} 例`)}
          columns={[
            { title: '姓名', render: (_, d) => <Link to={`/people/persons/${d.personId}`}>{d.personName}</Link> },
            { title: '性别', render: (_, d) => SEX_NAMES[d.sex] },
            { title: '出生日期', dataIndex: 'birthDate' },
            { title: '户籍村', dataIndex: 'areaName' },
            { title: '死亡日期', dataIndex: 'deathDate' },
            { title: '死亡地点', render: (_, d) => DEATH_PLACES[d.place] ?? d.place },
            { title: '根本死因', dataIndex: 'underlyingCause' },
            { title: '报告单位', render: (_, d) => d.institutionName ?? '—' },
            { title: '登记人', dataIndex: 'registeredByName' },
          ]}
        />
      </Space>
    </Card>
  );
}
