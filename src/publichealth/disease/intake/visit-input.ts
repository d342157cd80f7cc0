import { z } from 'zod';

// A visit as a sender sends it (API body, or one row of an imported file). Only the shape is checked here: every field is
// text, so that validateVisit can list every fault of every visit in Chinese instead of stopping at the first.

export const MAX_BATCH_VISITS = 500;
export const MAX_DIAGNOSES = 20;

const text = (description: string) => z.string().max(500, '内容过长（最多 500 个字符）').describe(description);
const optionalText = (description: string) => text(description).nullish();

export const VisitInput = z.object({
  visitId: text('发送方自己的就诊编号（门诊号/流水号）：同一机构内唯一，重发同一编号会被识别为已接收'),
  patient: z.object({
    name: text('患者姓名'),
    idNumber: optionalText('身份证号（18 位或旧版 15 位）；有则按身份证号匹配居民'),
    birthDate: optionalText('出生日期 YYYY-MM-DD；没有身份证号时必填'),
    sex: optionalText('性别：男/女（或 M/F）'),
    address: optionalText('住址：其中的村名用于按“姓名 + 出生日期 + 村”匹配居民'),
    village: optionalText('所在村（村名或 12 位区划代码），可不填'),
  }),
  department: optionalText('科室'),
  visitedAt: text('就诊时间（即诊断时间）：ISO 8601，如 2026-03-05T09:30:00+08:00；不带时区按北京时间；只写日期按当天 0 点'),
  diagnoses: z
    .array(z.object({ code: text('ICD-10 编码，如 B26.9'), name: optionalText('诊断名称（仅供核对，以编码为准）') }))
    .max(MAX_DIAGNOSES, `每次就诊最多 ${MAX_DIAGNOSES} 个诊断`)
    .describe('诊断，第一个为主要诊断'),
});
export type VisitInput = z.infer<typeof VisitInput>;

export const VisitBatchInput = z.object({
  visits: z.array(VisitInput).min(1, '至少需要一条就诊记录').max(MAX_BATCH_VISITS, `每批最多 ${MAX_BATCH_VISITS} 条就诊记录，请分批发送`),
});
