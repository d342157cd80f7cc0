import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { BarChart, type BarChartOption } from '../../../components/BarChart.tsx';
import { comparisonRows, differenceText, figureText, type ComparisonRow } from '../../../../ncms/simulation/comparison-rows.ts';
import { fenAmount } from '../money.ts';
import type { SchemeOutcome, SimulationReport } from './simulation-types.ts';

const IN_FORCE = '现行方案';
const PROPOSED = '拟议方案';
const COLORS = { [IN_FORCE]: '#8c8c8c', [PROPOSED]: '#1677ff' };

/** Yuan as a bar height (labels use fenAmount). */
const chartYuan = (fen: number) => Math.round(fen) / 100;
const yuanTip = (value: unknown) => `${fenAmount(Math.round(Number(value) * 100))} 元`;

/** Two bars per category, in force and proposed. */
function pairedBars(categories: string[], a: number[], b: number[], axis: { formatter: (v: number) => string; tip: (v: unknown) => string }): BarChartOption {
  return {
    legend: { top: 0 },
    grid: { left: 80, right: 16, top: 36, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: axis.tip },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: axis.formatter } },
    series: [
      { type: 'bar', name: IN_FORCE, data: a, itemStyle: { color: COLORS[IN_FORCE] } },
      { type: 'bar', name: PROPOSED, data: b, itemStyle: { color: COLORS[PROPOSED] } },
    ],
  };
}

const money = { formatter: (v: number) => `${(v / 10_000).toLocaleString('zh-CN')} 万`, tip: yuanTip };
const percentAxis = { formatter: (v: number) => `${v}%`, tip: (v: unknown) => `${Number(v).toFixed(2)}%` };
const persons = { formatter: (v: number) => v.toLocaleString('zh-CN'), tip: (v: unknown) => `${Number(v).toLocaleString('zh-CN')} 人` };

/** Paid by level (inpatient, outpatient) and by the other kinds, so the bars add up to the total. */
function paidGroups(o: SchemeOutcome) {
  return [
    ...o.inpatientByLevel.map((s) => ({ key: `in-${s.level}`, label: `住院·${s.name}`, share: s })),
    ...o.outpatientByLevel.map((s) => ({ key: `out-${s.level}`, label: `门诊·${s.name}`, share: s })),
    ...o.byKind.filter((s) => s.kind === 'chronic' || s.kind === 'delivery').map((s) => ({ key: s.kind, label: s.name, share: s })),
  ];
}

