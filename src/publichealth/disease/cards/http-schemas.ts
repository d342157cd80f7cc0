import { z } from 'zod';
import { DateString } from '../../../core/http-schemas.ts';
import { CASE_CLASSES, COURSES, DISEASE_CLASSES } from '../notifiable/schema.ts';

// Request and response shapes of the report-card routes.

const text = (max: number) => z.string().max(max);
const STATUSES = ['entered', 'checked', 'confirmed', 'revised', 'deleted'] as const;
const OUTCOMES = ['reported', 'late', 'missed', 'pending'] as const;
export const CardStatusEnum = z.enum(STATUSES).describe('entered 已录入待审核；checked 乡镇已审核；confirmed 县疾控已确认；revised 已订正待审核；deleted 已删除');
export const OutcomeEnum = z.enum(OUTCOMES).describe('reported 时限内已报告；late 迟报；missed 漏报（已过时限未报告）；pending 未报告但尚在时限内');

export const CardBody = z.object({
  visitId: z.number().int().positive().nullable().optional().describe('从就诊记录填报时的就诊编号'),
  personId: z.number().int().positive().nullable().optional().describe('居民编号（已知时）'),
  areaId: z.number().int().positive().describe('现住址所在村（社区）'),
  patientName: text(40).describe('患者姓名'),
  idNumber: text(20).nullable().optional().describe('有效证件号（身份证号）'),
  sex: z.enum(['M', 'F']),
  birthDate: DateString.nullable().optional().describe('出生日期；不详时填 ageYears'),
  ageYears: z.number().int().min(0).max(150).nullable().optional().describe('年龄（岁，出生日期不详时）'),
  parentName: text(40).nullable().optional().describe('患儿家长姓名（14 岁以下必填）'),
  phone: text(20).nullable().optional(),
  occupation: text(20).describe('人群分类（国家报告卡的分类，如 农民、学生、散居儿童）'),
  workUnit: text(100).nullable().optional().describe('工作单位（学校）'),
  address: text(200).nullable().optional().describe('现住详细地址'),
  icd10: text(20).describe('诊断 ICD-10 编码，如 B26.9'),
  caseClass: z.enum(CASE_CLASSES).describe('病例分类：suspected 疑似；clinical 临床诊断；confirmed 确诊；carrier 病原携带者'),
  course: z.enum(COURSES).nullable().optional().describe('急性/慢性（乙肝、丙肝、血吸虫病必填）'),
  onsetDate: DateString.nullable().optional().describe('发病日期（病原携带者可不填）'),
  diagnosedAt: z.iso.datetime({ offset: true }).describe('诊断时间（含时区，如 2026-03-01T09:30:00+08:00）'),
  deathDate: DateString.nullable().optional().describe('死亡日期'),
  doctorName: text(40).optional().describe('填卡医生，默认为当前用户'),
  remarks: text(500).nullable().optional().describe('备注'),
});

export const CardSummary = z.object({
  id: z.number(),
  patientName: z.string(),
  sex: z.enum(['M', 'F']),
  disease: z.string().describe('病名（含分型）'),
  diseaseId: z.string(),
  diseaseClass: z.enum(['A', 'B', 'C']),
  classA: z.boolean().describe('甲类或按甲类管理'),
  icd10: z.string(),
  caseClass: z.string(),
  institutionId: z.number(),
  institutionName: z.string().describe('报告单位'),
  areaName: z.string().describe('现住址村（社区）'),
  diagnosedAt: z.string(),
  reportedAt: z.string(),
  timeLimitHours: z.number().describe('报告时限（小时）'),
  onTime: z.boolean().describe('是否在时限内报告'),
  status: CardStatusEnum,
  version: z.number().describe('版本（订正一次加一）'),
});

