import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { DateFormat, DateString } from '../../core/http-schemas.ts';
import { PersonSummarySchema } from '../../core/people/person-schemas.ts';
import { BasicInfoSchema } from './basic-info.ts';
import { createRecord, recordVersions, updateRecord } from './records.ts';
import { recordOverview } from './record-overview.ts';
import { personTimeline } from './timeline/timeline.ts';
import { recordIndicators, INDICATOR_DEFINITIONS } from './indicators.ts';
import { addHealthCheck } from './health-checks.ts';
import { listRecords } from './record-list.ts';
import { RECORD_LIST_STATUSES, RECORD_LIST_STATUS_CODES } from './list-statuses.ts';
import { pageQuery, pageSchema } from '../../core/list-page.ts';

const PersonParams = z.object({ personId: z.coerce.number().int().positive().describe('人员 id') });
const Medium = z.enum(['electronic', 'paper']).describe('档案形式：electronic 电子档案；paper 纸质档案（仅登记编号）');
const RecordFieldsBody = {
  medium: Medium.optional(),
  institutionId: z.number().int().positive().nullable().optional().describe('建档单位（医疗机构 id）'),
  responsibleDoctor: z.string().max(40).nullable().optional().describe('责任医生姓名'),
  sections: BasicInfoSchema.optional().describe('个人基本信息表的栏目；给出的栏目整栏替换，未给出的不变'),
};

const Person = PersonSummarySchema;

const Record = z.object({
  id: z.number(),
  personId: z.number(),
  recordNo: z.string().describe('档案编号：村（社区）12 位统计用区划代码 + 5 位顺序号'),
  medium: Medium,
  createdOn: z.string().describe('建档日期'),
  institutionId: z.number().nullable(),
  institutionName: z.string().nullable().describe('建档单位'),
  responsibleDoctor: z.string().nullable().describe('责任医生'),
  createdByName: z.string().describe('建档人'),
  version: z.number().describe('版本号；修改时原样传回，他人已修改则拒绝'),
  updatedAt: z.string(),
  sections: z.record(z.string(), z.unknown()),
  status: z.object({
    status: z.enum(['active', 'closed']).describe('active 在用；closed 已结案（人员死亡或迁出）'),
    reason: z.enum(['deceased', 'moved_out']).optional(),
    reasonName: z.string().optional(),
    closedOn: z.string().nullable().optional(),
  }),
  completeness: z.object({
    complete: z.boolean(),
    required: z.number(),
    filled: z.number(),
    missing: z.array(z.object({ key: z.string(), label: z.string(), section: z.string(), sectionName: z.string() })).describe('尚未填写的必填项目'),
  }),
});

const Warning = z.object({ module: z.string(), label: z.string(), message: z.string() });
const RecordAnswer = z.object({
  person: Person,
  record: Record.nullable().describe('尚未建档时为 null'),
  dynamicUse: z
    .object({ from: z.string(), to: z.string(), lastService: z.string().nullable(), inUse: z.boolean() })
    .nullable()
    .describe('动态使用：近 12 个月内有无服务记录（接种、随访、体检、就诊等）'),
  warnings: z.array(Warning).describe('未能读取的模块，其服务未计入'),
});

