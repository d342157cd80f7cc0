/**
 * Response schemas of the supervision routes, field by field from the service types (indicators/types.ts,
 * indicators/table.ts, scoring/*, bulletins/*, inspections/inspections.ts). The serializer drops any field not named
 * here, so a field added to a service type must be added here too.
 */
import { z } from 'zod';

const month = z.string().describe('月份 YYYY-MM');
const value = z.number().nullable();

/** An item of a year's scoring scheme (request body and answer alike). */
export const ScoringItem = z.object({
  indicator: z.string().describe('指标代码（见指标库）'),
  points: z.number().describe('分值'),
  rule: z.enum(['proportional', 'deduct', 'none']).describe('未达标时的计分规则：proportional 按完成比例；deduct 每低 1 个单位扣 deductPerUnit 分；none 不得分'),
  deductPerUnit: z.number().optional(),
});

export const IndicatorDefinition = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  unit: z.enum(['%', '‰', 'count']).describe('% 百分比；‰ 千分比；count 计数（无分母）'),
  direction: z.enum(['higher', 'lower']).describe('higher 越高越好；lower 越低越好'),
  numerator: z.string().describe('分子的口径'),
  denominator: z.string().nullable().describe('分母的口径；计数指标为 null'),
  source: z.string().describe('数据来源模块（新农合、免疫规划……）'),
  levels: z.array(z.enum(['county', 'township', 'village', 'institution'])).describe('统计到哪些层级；含 institution 时可为单个机构设定目标'),
  period: z.string().describe('「一个月」的口径：当月 / 年初至当月末 / 当年'),
  aggregation: z.enum(['flow', 'stock']).describe('多月合成方式：flow 各月分子分母相加；stock 取统计期最后一个月'),
});

export const Period = z.object({
  key: z.string().describe('统计期：2026-03、2026-Q1、2026-H1、2026、2026-01..2026-05'),
  from: month.describe('起始月'),
  to: month.describe('结束月'),
  name: z.string().describe('中文名称，如 2026年第一季度'),
});

const Cell = z.object({
  value,
  numerator: z.number(),
  denominator: z.number().nullable(),
  target: value,
  meets: z.boolean().nullable().describe('是否达标；无值或无目标时为 null'),
});

const TableRow = z.object({
  areaId: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['county', 'township', 'village']),
  opensVillages: z.boolean().optional().describe('该乡镇的村在本人管辖范围内，可下钻到各村'),
  values: z.record(z.string(), Cell).describe('按指标代码'),
});

export const IndicatorTable = z.object({
  month: z.string().describe('统计期代码（月份或 2026-Q1 等）'),
  period: Period,
  computedMonths: z.array(month).describe('统计期内已计算保存的月份'),
  computedAt: z.string().nullable(),
  indicators: z.array(IndicatorDefinition),
  township: z.object({ id: z.number(), name: z.string() }).nullable().describe('查看某乡镇各村时的乡镇'),
  rows: z.array(TableRow),
  total: TableRow.nullable().describe('全县合计行'),
});

export const ComputedMonth = z.object({ month, values: z.number().describe('保存的指标值条数') });

export const Target = z.object({
  id: z.number(),
  year: z.number(),
  indicator: z.string(),
  areaId: z.number().nullable().describe('null：全部乡镇的统一目标（或机构目标）'),
  areaName: z.string().nullable(),
  institutionId: z.number().nullable(),
  institutionName: z.string().nullable(),
  target: z.number(),
  setByName: z.string(),
});

export const Ranking = z.object({
  month: z.string().describe('统计期代码（月份或 2026-H1 等）'),
  period: Period,
  computedMonths: z.array(month),
  scheme: z.array(ScoringItem),
  rows: z.array(
    z.object({
      areaId: z.number(),
      code: z.string(),
      name: z.string(),
      score: value.describe('综合得分（百分制）；无可计分项时为 null'),
      rank: z.number().nullable(),
      items: z.array(z.object({ indicator: z.string(), value, target: value, points: z.number().describe('分值'), earned: value.describe('得分') })),
    }),
  ),
});

export const RankingTrend = z.object({
  months: z.array(month),
  townships: z.array(z.object({ areaId: z.number(), name: z.string(), scores: z.array(value).describe('与 months 一一对应'), ranks: z.array(z.number().nullable()) })),
});

export const BulletinContent = z.object({
  format: z.literal(1),
  month,
  title: z.string(),
  county: z.string(),
  ranking: z.array(
    z.object({ rank: z.number().nullable(), areaId: z.number(), name: z.string(), score: value, previousRank: z.number().nullable().describe('上月名次'), scoreChange: value.describe('较上月得分变化') }),
  ),
  belowTarget: z.array(
    z.object({ township: z.string(), unit: z.string().describe('责任单位'), indicator: z.string(), indicatorName: z.string(), value: z.string(), target: z.string() }).describe('未达标项（已格式化的文字）'),
  ),
  countyFigures: z.array(z.object({ indicator: z.string(), name: z.string(), value: z.string(), previous: z.string(), change: z.string() })),
  sections: z.array(z.object({ title: z.string(), lines: z.array(z.string()) })).optional().describe('其他模块的段落（如新农合基金运行预警）；早期发布的通报没有'),
  text: z.string().describe('通报正文'),
});

const publication = {
  id: z.number(),
  month,
  version: z.number().describe('版本号；大于 1 为更正版'),
  correctionReason: z.string().nullable(),
  publishedByName: z.string(),
  publishedAt: z.date(),
};

export const Bulletin = z.object({ ...publication, content: BulletinContent });

export const BulletinListItem = z.object({ ...publication, title: z.string(), current: z.boolean().describe('该月的最新版本') });

const inspection = {
  id: z.number(),
  inspectedOn: z.string().describe('督查日期'),
  areaId: z.number(),
  areaName: z.string(),
  topic: z.string(),
  inspectors: z.string(),
  summary: z.string(),
  createdByName: z.string(),
};

export const InspectionListItem = z.object({
  ...inspection,
  problems: z.number().describe('问题数'),
  open: z.number().describe('未销号数'),
  overdue: z.number().describe('逾期未销号数'),
});

export const Inspection = z.object({
  ...inspection,
  problems: z.array(
    z.object({
      id: z.number(),
      description: z.string(),
      responsibleAreaId: z.number(),
      responsibleAreaName: z.string(),
      deadline: z.string().describe('整改期限'),
      status: z.enum(['open', 'rectified', 'closed']).describe('open 待整改；rectified 已整改待复查；closed 已销号'),
      overdue: z.boolean(),
      rectification: z.string().nullable().describe('整改情况'),
      rectifiedByName: z.string().nullable(),
      reviewNote: z.string().nullable().describe('复查意见'),
      closedByName: z.string().nullable(),
    }),
  ),
});
