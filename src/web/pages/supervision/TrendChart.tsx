import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';

// Bars (scores of a month) and lines (scores over months): the parts of ECharts the ranking page uses.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ScoreChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** `onClick` gets the clicked item's category index (a township's bar, a month's point): the dashboard drills down by it. */
export function ScoreChart({ option, height = 320, onClick }: { option: ScoreChartOption; height?: number; onClick?: (dataIndex: number) => void }) {
  const onEvents = onClick ? { click: (e: { dataIndex: number }) => onClick(e.dataIndex) } : undefined;
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, cursor: onClick ? 'pointer' : undefined }} onEvents={onEvents} />;
}