const Figure = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable().describe('四位小数（0.9321 即 93.21%）；分母为 0 时为 null') });
const Counts = z.object({ residents: z.number(), records: z.number(), electronic: z.number(), dynamic: z.number(), complete: z.number() });
const Figures = { counts: Counts, recordRate: Figure, electronicRate: Figure, useRate: Figure, completenessRate: Figure };
const AreaFigures = z.object({ areaId: z.number(), code: z.string(), name: z.string(), ...Figures });
const RecordListItem = z.object({
  person: Person.pick({ id: true, name: true, idNumber: true, sex: true, birthDate: true, householdId: true, householdNo: true, areaId: true, areaName: true }),
  record: z
    .object({
      recordNo: z.string(),
      createdOn: z.string().describe('建档日期'),
      medium: Medium,
      complete: z.boolean().describe('必填项目是否齐全'),
      missing: z.array(z.string()).describe('尚未填写的必填项目'),
      inUse: z.boolean().describe('统计期内有无动态记录（接种、随访、体检、就诊等服务）'),
    })
    .nullable()
    .describe('截至统计期末尚未建档时为 null'),
});

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/records/persons/:personId',
    {
      schema: {
        tags: ['records'],
        summary: '居民的健康档案（含完整性与动态使用）',
        params: PersonParams,
        response: { 200: RecordAnswer },
      },
    },
    async (request) => recordOverview(app.db, requireActor(request), request.params.personId),
  );

  app.post(
    '/records/persons/:personId',
    {
      schema: {
        tags: ['records'],
        summary: '为居民建立健康档案',
        description: '一人一档；已有档案返回 409。档案编号自动生成。',
        params: PersonParams,
        body: z.object({ ...RecordFieldsBody, createdOn: DateString.optional().describe('建档日期，默认今天（补录纸质档案时填原建档日期）') }),
        response: { 200: Record },
      },
    },
    async (request) => createRecord(app.db, requireActor(request), request.params.personId, request.body),
  );

  app.patch(
    '/records/persons/:personId',
    {
      schema: {
        tags: ['records'],
        summary: '修改健康档案（按栏目）',
        description: '只记录有变化的栏目，每次修改留存修改前后的内容（版本与审计日志）。',
        params: PersonParams,
        body: z.object({ version: z.number().int().positive().describe('所编辑的版本号'), ...RecordFieldsBody }),
        response: { 200: Record },
      },
    },
    async (request) => updateRecord(app.db, requireActor(request), request.params.personId, request.body),
  );

  app.post(
    '/records/persons/:personId/checks',
    {
      schema: {
        tags: ['records'],
        summary: '登记健康体检',
        description: '记入居民健康档案的服务时间轴，计入动态使用。档案已结案（死亡、迁出）时拒绝。',
        params: PersonParams,
        body: z.object({
          checkedOn: DateString.describe('体检日期'),
          doctor: z.string().min(1).max(40).describe('体检医生'),
          institutionId: z.number().int().positive().nullable().optional().describe('体检单位（医疗机构 id），默认为本人所在机构'),
          systolic: z.number().int().nullable().optional().describe('收缩压 mmHg'),
          diastolic: z.number().int().nullable().optional().describe('舒张压 mmHg'),
          heightCm: z.number().nullable().optional().describe('身高（厘米）'),
          weightKg: z.number().nullable().optional().describe('体重（千克）'),
          conclusion: z.string().max(500).optional().describe('健康评价与指导'),
        }),
        response: {
          200: z.object({
            id: z.number(),
            checkedOn: z.string(),
            doctor: z.string(),
            institutionName: z.string().nullable(),
            systolic: z.number().nullable(),
            diastolic: z.number().nullable(),
            heightCm: z.number().nullable(),
            weightKg: z.number().nullable(),
            conclusion: z.string(),
            createdByName: z.string(),
          }),
        },
      },
    },
    async (request) => addHealthCheck(app.db, requireActor(request), request.params.personId, request.body),
  );

  app.get(
    '/records/persons/:personId/versions',
    {
      schema: {
        tags: ['records'],
        summary: '健康档案修改记录（新的在前）',
        params: PersonParams,
        response: {
          200: z.array(z.object({ version: z.number(), changed: z.array(z.string()), before: z.unknown(), after: z.unknown(), changedByName: z.string(), changedAt: z.string() })),
        },
      },
    },
    async (request) => recordVersions(app.db, requireActor(request), request.params.personId),
  );

  app.get(
    '/records/persons/:personId/timeline',
    {
      schema: {
        tags: ['records'],
        summary: '居民服务时间轴（各模块的服务，新的在前，按日期分页）',
        params: PersonParams,
        querystring: z.object({
          before: DateFormat.optional().describe('只列此日期之前的事件（上一页返回的 nextBefore）'),
          from: DateFormat.optional().describe('只列此日期及之后的事件'),
          modules: z.string().max(200).optional().describe('只看这些模块，逗号分隔，如 immunization,records'),
          limit: z.coerce.number().int().min(1).max(200).default(50).describe('每页事件数（同一天的事件不拆开）'),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                date: z.string(),
                module: z.string(),
                kind: z.string(),
                title: z.string(),
                detail: z.string().optional(),
                institutionName: z.string().optional(),
                link: z.string().optional(),
                service: z.boolean().describe('是否为健康服务（计入动态使用）'),
              }),
            ),
            nextBefore: z.string().nullable(),
            warnings: z.array(Warning),
            modules: z.array(z.object({ module: z.string(), label: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const { modules, ...rest } = request.query;
      return personTimeline(app.db, requireActor(request), request.params.personId, { ...rest, modules: modules?.split(',').map((m) => m.trim()).filter(Boolean) });
    },
  );

  app.get(
    '/records',
    {
      schema: {
        tags: ['records'],
        summary: '健康档案名单：区划内在册居民及其建档情况',
        description: '列出村或乡镇（含下级）在册存活居民，附档案编号、建档日期、档案形式、完整性和统计期内的动态使用；口径与健康档案指标相同，summary 为该区划的指标。不在管辖范围内的区划返回 404。',
        querystring: z.object({
          areaId: z.coerce.number().int().positive().optional().describe('村或乡镇（含下级）；默认本人管辖范围'),
          status: z.enum(RECORD_LIST_STATUS_CODES).optional().describe(`筛选：${Object.entries(RECORD_LIST_STATUSES).map(([k, v]) => `${k} ${v}`).join('；')}；不填为全部`),
          to: DateString.optional().describe('统计期末（建档情况截至此日），默认今天'),
          from: DateString.optional().describe('动态使用统计期起始日期，默认统计期末所在年的 1 月 1 日'),
          ...pageQuery,
        }),
        response: {
          200: pageSchema(RecordListItem).extend({
            totalCapped: z.boolean().describe('人数超过 10000 时只计到 10000'),
            period: z.object({ from: z.string(), to: z.string() }),
            summary: z.object(Figures).describe('该区划同期的建档率、使用率、完整率（与指标一致）'),
          }),
        },
      },
    },
    async (request) => listRecords(app.db, requireActor(request), request.query),
  );

  app.get(
    '/records/indicators',
    {
      schema: {
        tags: ['records'],
        summary: '健康档案指标（按乡镇、村）：建档率、电子档案建档率、使用率、完整率',
        querystring: z.object({
          from: DateString.describe('统计期起始日期'),
          to: DateString.describe('统计期截止日期'),
          areaId: z.coerce.number().int().positive().optional().describe('限定区划（含下级）；不在管辖范围内返回 404'),
        }),
        response: {
          200: z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            definitions: z.record(z.string(), z.object({ name: z.string(), definition: z.string() })).describe(`各指标的口径：${Object.values(INDICATOR_DEFINITIONS).map((d) => d.name).join('、')}`),
            townships: z.array(AreaFigures.extend({ villages: z.array(AreaFigures) })),
            total: z.object(Figures),
          }),
        },
      },
    },
    async (request) => recordIndicators(app.db, requireActor(request), request.query),
  );
};
