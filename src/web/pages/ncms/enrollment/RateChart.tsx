import { use } from 'echarts/core';
import { MarkLineComponent } from 'echarts/components';
import { BarChart } from '../../../components/BarChart.tsx';
import type { AreaRate } from '../ncms-types.ts';
import { ratePercent } from './enrollment-logic.ts';

// The target line is ECharts' markLine, a part the shared bar chart does not load by itself.
use([MarkLineComponent]);

/** Enrollment rate per area as bars (red below the target), with the target as a dashed line across. */
export function RateChart({ areas, target }: { areas: AreaRate[]; target: number }) {
  const targetPercent = Math.round(target * 10_000) / 100;
  return (
    <BarChart
      height={Math.max(260, Math.min(420, 120 + areas.length * 8))}
      option={{
        grid: { left: 48, right: 24, top: 32, bottom: areas.length > 8 ? 80 : 40 },
        tooltip: { trigger: 'axis', valueFormatter: (value) => `${value}%` },
        xAxis: { type: 'category', data: areas.map((a) => a.name), axisLabel: { rotate: areas.length > 8 ? 40 : 0, interval: 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'bar',
            name: '参合率',
            barMaxWidth: 36,
            data: areas.map((a) => ({
              value: a.rate === null ? 0 : Math.round(a.rate * 10_000) / 100,
              itemStyle: { color: a.meetsTarget === false ? '#f5222d' : '#1677ff' },
            })),
            label: { show: areas.length <= 12, position: 'top', formatter: (p) => ratePercent(areas[p.dataIndex]?.rate) },
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#fa8c16' },
              label: { formatter: `目标 ${targetPercent}%` },
              data: [{ yAxis: targetPercent }],
            },
          },
        ],
      }}
    />
  );
}