function Charts({ report }: { report: SimulationReport }) {
  const a = report.inForce.outcome;
  const b = report.proposed.outcome;
  const groups = paidGroups(a);
  const other = new Map(paidGroups(b).map((g) => [g.key, g.share]));
  const ratioGroups = groups.filter((g) => !g.key.startsWith('chronic') && !g.key.startsWith('delivery'));
  const ratio = (r: number | null | undefined) => (r === null || r === undefined ? 0 : Math.round(r * 10_000) / 100);
  const charts: Array<[string, BarChartOption]> = [
    ['补偿支出（按级别、类别）', pairedBars(groups.map((g) => g.label), groups.map((g) => chartYuan(g.share.paidFen)), groups.map((g) => chartYuan(other.get(g.key)?.paidFen ?? 0)), money)],
    ['实际补偿比（补偿 ÷ 总费用，按级别）', pairedBars(ratioGroups.map((g) => g.label), ratioGroups.map((g) => ratio(g.share.ratio)), ratioGroups.map((g) => ratio(other.get(g.key)?.ratio)), percentAxis)],
    ['个人自付分布（全年合计，人数）', pairedBars(a.selfPay.buckets.map((x) => x.label), a.selfPay.buckets.map((x) => x.persons), b.selfPay.buckets.map((x) => x.persons), persons)],
    ['基金年末结余', pairedBars(['筹集基金', '补偿支出', '当年结余'], [a.raisedFen, a.paidFen, a.balanceFen].map(chartYuan), [b.raisedFen, b.paidFen, b.balanceFen].map(chartYuan), money)],
  ];
  return (
    <Row gutter={[16, 16]}>
      {charts.map(([title, option]) => (
        <Col key={title} xs={24} lg={12}>
          <Card size="small" title={title}>
            <BarChart option={option} height={300} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The comparison table, one group's rows under one merged cell. */
function ComparisonTable({ rows }: { rows: ComparisonRow[] }) {
  const firstOfGroup = new Map<string, number>();
  rows.forEach((r, i) => firstOfGroup.has(r.group) || firstOfGroup.set(r.group, i));
  const span = (group: string, index: number) => (firstOfGroup.get(group) === index ? rows.filter((r) => r.group === group).length : 0);
  return (
    <Table<ComparisonRow & { index: number }>
      size="small"
      pagination={false}
      bordered
      rowKey="index"
      dataSource={rows.map((r, index) => ({ ...r, index }))}
      columns={[
        { title: '类别', dataIndex: 'group', width: 110, onCell: (r) => ({ rowSpan: span(r.group, r.index) }) },
        { title: '项目', dataIndex: 'label' },
        { title: IN_FORCE, align: 'right', render: (_, r) => figureText(r.kind, r.inForce) },
        { title: PROPOSED, align: 'right', render: (_, r) => <Typography.Text strong>{figureText(r.kind, r.proposed)}</Typography.Text> },
        { title: '差额（拟议 − 现行）', align: 'right', render: (_, r) => differenceText(r) },
      ]}
    />
  );
}

/** 测算结果: the headline figures, warnings, both schemes side by side, and the charts. */
export function SimulationResult({ report }: { report: SimulationReport }) {
  const a = report.inForce.outcome;
  const b = report.proposed.outcome;
  const diff = (fen: number) => `${fen >= 0 ? '+' : '-'}${fenAmount(Math.abs(fen))} 元`;
  const warnings = [...a.warnings.map((w) => `现行方案：${w}`), ...b.warnings.map((w) => `拟议方案：${w}`)];
  return (
    <Card title={`测算结果：${report.pool} 统筹区 ${report.year} 年度，重算报销单据 ${report.claims.toLocaleString('zh-CN')} 条，涉及 ${report.persons.toLocaleString('zh-CN')} 人`} data-testid="simulation-result">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Statistic title={`补偿支出（${IN_FORCE}）`} value={fenAmount(a.paidFen)} suffix="元" /></Col>
        <Col xs={12} md={6}>
          <Statistic title={`补偿支出（${PROPOSED}）`} value={fenAmount(b.paidFen)} suffix="元" />
          <Typography.Text type="secondary">{diff(b.paidFen - a.paidFen)}</Typography.Text>
        </Col>
        <Col xs={12} md={6}><Statistic title={`年末当年结余（${IN_FORCE}）`} value={fenAmount(a.balanceFen)} suffix="元" /></Col>
        <Col xs={12} md={6}>
          <Statistic title={`年末当年结余（${PROPOSED}）`} value={fenAmount(b.balanceFen)} suffix="元" valueStyle={b.balanceFen < 0 ? { color: '#cf1322' } : undefined} />
          <Typography.Text type="secondary">{`结余率 ${figureText('ratio', b.balanceRate)}（现行 ${figureText('ratio', a.balanceRate)}）`}</Typography.Text>
        </Col>
      </Row>
      {warnings.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 16 }} message="基金预警" description={<ul style={{ margin: 0 }}>{warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
      )}
      <Alert type="info" style={{ marginTop: 16 }} message="测算说明" description={<ul style={{ margin: 0 }}>{report.notes.map((n) => <li key={n}>{n}</li>)}</ul>} />
      <div style={{ marginTop: 16 }}>
        <Charts report={report} />
      </div>
      <div style={{ marginTop: 16 }}>
        <ComparisonTable rows={comparisonRows(report)} />
      </div>
    </Card>
  );
}
