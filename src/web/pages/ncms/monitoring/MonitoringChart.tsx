import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';

// Bars and lines with marked levels (targets, limits): the parts of ECharts the monitoring charts use.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type MonitoringChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption>;

/** A bar-and-line chart drawn on canvas; `option` is ECharts' own option object. */
export function MonitoringChart({ option, height = 300 }: { option: MonitoringChartOption; height?: number }) {
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />;
}
