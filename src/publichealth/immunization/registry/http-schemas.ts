import { z } from 'zod';
import { CHILD_CONDITIONS } from '../schedules/schema.ts';

// Response shapes of the registry routes, shared by the registry, batch and import routes.

export const Condition = z.enum(CHILD_CONDITIONS).describe('儿童情况：mother_hbsag_positive 母亲乙肝表面抗原阳性；birth_weight_under_2000g 出生体重低于 2000 克');

export const PlannedDose = z
  .object({
    series: z.string().describe('疫苗系列（一种疾病一个系列，如 polio 含 IPV 与 bOPV）'),
    seriesName: z.string(),
    seriesDose: z.number().describe('在系列中的第几剂'),
    vaccine: z.string(),
    vaccineName: z.string(),
    dose: z.number().describe('该疫苗的第几剂'),
    schedule: z.string().describe('适用的免疫程序版本'),
    status: z.enum(['done', 'due', 'overdue', 'not_yet_due', 'not_to_give']).describe('done 已种；due 应种；overdue 逾期；not_yet_due 未到月龄；not_to_give 不再接种'),
    date: z.string().optional().describe('接种日期（已种）'),
    timely: z.boolean().optional().describe('是否及时接种（已种）'),
    dueDate: z.string().optional().describe('应种日期（满最小月龄之日）'),
    earliest: z.string().optional().describe('最早可种日期（考虑间隔和活疫苗 28 天规则）'),
    note: z.string().optional(),
    reason: z.string().optional().describe('不再接种的原因代码'),
    message: z.string().optional(),
  })
  .describe('计划中的一剂');

export const Plan = z.object({ birthDate: z.string(), on: z.string(), doses: z.array(PlannedDose) }).describe('免疫规划（按今天计算）');

export const DoseResult = z.object({ doseId: z.number(), childId: z.number(), plan: Plan });

export const ChildSummary = z.object({
  id: z.number().describe('接种档案编号'),
  personId: z.number(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  idNumber: z.string().nullable(),
  householdAreaName: z.string().describe('户籍所在村（社区）'),
  areaId: z.number().describe('现居住村（社区），按此管理和统计'),
  areaName: z.string(),
  address: z.string(),
  residence: z.enum(['local', 'migrant_in']).describe('local 本地；migrant_in 流入（流动儿童，户籍在外乡镇）'),
  status: z.enum(['active', 'moved_away', 'dead']).describe('active 在管；moved_away 迁出；dead 死亡'),
  statusDate: z.string().nullable(),
  clinicId: z.number(),
  clinicName: z.string(),
  certificateNo: z.string().nullable().describe('接种证号，未发证为空'),
  certificateIssuedOn: z.string().nullable(),
  guardianName: z.string(),
  guardianPhone: z.string().nullable(),
  conditions: z.array(Condition),
});

export const DoseView = z.object({
  id: z.number(),
  vaccine: z.string(),
  vaccineName: z.string(),
  dose: z.number(),
  date: z.string(),
  source: z.enum(['clinic', 'import', 'other_place']).describe('clinic 本单位接种；import 历史登记册导入；other_place 外地接种'),
  institutionId: z.number().nullable(),
  placeName: z.string().nullable().describe('接种单位或地点'),
  batchId: z.number().nullable(),
  batchNo: z.string().nullable(),
  manufacturer: z.string().nullable(),
  vaccinator: z.string().nullable(),
  site: z.string().nullable(),
  route: z.string().nullable(),
  enteredByName: z.string(),
});

export const ChildRecord = ChildSummary.extend({
  doses: z.array(DoseView),
  plan: Plan.nullable(),
  planProblems: z.array(z.object({ field: z.string(), message: z.string() })).describe('档案未通过程序引擎检查时的问题（如出生日期被更正到某剂之后）'),
});
