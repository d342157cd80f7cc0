import { App, Button, Card, Space, Table, Typography } from 'antd';
import { api, download } from '../../api/client.ts';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { ScoreChart } from './TrendChart.tsx';
import { PeriodPicker, periodKind } from './PeriodPicker.tsx';
import { lastMonth, valueText, type IndicatorDefinition, type Ranking, type RankingRow, type RankingTrend } from './types.ts';

/**
 * 考核排名: scores and ranks of the township health centres of a month, a quarter, a half-year (半年总结) or a year
 * (全年考核), a bar chart, the Excel download and the monthly scores over the 12 months up to the period's end.
 */
export default function RankingPage() {
  const { message } = App.useApp();
  const { text, update } = useQueryParams();
  const period = text('period') ?? text('month') ?? lastMonth(todayInShanghai());
  const ranking = useLoad(() => api<Ranking>('/supervision/ranking', { query: { period } }), [period]);
  const end = ranking.data?.period.to;
  const trend = useLoad(() => (end ? api<RankingTrend>('/supervision/ranking/trend', { query: { month: end, months: 12 } }) : Promise.resolve(undefined)), [end]);
  const defs = useLoad(() => api<IndicatorDefinition[]>('/supervision/indicators'), []);
  const byCode = new Map((defs.data ?? []).map((d) => [d.code, d]));
  const rows = ranking.data?.rows ?? [];
  const ranked = rows.filter((r) => r.score !== null);

  return (
    <Card
      title={`乡镇卫生院考核排名${ranking.data ? `（${ranking.data.period.name}）` : ''}`}
      extra={<Button onClick={() => download('/supervision/ranking.xlsx', { period }, '考核排名.xlsx').catch((e: Error) => message.error(e.message))}>下载 Excel</Button>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker value={period} onChange={(p) => update({ period: p, month: undefined })} />
        <Typography.Text type="secondary">综合得分为百分制：达到目标得满分，未达标按评分方案计分；无数据的指标不计入。排名向全县各乡镇公开。</Typography.Text>
      </Space>
      {ranking.data && periodKind(period) !== 'month' && (
        <Typography.Paragraph type="secondary">
          {ranking.data.period.name}（{ranking.data.period.from} 至 {ranking.data.period.to}）由已计算的 {ranking.data.computedMonths.length} 个月汇总：按月统计的指标（如报告率、接种率）分子分母逐月相加，时点和年度指标（如参合率、建档率）取期末月；按 {ranking.data.period.to.slice(0, 4)} 年度的目标和评分方案计分。
        </Typography.Paragraph>
      )}
      {ranking.data && ranking.data.scheme.length === 0 && <Typography.Paragraph type="warning">本年度尚未设定评分方案，请在「考核目标与评分」页面设定。</Typography.Paragraph>}
      <ScoreChart
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 40, right: 20, bottom: 60 },
          xAxis: { type: 'category', data: ranked.map((r) => r.name), axisLabel: { rotate: 30 } },
          yAxis: { type: 'value', max: 100, name: '得分' },
          series: [{ type: 'bar', data: ranked.map((r) => r.score), label: { show: true, position: 'top' } }],
        }}
      />
      <Table<RankingRow>
        rowKey="areaId"
        loading={ranking.loading}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '—' },
          { title: '乡镇（街道）', dataIndex: 'name' },
          { title: '综合得分', dataIndex: 'score', render: (v: number | null) => (v === null ? '无数据' : v.toFixed(1)) },
          ...(ranking.data?.scheme ?? []).map((item) => ({
            title: `${byCode.get(item.indicator)?.name ?? item.indicator}（${item.points}分）`,
            key: item.indicator,
            render: (_: unknown, r: RankingRow) => {
              const i = r.items.find((x) => x.indicator === item.indicator);
              const def = byCode.get(item.indicator);
              if (!i || !def) return '—';
              return (
                <span style={{ color: i.earned !== null && i.earned < i.points ? '#cf1322' : undefined }}>
                  {i.earned === null ? '不计' : `${i.earned.toFixed(1)}分`}（{valueText(def, i.value)}）
                </span>
              );
            },
          })),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>截至 {end ?? ''} 近 12 个月各月得分</Typography.Title>
      <ScoreChart
        height={360}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { type: 'scroll', top: 0 },
          grid: { left: 40, right: 20, top: 40 },
          xAxis: { type: 'category', data: trend.data?.months ?? [] },
          yAxis: { type: 'value', max: 100, name: '得分' },
          series: (trend.data?.townships ?? []).map((t) => ({ type: 'line', name: t.name, data: t.scores, connectNulls: false })),
        }}
      />
    </Card>
  );
}
