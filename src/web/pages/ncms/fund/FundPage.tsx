import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { api } from '../../../api/client.ts';
import { BarChart } from '../../../components/BarChart.tsx';
import { todayInShanghai } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { FundOverview, InstitutionStatement } from '../ncms-types.ts';
import { fenAmount, fenText } from '../money.ts';
import { ratePercent } from '../enrollment/enrollment-logic.ts';
import { currentYear } from '../enrollment/year.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** A figure in yuan for a statistic card. */
function Money({ title, fen }: { title: string; fen: number }) {
  return <Statistic title={title} value={fenAmount(fen)} suffix="元" />;
}

/** Yuan as a chart value (two decimals are exact enough for bar heights; labels use fenText). */
const chartYuan = (fen: number) => Math.round(fen) / 100;

/** 基金: the year's funds raised by source, compensation by kind, balance, usage against the calendar, months, and institution statements. */
export default function FundPage() {
  const { number, text, update } = useQueryParams();
  const year = number('year') ?? currentYear();
  const pool = text('pool');
  const month = number('month') ?? Number(todayInShanghai().slice(5, 7));
  const years = useLoad(() => api<{ pool: string; year: number }[]>('/ncms/fund/years'), []);
  const overview = useLoad(() => api<FundOverview>('/ncms/fund/overview', { query: { year, pool } }), [year, pool]);
  const statements = useLoad(() => api<InstitutionStatement[]>('/ncms/fund/statements', { query: { year, month, pool } }), [year, month, pool]);
  const o = overview.data;
  const yearOptions = [...new Set([year, ...(years.data ?? []).map((y) => y.year)])].sort((a, b) => b - a);
  const poolOptions = [...new Set((years.data ?? []).map((y) => y.pool))];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="新农合基金">
        <Space wrap>
          <span>
            基金年度 <Select value={year} onChange={(value: number) => update({ year: value })} options={yearOptions.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} />
          </span>
          <span>
            统筹区{' '}
            <Select
              value={pool}
              allowClear
              placeholder="全部统筹区合计"
              onChange={(value?: string) => update({ pool: value })}
              options={poolOptions.map((p) => ({ value: p, label: p }))}
              style={{ width: 180 }}
            />
          </span>
        </Space>
        {o && (
          <>
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={12} md={6}><Money title="筹集资金（个人缴费 + 政府补助）" fen={o.raisedFen} /></Col>
              <Col xs={12} md={6}><Money title="补偿支出" fen={o.spendingFen} /></Col>
              <Col xs={12} md={6}><Money title="当年结余" fen={o.balanceFen} /></Col>
              <Col xs={12} md={6}><Money title="基金专户存款" fen={o.bankFen} /></Col>
              <Col xs={12} md={6}>
                <Statistic title="基金使用率（支出 ÷ 筹集）" value={ratePercent(o.usageRate)} />
                <Typography.Text type="secondary">{`时间进度 ${ratePercent(o.timeShare)}`}</Typography.Text>
              </Col>
              <Col xs={12} md={6}><Money title="个人缴费待解缴" fen={o.receivableIndividualFen} /></Col>
              <Col xs={12} md={6}><Money title="财政补助待拨付" fen={o.receivableGovernmentFen} /></Col>
              <Col xs={12} md={6}><Money title="应付定点医疗机构" fen={o.payableFen} /></Col>
            </Row>
            {o.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                message="基金预警"
                description={<ul style={{ margin: 0 }}>{o.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
              />
            )}
          </>
        )}
      </Card>
      {o && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <AmountsCard title="收入（按资金来源）" rowKey="source" label="来源" rows={o.incomeBySource} />
          </Col>
          <Col xs={24} md={12}>
            <AmountsCard title="支出（按补偿类别）" rowKey="kind" label="类别" rows={o.spendingByKind} />
          </Col>
        </Row>
      )}
      {o && (
        <Card title={`${year} 年逐月收支`}>
          <BarChart
            option={{
              legend: { top: 0 },
              grid: { left: 72, right: 24, top: 40, bottom: 32 },
              tooltip: { trigger: 'axis', valueFormatter: (value) => `${Number(value).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元` },
              xAxis: { type: 'category', data: o.monthly.map((m) => `${m.month} 月`) },
              yAxis: { type: 'value', axisLabel: { formatter: (value: number) => `${value.toLocaleString('zh-CN')} 元` } },
              series: [
                { type: 'bar', name: '收入', data: o.monthly.map((m) => chartYuan(m.incomeFen)), itemStyle: { color: '#52c41a' } },
                { type: 'bar', name: '支出', data: o.monthly.map((m) => chartYuan(m.spendingFen)), itemStyle: { color: '#1677ff' } },
              ],
            }}
          />
        </Card>
      )}
      <Card
        title="定点医疗机构月结算单"
        extra={
          <Select value={month} onChange={(value: number) => update({ month: value })} options={MONTHS.map((m) => ({ value: m, label: `${m} 月` }))} style={{ width: 90 }} />
        }
      >
        {statements.data?.length === 0 ? (
          <Empty description={`${year} 年 ${month} 月没有结算往来`} />
        ) : (
          <Table<InstitutionStatement>
            rowKey={(s) => `${s.pool}-${s.institutionId}`}
            size="small"
            loading={statements.loading}
            dataSource={statements.data}
            pagination={false}
            scroll={{ x: 1100 }}
            columns={[
              { title: '机构', dataIndex: 'institutionName', fixed: 'left', width: 180 },
              { title: '上月结欠', dataIndex: 'openingFen', align: 'right', render: fenAmount },
              { title: '本月结算', key: 'settled', align: 'right', render: (_, s) => `${fenAmount(s.settledFen)}（${s.settledClaims} 笔）` },
              { title: '本月冲销', key: 'reversed', align: 'right', render: (_, s) => `${fenAmount(s.reversedFen)}（${s.reversedClaims} 笔）` },
              { title: '本月拨付', dataIndex: 'paidFen', align: 'right', render: fenAmount },
              { title: '审核扣减', dataIndex: 'deductedFen', align: 'right', render: fenAmount },
              { title: '调整', dataIndex: 'adjustedFen', align: 'right', render: fenAmount },
              { title: '月末应付', dataIndex: 'closingFen', align: 'right', render: (fen: number) => <strong>{fenAmount(fen)}</strong> },
              { title: '当前应付', dataIndex: 'owedNowFen', align: 'right', render: fenAmount },
            ]}
          />
        )}
        <Typography.Text type="secondary">金额单位：元。月末应付 = 上月结欠 + 本月结算 − 冲销 − 拨付 + 调整。</Typography.Text>
      </Card>
    </Space>
  );
}

/** Named amounts of the year (income by source, spending by kind) as a small two-column table. */
function AmountsCard<T extends { name: string; fen: number }>({ title, rowKey, label, rows }: { title: string; rowKey: keyof T & string; label: string; rows: T[] }) {
  return (
    <Card title={title} size="small">
      <Table<T>
        rowKey={rowKey}
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: label, dataIndex: 'name' },
          { title: '金额', dataIndex: 'fen', align: 'right', render: (fen: number) => fenText(fen) },
        ]}
      />
    </Card>
  );
}
