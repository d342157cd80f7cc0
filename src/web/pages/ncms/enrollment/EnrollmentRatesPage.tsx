import { useEffect, useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { AreaSelect } from '../../../components/AreaSelect.tsx';
import { findArea, useAreaTree } from '../../../lib/useAreaTree.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { AreaRate, EnrollmentRates, RateFigures } from '../ncms-types.ts';
import { ratePercent } from './enrollment-logic.ts';
import { RateChart } from './RateChart.tsx';
import { currentYear } from './year.ts';

type Row = AreaRate & { village: boolean; children?: Row[] };

function TargetTag({ figures }: { figures: RateFigures }) {
  if (figures.meetsTarget === null) return <Tag>无应参合人口</Tag>;
  return figures.meetsTarget ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>;
}

/** The year's target as a percentage, editable by the NCMS office. */
function TargetEditor({ year, target, onSaved }: { year: number; target: number; onSaved: () => void }) {
  const [value, setValue] = useState<number | null>(Math.round(target * 10_000) / 100);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  useEffect(() => setValue(Math.round(target * 10_000) / 100), [target]);

  async function save() {
    if (!value || value <= 0 || value > 100) {
      message.error('参合率目标应在 0 到 100% 之间');
      return;
    }
    setBusy(true);
    try {
      await api(`/ncms/enrollment-targets/${year}`, { method: 'PUT', body: { target: Math.round(value * 100) / 10_000 } });
      message.success(`${year} 年度参合率目标已设为 ${value}%`);
      onSaved();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space>
      <InputNumber value={value} onChange={setValue} min={1} max={100} step={1} suffix="%" style={{ width: 110 }} aria-label="参合率目标" />
      <Button onClick={() => void save()} loading={busy}>
        设为目标
      </Button>
    </Space>
  );
}

/** 参合管理: enrollment rates by township and village against the year's target, and the way into each village's register. */
export default function EnrollmentRatesPage() {
  const { number, update } = useQueryParams();
  const year = number('year') ?? currentYear();
  const areaId = number('areaId');
  const user = useCurrentUser();
  const tree = useAreaTree();
  const mayManage = allowed(user.role, 'ncms.manage');
  const mayEnroll = allowed(user.role, 'ncms.enroll');
  const rates = useLoad(() => api<EnrollmentRates>('/ncms/enrollment-rates', { query: { year, areaId } }), [year, areaId]);
  const data = rates.data;
  // A village doctor works in one village: straight to its register.
  const ownVillage = tree && findArea(tree, user.areaId)?.level === 'village' ? user.areaId : undefined;

  const rows: Row[] = (data?.townships ?? []).map((t) => ({
    ...t,
    village: false,
    children: data!.villages.filter((v) => v.townshipId === t.areaId).map((v) => ({ ...v, village: true })),
  }));
  // One township in view: its villages are the interesting bars.
  const chartAreas = data && data.townships.length === 1 ? data.villages : (data?.townships ?? []);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="参合管理"
        extra={
          <Space>
            {ownVillage && (
              <Link to={`/ncms/enrollment/villages/${ownVillage}?year=${year}`}>
                <Button type="primary" icon={<UserAddOutlined />}>本村参合登记</Button>
              </Link>
            )}
            {mayEnroll && (
              <Link to={`/ncms/enrollment/import?year=${year}`}>
                <Button icon={<UploadOutlined />}>导入花名册</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <span>
            参合年度 <InputNumber value={year} min={1900} max={2100} onChange={(value) => value && update({ year: value })} style={{ width: 100 }} />
          </span>
          <AreaSelect value={areaId} onChange={(value) => update({ areaId: value })} placeholder="全部乡镇" />
          {mayManage && data && <TargetEditor year={year} target={data.target} onSaved={rates.reload} />}
        </Space>
        {data && (
          <Row gutter={16}>
            <Col xs={12} md={5}><Statistic title="应参合人数" value={data.total.shouldEnroll} /></Col>
            <Col xs={12} md={5}><Statistic title="已参合人数" value={data.total.enrolled} /></Col>
            <Col xs={12} md={5}><Statistic title="参合率" value={ratePercent(data.total.rate)} /></Col>
            <Col xs={12} md={5}><Statistic title="目标" value={ratePercent(data.target)} /></Col>
            <Col xs={24} md={4} style={{ paddingTop: 28 }}><TargetTag figures={data.total} /></Col>
          </Row>
        )}
      </Card>
      {data && chartAreas.length > 0 && (
        <Card title={data.townships.length === 1 ? `${data.townships[0]!.name}各村参合率` : '各乡镇参合率'}>
          <RateChart areas={chartAreas} target={data.target} />
        </Card>
      )}
      <Card title="乡镇、村参合情况">
        <Typography.Paragraph type="secondary">
          应参合人数：农村（非城镇社区）在册居民，加上本年度参合后死亡或迁出的人。点开乡镇可见各村，点村名进入该村的参合登记。
        </Typography.Paragraph>
        <Table<Row>
          rowKey="areaId"
          size="middle"
          loading={rates.loading}
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: rows.length === 1 }}
          key={rows.length === 1 ? 'one' : 'many'}
          columns={[
            {
              title: '乡镇 / 村',
              dataIndex: 'name',
              render: (name: string, row) => (row.village ? <Link to={`/ncms/enrollment/villages/${row.areaId}?year=${year}`}>{name}</Link> : <strong>{name}</strong>),
            },
            { title: '应参合', dataIndex: 'shouldEnroll', width: 100, align: 'right' },
            { title: '已参合', dataIndex: 'enrolled', width: 100, align: 'right' },
            { title: '参合率', dataIndex: 'rate', width: 100, align: 'right', render: (rate: number | null) => ratePercent(rate) },
            { title: '', key: 'target', width: 110, render: (_, row) => <TargetTag figures={row} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
