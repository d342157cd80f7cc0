import type { BarChartOption } from '../../components/BarChart.tsx';
import type { Overview } from '../../api/types.ts';

const MALE = '#4a7fd4';
const FEMALE = '#e0708b';
const count = (n: number) => `${Math.abs(n).toLocaleString('zh-CN')} 人`;

/** Living residents per township (or village): one bar each, in code order. */
export function residentsByAreaChart(overview: Overview): BarChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => count(Number(v)) },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: overview.residentsByArea.map((a) => a.name), axisLabel: { interval: 0, rotate: overview.residentsByArea.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name: '在世居民', data: overview.residentsByArea.map((a) => a.count), itemStyle: { color: MALE }, barMaxWidth: 36 }],
  };
}

/** 人口金字塔: men to the left (drawn as negative values), women to the right, young at the bottom. */
export function pyramidChart(overview: Overview): BarChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => count(Number(v)) },
    legend: { data: ['男', '女'], top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => Math.abs(v).toLocaleString('zh-CN') } },
    yAxis: { type: 'category', data: overview.pyramid.map((b) => b.band), axisTick: { show: false } },
    series: [
      { type: 'bar', name: '男', stack: 'sex', data: overview.pyramid.map((b) => -b.male), itemStyle: { color: MALE }, label: { show: true, position: 'left', formatter: (p) => Math.abs(Number(p.value)).toLocaleString('zh-CN') } },
      { type: 'bar', name: '女', stack: 'sex', data: overview.pyramid.map((b) => b.female), itemStyle: { color: FEMALE }, label: { show: true, position: 'right', formatter: (p) => Number(p.value).toLocaleString('zh-CN') } },
    ],
  };
}
