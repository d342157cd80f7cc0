import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateString, IdParams } from '../../../core/http-schemas.ts';
import { changeThenRead } from '../../../core/change-then-read.ts';
import { pageQuery, pageSchema } from '../../../core/list-page.ts';
import { getChildRecord, listChildren } from './child-record.ts';
import { issueCertificate, registerChild, setChildStatus, updateChild } from './children.ts';
import { correctDose, deleteDose, recordDose } from './doses.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { registerLines } from './register-view.ts';
import { sendPdf } from '../../../core/pdf/http.ts';
import { ChildRecord, ChildSummary, Condition, DoseResult } from './http-schemas.ts';

const tags = ['immunization'];
const text = (max: number) => z.string().max(max);
const reason = text(200).describe('更正或删除的原因（记入审计日志）');

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/immunization/children',
    {
      schema: {
        tags,
        summary: '登记接种儿童（建档）',
        description: '从人口信息中的人员建立接种档案。本辖区人员用 personId；户籍在外乡镇的流动儿童用完整身份证号 idNumber，按现居住地管理。',
        body: z.object({
          personId: z.number().int().positive().optional().describe('人员编号（本辖区）'),
          idNumber: text(20).optional().describe('身份证号（流动儿童）'),
          clinicId: z.number().int().positive().optional().describe('负责的接种单位（预防接种门诊），默认为本人所在机构'),
          areaId: z.number().int().positive().describe('现居住村（社区）'),
          address: text(200).optional().describe('现居住地址'),
          guardianName: text(40).describe('监护人姓名'),
          guardianPhone: text(20).nullable().optional().describe('监护人电话（通知补种用）'),
          conditions: z.array(Condition).max(2).optional(),
          issueCertificate: z.boolean().optional().describe('同时发放接种证'),
        }),
        response: { 200: ChildRecord },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return getChildRecord(app.db, actor, await registerChild(app.db, actor, request.body));
    },
  );

  app.get(
    '/immunization/children',
    {
      schema: {
        tags,
        summary: '接种儿童列表（按现居住地）',
        querystring: z.object({
          areaId: z.coerce.number().int().positive().optional().describe('限定区划（含下级）；不在管辖范围内返回 404'),
          status: z.enum(['active', 'moved_away', 'dead']).optional(),
          residence: z.enum(['local', 'migrant_in']).optional(),
          clinicId: z.coerce.number().int().positive().optional(),
          q: text(40).optional().describe('接种证号、完整身份证号或完整姓名'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(ChildSummary) },
      },
    },
    async (request) => listChildren(app.db, requireActor(request), request.query),
  );

  app.get(
    '/immunization/register',
    {
      schema: {
        tags,
        summary: '接种登记册（某时段的接种记录，按日期）',
        description: '登记册与接种证、接种卡都取自同一份儿童接种档案，不另存数据。',
        querystring: z.object({
          from: DateString.describe('开始日期'),
          to: DateString.describe('结束日期（含）'),
          institutionId: z.coerce.number().int().positive().optional().describe('只看在该单位接种的记录'),
          vaccine: text(20).optional(),
          ...pageQuery,
        }),
        response: {
          200: pageSchema(
            z.object({
              doseId: z.number(),
              date: z.string(),
              childId: z.number(),
              name: z.string(),
              birthDate: z.string(),
              certificateNo: z.string().nullable(),
              vaccine: z.string(),
              vaccineName: z.string(),
              dose: z.number(),
              batchNo: z.string().nullable(),
              vaccinator: z.string().nullable(),
              source: z.enum(['clinic', 'import', 'other_place']),
            }),
          ),
        },
      },
    },
    async (request) => registerLines(app.db, requireActor(request), request.query),
  );

  app.get(
    '/immunization/children/:id',
    { schema: { tags, summary: '儿童接种档案（接种证、接种记录、免疫规划）', params: IdParams, response: { 200: ChildRecord } } },
    async (request) => getChildRecord(app.db, requireActor(request), request.params.id),
  );

  app.patch(
    '/immunization/children/:id',
    {
      schema: {
        tags,
        summary: '修改接种档案（监护人、儿童情况、接种单位、现居住地）',
        params: IdParams,
        body: z.object({
          clinicId: z.number().int().positive().optional(),
          areaId: z.number().int().positive().optional(),
          address: text(200).optional(),
          guardianName: text(40).optional(),
          guardianPhone: text(20).nullable().optional(),
          conditions: z.array(Condition).max(2).optional(),
        }),
        response: { 200: ChildRecord },
      },
    },
    changeThenRead(app, updateChild, getChildRecord),
  );

  app.post(
    '/immunization/children/:id/status',
    {
      schema: {
        tags,
        summary: '登记迁出、死亡或恢复在管',
        description: '迁出后，新居住地的接种单位可按身份证号重新登记，档案（含接种记录和接种证）随儿童迁入。',
        params: IdParams,
        body: z.object({ status: z.enum(['active', 'moved_away', 'dead']), date: DateString.nullable().optional().describe('迁出或死亡日期') }),
        response: { 200: ChildRecord },
      },
    },
    changeThenRead(app, setChildStatus, getChildRecord),
  );

  app.post(
    '/immunization/children/:id/certificate',
    {
      schema: {
        tags,
        summary: '发放接种证',
        description: '接种证号 18 位：接种单位所在乡镇代码 9 位 + 发证年份 4 位 + 当年顺序号 5 位。',
        params: IdParams,
        body: z.object({ issuedOn: DateString.optional().describe('发证日期，默认今天') }),
        response: { 200: ChildRecord },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await issueCertificate(app.db, actor, request.params.id, request.body.issuedOn);
      return getChildRecord(app.db, actor, request.params.id);
    },
  );

  app.get(
    '/immunization/children/:id/certificate.pdf',
    { schema: { tags, summary: '打印接种证（PDF：儿童信息、接种记录、待种剂次）', params: IdParams } },
    async (request, reply) => {
      const { pdf, record } = await certificatePdf(app.db, requireActor(request), request.params.id);
      return sendPdf(reply, pdf, `接种证-${record.name}-${record.certificateNo}.pdf`, { inline: true, fallback: `certificate-${record.certificateNo}.pdf` });
    },
  );

  app.post(
    '/immunization/children/:id/doses',
    {
      schema: {
        tags,
        summary: '登记一剂接种',
        description:
          '本单位接种（source=clinic）从库存出库一支：未指定批次时按先到期先用（FEFO）自动选择。外地接种（source=other_place）填接种地点和接种证上的批号，不动库存。返回更新后的免疫规划。',
        params: IdParams,
        body: z.object({
          vaccine: text(20).describe('疫苗代码，如 HepB、MMR'),
          dose: z.number().int().optional().describe('该疫苗的第几剂，默认为下一剂'),
          date: DateString.describe('接种日期'),
          source: z.enum(['clinic', 'other_place']).optional().describe('默认 clinic'),
          institutionId: z.number().int().positive().optional().describe('接种单位，本单位接种默认为本人所在机构'),
          placeName: text(100).optional().describe('外地接种地点'),
          batchId: z.number().int().positive().optional().describe('库存批次编号，默认按 FEFO 选择'),
          batchNo: text(40).optional().describe('外地接种的批号'),
          vaccinator: text(40).optional().describe('接种人员'),
          site: text(40).optional().describe('接种部位'),
          route: text(40).optional().describe('接种途径'),
          requestId: z.string().min(8).max(80).optional().describe('本次提交的唯一编号；重复提交同一编号返回第一次的结果'),
        }),
        response: { 200: DoseResult },
      },
    },
    async (request) => recordDose(app.db, requireActor(request), request.params.id, request.body),
  );

  app.patch(
    '/immunization/doses/:id',
    {
      schema: {
        tags,
        summary: '更正一剂接种记录（日期、批次、接种人员等）',
        description: '更换批次时原批次退回库存、新批次出库；更改日期时重新核对批次有效期。疫苗或剂次错误请删除后重新登记。',
        params: IdParams,
        body: z.object({
          date: DateString.optional(),
          batchId: z.number().int().positive().optional(),
          vaccinator: text(40).nullable().optional(),
          site: text(40).nullable().optional(),
          route: text(40).nullable().optional(),
          reason,
        }),
        response: { 200: DoseResult },
      },
    },
    async (request) => correctDose(app.db, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    '/immunization/doses/:id',
    {
      schema: {
        tags,
        summary: '删除一剂错录的接种记录（库存退回）',
        params: IdParams,
        body: z.object({ reason }),
        response: { 200: DoseResult },
      },
    },
    async (request) => deleteDose(app.db, requireActor(request), request.params.id, request.body.reason),
  );
};
