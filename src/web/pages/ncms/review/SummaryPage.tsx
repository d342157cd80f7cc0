import { Card, Select, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { fenAmount } from '../money.ts';
import { usePoolYear } from './PoolYearPicker.tsx';
import type { InstitutionReviewCounts } from './review-types.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }));

/** 审核汇总: per institution, claims selected and how they were decided, and the money review took off. */
export default function SummaryPage() {
  const { pool, year, picker, number, update } = usePoolYear();
  const month = number('month');
  const rows = useLoad(() => api<InstitutionReviewCounts[]>('/ncms/review/summary', { query: { year, month, pool } }), [year, month, pool]);
  const data = rows.data ?? [];
  const total = (key: keyof InstitutionReviewCounts) => data.reduce((s, r) => s + (r[key] as number), 0);

  return (
    <Card title="审核汇总">
      <Space wrap style={{ marginBottom: 16 }}>
        {picker}
        <Select value={month} allowClear placeholder="全年" style={{ width: 100 }} onChange={(v?: number) => update({ month: v })} options={MONTHS} />
      </Space>
      <Table<InstitutionReviewCounts>
        rowKey="institutionId"
        size="small"
        loading={rows.loading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: '机构', dataIndex: 'institutionName', render: (name: string, r) => <Link to={`/ncms/review?tab=all&year=${year}${month ? `&month=${month}` : ''}&institutionId=${r.institutionId}`}>{name}</Link> },
          { title: '级别', dataIndex: 'levelName', width: 70 },
          { title: '抽中', dataIndex: 'selected', width: 70, align: 'right' },
          { title: '待审', dataIndex: 'open', width: 70, align: 'right' },
          { title: '通过', dataIndex: 'approved', width: 70, align: 'right' },
          { title: '核减', dataIndex: 'adjusted', width: 70, align: 'right' },
          { title: '拒付', dataIndex: 'rejected', width: 70, align: 'right' },
          { title: '抽中单据统筹支付（元）', dataIndex: 'settledPayFen', align: 'right', render: fenAmount },
          { title: '审核扣减（元）', dataIndex: 'deductedFen', align: 'right', render: fenAmount },
        ]}
        summary={() =>
          data.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              {(['selected', 'open', 'approved', 'adjusted', 'rejected'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2} align="right">
                  {total(k)}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={7} align="right">{fenAmount(total('settledPayFen'))}</Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                <Typography.Text strong>{fenAmount(total('deductedFen'))}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
