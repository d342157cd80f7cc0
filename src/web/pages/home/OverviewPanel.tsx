import { Card, Col, Row, Spin, Statistic, Table } from 'antd';
import { api } from '../../api/client.ts';
import type { Overview } from '../../api/types.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { pyramidChart, residentsByAreaChart } from './charts.ts';

const BY_LEVEL_TITLE: Record<string, string> = { township: '各乡镇（街道）在世居民', village: '各村（社区）在世居民' };

/** 辖区概况: the caller's area in figures and two charts. */
export function OverviewPanel() {
  const { data, loading } = useLoad(() => api<Overview>('/overview'), []);
  if (!data) return <Spin spinning={loading} style={{ display: 'block', margin: '40px 0' }} />;
  const institutions = data.institutionsByKind.reduce((sum, k) => sum + k.count, 0);
  // One village's bar would only repeat the resident card.
  const byArea = data.residentsByArea.length > 1;
  const cards = [
    // A village doctor's area holds no township: the card would only say 0.
    ...(data.byLevel === 'township' ? [{ title: '乡镇（街道）', value: data.townships, suffix: '个' }] : []),
    { title: '村（社区）', value: data.villages, suffix: '个' },
    { title: '家庭户', value: data.households, suffix: '户' },
    { title: '在世居民', value: data.residents, suffix: '人' },
    { title: '医疗机构（在用）', value: institutions, suffix: '家' },
  ];

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {cards.map((card) => (
          <Col key={card.title} flex="1 1 180px">
            <Card>
              <Statistic title={card.title} value={card.value} suffix={card.suffix} groupSeparator="," />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {byArea && (
          <Col xs={24} lg={14}>
            <Card title={BY_LEVEL_TITLE[data.byLevel]} size="small">
              <BarChart option={residentsByAreaChart(data)} />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={byArea ? 10 : 24}>
          <Card title="人口金字塔（在世居民，按年龄组和性别）" size="small">
            <BarChart option={pyramidChart(data)} />
          </Card>
        </Col>
      </Row>
      <Card title="医疗机构（按类别）" size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={data.institutionsByKind}
          columns={[
            { title: '类别', dataIndex: 'name' },
            { title: '数量', dataIndex: 'count', align: 'right', width: 120 },
          ]}
        />
      </Card>
    </>
  );
}
