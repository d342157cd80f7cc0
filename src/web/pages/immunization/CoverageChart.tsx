import { use } from 'echarts/core';
import { MarkLineComponent } from 'echarts/components';
import { BarChart } from '../../components/BarChart.tsx';
import { percentText, percentValue } from './immunization-logic.ts';

// The target line is ECharts' markLine, a part the shared bar chart does not load by itself.
use([MarkLineComponent]);

export interface ChartArea {
  name: string;
  rate: number | null;
  meetsTarget: boolean | null;
}

/** One dose's coverage per area as bars (red below the target, none for 无数据), with the target as a dashed line. */
export function CoverageChart({ areas, target, title }: { areas: ChartArea[]; target: number; title: string }) {
  return (
    <BarChart
      height={Math.max(260, Math.min(420, 120 + areas.length * 8))}
      option={{
        grid: { left: 48, right: 24, top: 32, bottom: areas.length > 8 ? 80 : 40 },
        tooltip: { trigger: 'axis', formatter: (params) => {
          const p = ([params].flat()[0] as { dataIndex: number } | undefined);
          const area = p ? areas[p.dataIndex] : undefined;
          return area ? `${area.name}<br/>${title}接种率：${percentText(area.rate)}` : '';
        } },
        xAxis: { type: 'category', data: areas.map((a) => a.name), axisLabel: { rotate: areas.length > 8 ? 40 : 0, interval: 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'bar',
            name: `${title}接种率`,
            barMaxWidth: 36,
            data: areas.map((a) => ({ value: percentValue(a.rate) ?? '-', itemStyle: { color: a.meetsTarget === false ? '#f5222d' : '#1677ff' } })),
            label: { show: areas.length <= 12, position: 'top', formatter: (p) => percentText(areas[p.dataIndex]?.rate) },
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#fa8c16' },
              label: { formatter: `目标 ${target}%` },
              data: [{ yAxis: target }],
            },
          },
        ],
      }}
    />
  );
}
