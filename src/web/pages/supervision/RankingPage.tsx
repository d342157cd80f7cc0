import { Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { ScoreChart } from './TrendChart.tsx';
import { lastMonth, valueText, type IndicatorDefinition, type Ranking, type RankingRow, type RankingTrend } from './types.ts';

/** 考核排名: scores and ranks of the township health centres of a month, a bar chart and the trend over 12 months. */
export default function RankingPage() {
  const { text, update } = useQueryParams();
  const month = text('month') ?? lastMonth(todayInShanghai());
  const ranking = useLoad(() => api<Ranking>('/supervision/ranking', { query: { month } }), [month]);
  const trend = useLoad(() => api<RankingTrend>('/supervision/ranking/trend', { query: { month, months: 12 } }), [month]);
  const defs = useLoad(() => api<IndicatorDefinition[]>('/supervision/indicators'), []);
  const byCode = new Map((defs.data ?? []).map((d) => [d.code, d]));
  const rows = ranking.data?.rows ?? [];
  const ranked = rows.filter((r) => r.score !== null);

  return (
    <Card title="乡镇卫生院考核排名">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>
          月份 <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && update({ month: d.format('YYYY-MM') })} />
        </span>
        <Typography.Text type="secondary">综合得分为百分制：达到目标得满分，未达标按评分方案计分；无数据的指标不计入。排名向全县各乡镇公开。</Typography.Text>
      </Space>
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
      <Typography.Title level={5} style={{ marginTop: 24 }}>近 12 个月得分趋势</Typography.Title>
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
