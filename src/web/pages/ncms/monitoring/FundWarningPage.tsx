import { Alert, Card, Col, List, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { todayInShanghai } from '../../../lib/format.ts';
import { fenAmount } from '../money.ts';
import { percentText, WARNING_COLORS } from './format.ts';
import { MonitoringChart, type MonitoringChartOption } from './MonitoringChart.tsx';
import type { FundEarlyWarning } from './monitoring-types.ts';

const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);

/** Cumulative spending: actual months, then the forecast, against the funds raised and the 15 % balance line. */
function forecastChart(w: FundEarlyWarning): MonitoringChartOption {
  const months = w.forecast.monthly;
  let running = 0;
  const actual = months.map((m) => (m.actualFen === null ? null : yuan((running += m.actualFen))));
  const forecast = months.map((m, i) => {
    if (m.forecastFen === null) return i === w.forecast.completeMonths - 1 ? actual[i]! : null; // the line starts where the actual ends
    return yuan((running += m.forecastFen));
  });
  let lastRunning = 0;
  const lastYear = w.lastYearMonthly?.map((fen) => yuan((lastRunning += fen)));
  const band = yuan(Math.round(w.raisedFen * (1 - w.limits.yearBalanceMax)));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '' : `${Number(v).toLocaleString('zh-CN')} 元`) },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => `${m.month} 月`) },
    // Up to the funds raised at least, so its line shows even while spending is far below it.
    yAxis: { type: 'value', name: '元', max: (extent: { max: number }) => Math.max(extent.max, yuan(w.raisedFen)! * 1.05) },
    series: [
      {
        type: 'line',
        name: '累计实际支出',
        data: actual,
        markLine: {
          symbol: 'none',
          data: [
            { yAxis: yuan(w.raisedFen)!, name: '当年筹集', lineStyle: { color: '#f5222d' }, label: { formatter: '当年筹集基金' } },
            { yAxis: band!, name: '结余下限', lineStyle: { color: '#fa8c16', type: 'dashed' }, label: { formatter: `支出达此线结余不超过 ${percentText(w.limits.yearBalanceMax)}` } },
          ],
        },
      },
      { type: 'line', name: '预测累计支出', data: forecast, lineStyle: { type: 'dashed' } },
      ...(lastYear ? [{ type: 'line' as const, name: '上年累计支出', data: lastYear, lineStyle: { color: '#bbb' }, itemStyle: { color: '#bbb' } }] : []),
    ],
  };
}

/** 基金预警: the year's usage against the calendar and the balance limits, the year-end forecast and the warning level. */
export default function FundWarningPage() {
  const { number, update } = useQueryParams();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const year = number('year') ?? thisYear;
  const data = useLoad(() => api<FundEarlyWarning>('/ncms/monitoring/fund-warning', { query: { year } }), [year]);
  const w = data.data;
  return (
    <Card
      title="基金预警"
      loading={data.loading && !w}
      extra={<Select value={year} style={{ width: 110 }} onChange={(y: number) => update({ year: y })} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))} />}
    >
      {w && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type={w.level === 'normal' ? 'success' : w.level === 'notice' ? 'info' : w.level === 'warning' ? 'warning' : 'error'}
            showIcon
            message={<span>预警等级 <Tag color={WARNING_COLORS[w.level]}>{w.levelName}</Tag>（截至 {w.asOf}，全部统筹区合计）</span>}
            description={
              w.warnings.length ? (
                <List size="small" dataSource={w.warnings} renderItem={(x) => <List.Item><Tag color={WARNING_COLORS[x.level]}>{x.levelName}</Tag>{x.text}</List.Item>} />
              ) : (
                '基金运行正常：使用进度与结余均在控制标准以内'
              )
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Statistic title="当年筹集基金" value={fenAmount(w.raisedFen)} suffix="元" /></Col>
            <Col xs={12} md={6}><Statistic title="当年已支出" value={fenAmount(w.spendingFen)} suffix="元" /></Col>
            <Col xs={12} md={6}>
              <Statistic title="基金使用进度（支出 ÷ 筹集）" value={percentText(w.usageRate)} />
              <Typography.Text type="secondary">时间进度 {percentText(w.timeShare)}</Typography.Text>
            </Col>
            <Col xs={12} md={6}><Statistic title="累计结余（含历年）" value={fenAmount(w.accumulatedBalanceFen)} suffix="元" /></Col>
            <Col xs={12} md={6}><Statistic title="预计年末支出" value={w.forecast.yearEndSpendingFen === null ? '暂不预测' : fenAmount(w.forecast.yearEndSpendingFen)} suffix={w.forecast.yearEndSpendingFen === null ? undefined : '元'} /></Col>
            <Col xs={12} md={6}>
              <Statistic title="预计年末当年结余率" value={percentText(w.forecast.yearEndBalanceRate)} />
              <Typography.Text type="secondary">控制标准 ≤ {percentText(w.limits.yearBalanceMax)}</Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="预计年末累计结余" value={w.forecast.accumulatedYearEndFen === null ? '暂不预测' : fenAmount(w.forecast.accumulatedYearEndFen)} suffix={w.forecast.accumulatedYearEndFen === null ? undefined : '元'} />
              <Typography.Text type="secondary">控制标准 ≤ 当年筹集的 {percentText(w.limits.accumulatedBalanceMax)}</Typography.Text>
            </Col>
          </Row>
          <Typography.Text type="secondary">预测方法：{w.forecast.methodText}（已完整的月份：{w.forecast.completeMonths} 个）</Typography.Text>
          <MonitoringChart option={forecastChart(w)} height={340} />
        </Space>
      )}
    </Card>
  );
}
