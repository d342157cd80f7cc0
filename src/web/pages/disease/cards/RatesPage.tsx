import { Alert, Card, Form, Space, Table, Typography } from 'antd';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { percentText } from '../../immunization/immunization-logic.ts';
import { usePeriod } from './PeriodPicker.tsx';
import type { RateRow, RatesReport } from './card-types.ts';

const columns = (first: string) => [
  { title: first, dataIndex: 'name' },
  { title: '就诊登记病例', dataIndex: 'registered' },
  { title: '已报告', dataIndex: 'reported' },
  { title: '漏报', dataIndex: 'missed' },
  { title: '疫情报告率', render: (_: unknown, r: RateRow) => percentText(r.reportingRate) },
  { title: '报告卡', dataIndex: 'cards' },
  { title: '时限内报告', dataIndex: 'onTime' },
  { title: '报告及时率', render: (_: unknown, r: RateRow) => percentText(r.timelyRate) },
];

/** 疫情报告率 and 报告及时率 by township and institution for a period, with their definitions beside the figures. */
export default function RatesPage() {
  const { from, to, picker } = usePeriod();
  const report = useLoad(() => api<RatesReport>('/disease/report-rates', { query: { from, to } }), [from, to]);
  const data = report.data;
  return (
    <Card title="传染病报告率与及时率">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="时段（诊断日期）">{picker}</Form.Item>
        </Form>
        {data && (
          <Alert
            type="info"
            showIcon
            title="指标定义"
            description={
              <>
                <div>{data.definitions.reportingRate}</div>
                <div>{data.definitions.timelyRate}</div>
                <Typography.Text type="secondary">分母为 0 时显示「无数据」。</Typography.Text>
              </>
            }
          />
        )}
        <Table<RateRow> title={() => '按乡镇（机构所在乡镇；县级机构为县直机构）'} rowKey="key" size="small" loading={report.loading} dataSource={data ? [...data.townships, data.total] : []} pagination={false} columns={columns('乡镇')} />
        <Table<RateRow> title={() => '按报告单位'} rowKey="key" size="small" loading={report.loading} dataSource={data?.institutions} pagination={{ pageSize: 50 }} columns={columns('机构')} />
      </Space>
    </Card>
  );
}
