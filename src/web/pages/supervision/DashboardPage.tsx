import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { formatTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { valuesHref } from './drilldown.ts';
import { ScoreChart } from './TrendChart.tsx';
import { valueText, type Dashboard, type DashboardCard, type IndicatorDefinition } from './types.ts';

const RED = '#cf1322';
const GREEN = '#389e0d';

/** 督导看板: the latest computed month's key indicators, one indicator's trend and the townships against target; every figure opens the township table. */
export default function DashboardPage() {
  const navigate = useNavigate();
  const { text, update } = useQueryParams();
  const month = text('month');
  const indicator = text('indicator');
  const board = useLoad(() => api<Dashboard>('/supervision/dashboard', { query: { month, indicator } }), [month, indicator]);
  const defs = useLoad(() => api<IndicatorDefinition[]>('/supervision/indicators'), []);
  const byCode = new Map((defs.data ?? []).map((d) => [d.code, d]));
  const d = board.data;
  const chosen = d ? byCode.get(d.indicator) : undefined;

  if (d && d.month === null) return <Card title="督导看板"><Empty description="还没有计算过任何月份的指标。请局管理员在「指标一览」页面选择月份并点击「计算本月指标」。" /></Card>;
  const shown = d?.month ?? undefined;

  const card = (c: DashboardCard) => {
    const def = byCode.get(c.indicator);
    if (!def || !shown) return null;
    const change = c.change === null ? '上月无数据' : `较上月 ${c.change > 0 ? '+' : ''}${c.change.toFixed(2)}`;
    return (
      <Col key={c.indicator} xs={24} sm={12} lg={6}>
        <Card hoverable size="small" onClick={() => navigate(valuesHref(shown))} data-indicator={c.indicator}>
          <Statistic title={def.name} value={valueText(def, c.value)} valueStyle={{ color: c.meets === null ? undefined : c.meets ? GREEN : RED, fontSize: 22 }} />
          <Space size="small" wrap>
            <Typography.Text type="secondary">目标 {c.target === null ? '未设定' : valueText(def, c.target)}</Typography.Text>
            {c.meets !== null && <Tag color={c.meets ? 'green' : 'red'}>{c.meets ? '达标' : '未达标'}</Tag>}
            <Typography.Text type="secondary">{change}</Typography.Text>
          </Space>
        </Card>
      </Col>
    );
  };

  return (
    <>
      <Card
        title={`督导看板${shown ? `（${Number(shown.slice(0, 4))}年${Number(shown.slice(5, 7))}月，全县）` : ''}`}
        style={{ marginBottom: 16 }}
        extra={
          <Space wrap>
            月份
            <DatePicker picker="month" allowClear={false} value={shown ? dayjs(`${shown}-01`) : undefined} onChange={(v) => v && update({ month: v.format('YYYY-MM') })} />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          {d?.computedAt ? `计算于 ${formatTime(d.computedAt)}。` : ''}绿色为达标，红色为未达标；无数据表示分母为 0（本月没有可统计的对象）。点击任一指标、柱子或折线点，可查看各乡镇和村的明细，再从各村打开参合、漏种、居民和报告卡名单。
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>{(d?.cards ?? []).map(card)}</Row>
      </Card>
      <Card
        title={chosen ? `${chosen.name}：近 12 个月与各乡镇对比` : '近 12 个月与各乡镇对比'}
        extra={
          <Select
            style={{ width: 220 }}
            value={d?.indicator}
            options={(defs.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
            onChange={(v) => update({ indicator: v })}
            aria-label="选择指标"
          />
        }
      >
        {d && chosen && shown && (
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>全县近 12 个月</Typography.Title>
              <ScoreChart
                onClick={(i) => navigate(valuesHref(d.trend[i]!.month))}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v) => valueText(chosen, v === null || v === undefined ? null : Number(v)) },
                  legend: { data: [chosen.name, '目标'], top: 0 },
                  grid: { left: 50, right: 20, top: 48, bottom: 40 },
                  xAxis: { type: 'category', data: d.trend.map((p) => p.month) },
                  yAxis: { type: 'value', name: chosen.unit === 'count' ? '' : chosen.unit },
                  series: [
                    { type: 'line', name: chosen.name, data: d.trend.map((p) => p.value), connectNulls: false, symbolSize: 8 },
                    { type: 'line', name: '目标', data: d.trend.map((p) => p.target), lineStyle: { type: 'dashed', color: RED }, itemStyle: { color: RED }, symbol: 'none', step: 'middle' },
                  ],
                }}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>各乡镇（{shown}）</Typography.Title>
              <ScoreChart
                onClick={(i) => navigate(valuesHref(shown, d.townships[i]!.opensVillages ? d.townships[i]!.areaId : undefined))}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v) => valueText(chosen, v === null || v === undefined ? null : Number(v)) },
                  legend: { data: [chosen.name, '目标'], top: 0 },
                  grid: { left: 50, right: 20, top: 48, bottom: 60 },
                  xAxis: { type: 'category', data: d.townships.map((t) => t.name), axisLabel: { interval: 0, rotate: d.townships.length > 8 ? 40 : 0 } },
                  yAxis: { type: 'value', name: chosen.unit === 'count' ? '' : chosen.unit },
                  series: [
                    {
                      type: 'bar',
                      name: chosen.name,
                      barMaxWidth: 36,
                      data: d.townships.map((t) => ({ value: t.value ?? undefined, itemStyle: { color: t.meets === false ? RED : t.meets ? GREEN : '#4a7fd4' } })),
                      label: { show: true, position: 'top', formatter: (p) => valueText(chosen, d.townships[p.dataIndex]!.value) },
                    },
                    { type: 'line', name: '目标', data: d.townships.map((t) => t.target), lineStyle: { type: 'dashed', color: RED }, itemStyle: { color: RED }, symbol: 'none' },
                  ],
                }}
              />
              <Space wrap size="small" aria-label="各乡镇村级明细">
                <Typography.Text type="secondary">村级明细：</Typography.Text>
                {d.townships
                  .filter((t) => t.opensVillages)
                  .map((t) => (
                    <Link key={t.areaId} to={valuesHref(shown, t.areaId)}>
                      {t.name}
                    </Link>
                  ))}
              </Space>
            </Col>
          </Row>
        )}
      </Card>
    </>
  );
}