const Action = z.enum(['check', 'confirm', 'revise', 'delete']);
export const CardDetail = CardSummary.extend({
  visitId: z.number().nullable(),
  personId: z.number().nullable(),
  areaId: z.number(),
  townshipName: z.string().nullable(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  ageYears: z.number().nullable(),
  parentName: z.string().nullable(),
  phone: z.string().nullable(),
  occupation: z.string(),
  workUnit: z.string(),
  address: z.string(),
  formId: z.string().nullable(),
  course: z.enum(COURSES).nullable(),
  onsetDate: z.string().nullable(),
  deathDate: z.string().nullable(),
  doctorName: z.string(),
  remarks: z.string(),
  enteredBy: z.string(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
  deleteReason: z.string().nullable(),
  alert: z.object({ id: z.number(), acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable() }).nullable().describe('甲类预警'),
  history: z.array(
    z.object({
      version: z.number(),
      action: z.enum(['enter', 'check', 'confirm', 'revise', 'delete']),
      fromStatus: CardStatusEnum.nullable(),
      toStatus: CardStatusEnum,
      at: z.string(),
      byName: z.string(),
      reason: z.string().nullable(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).describe('订正时变更的字段（原值 → 新值）'),
    }),
  ),
  actions: z.array(Action).describe('当前用户现在可以进行的操作'),
});

export const PeriodQuery = { from: DateString.describe('开始日期（诊断/就诊日期）'), to: DateString.describe('结束日期（含）') };

export const MissedItem = z.object({
  visitId: z.number(),
  institutionId: z.number(),
  institutionName: z.string().describe('责任报告单位（诊断机构）'),
  patientName: z.string(),
  areaName: z.string().nullable(),
  visitedAt: z.string(),
  deadline: z.string().describe('报告时限截止时间'),
  icd10: z.string(),
  disease: z.string(),
  classA: z.boolean(),
  hours: z.number(),
  outcome: OutcomeEnum,
  cardId: z.number().nullable(),
  cardInstitutionName: z.string().nullable().describe('已报告的单位（可为他院）'),
});

export const RateRow = z.object({
  key: z.string(),
  name: z.string(),
  registered: z.number().describe('就诊登记病例数（已过时限）'),
  reported: z.number().describe('已报告病例数'),
  missed: z.number().describe('漏报病例数'),
  reportingRate: z.number().nullable().describe('疫情报告率；null = 无数据'),
  cards: z.number().describe('本单位报告卡数'),
  onTime: z.number().describe('时限内报告的卡数'),
  timelyRate: z.number().nullable().describe('报告及时率；null = 无数据'),
});

export const AlertItem = z.object({
  id: z.number(),
  cardId: z.number(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  patientName: z.string(),
  disease: z.string(),
  institutionName: z.string(),
  areaName: z.string(),
  diagnosedAt: z.string(),
});

/** GET /disease/notifiable: the list in force on a day (notifiable/load.ts NotifiableList, without the compiled patterns) and the names the card form offers. */
export const NotifiableResponse = z.object({
  id: z.string().describe('目录版本编号'),
  name: z.string(),
  effective: z.string().describe('施行日期'),
  hours: z.object({ classA: z.number(), other: z.number() }).describe('报告时限（小时，自诊断起）：甲类及按甲类管理、其他'),
  duplicateDays: z.number().describe('同一患者同一病种在此天数内再报视为重卡'),
  matchDays: z.number().describe('报告卡与就诊记录诊断时间相差此天数内视为对应'),
  diseases: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      class: z.enum(DISEASE_CLASSES).describe('A 甲类；B 乙类；C 丙类'),
      forms: z.array(z.object({ id: z.string(), name: z.string() })).describe('分型（如病毒性肝炎的甲肝、乙肝）'),
      caseClasses: z.array(z.enum(CASE_CLASSES)).describe('可报告的病例分类'),
      unverified: z.array(z.string()).describe('取自一般知识、未经原文核对的内容'),
    }),
  ),
  caseClasses: z.record(z.enum(CASE_CLASSES), z.string()).describe('病例分类名称'),
  courses: z.record(z.enum(COURSES), z.string()).describe('急性/慢性名称'),
  occupations: z.array(z.string()).readonly().describe('人群分类（国家报告卡的分类）'),
  statuses: z.record(CardStatusEnum, z.string()).describe('报告卡状态名称'),
});
