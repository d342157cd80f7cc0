import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { invalid } from '../../core/errors.ts';
import { pageQuery, pageSchema } from '../../core/list-page.ts';
import { contributionCategories } from './categories.ts';
import { enrollHousehold, listEnrollments } from './enrollment.ts';
import { enrollmentRates, setEnrollmentTarget } from './enrollment-rate.ts';
import { importRoster } from './roster-import.ts';
import { rosterTemplate } from './roster-template.ts';
import { XLSX_TYPE } from './roster-columns.ts';
import { requireEnrollmentRead } from './access.ts';
import { DateString } from '../../core/http-schemas.ts';

const year = z.coerce.number().int().min(1900).max(2100).describe('参合年度');
const areaId = z.coerce.number().int().positive().optional().describe('限定区划（含下级）；不在管辖范围内返回 404');
const payer = z.enum(['individual', 'government', 'other']);

const Enrollment = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  idNumber: z.string().nullable(),
  householdId: z.number(),
  householdNo: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  year: z.number(),
  category: z.string(),
  categoryName: z.string(),
  payer,
  payerName: z.string(),
  amountFen: z.number().describe('个人缴费标准（分）；代缴类别由 payer 所示的资金支付'),
  receiptNo: z.string().nullable(),
  collectedOn: z.string(),
  collectedByName: z.string(),
});

const Figures = {
  enrolled: z.number(),
  shouldEnroll: z.number().describe('应参合人数：农村（非城镇）村的在册居民，及本年度已参合后死亡或迁出者'),
  rate: z.number().nullable().describe('参合率，四位小数（0.9321 即 93.21%）'),
  meetsTarget: z.boolean().nullable(),
};
const AreaRate = z.object({ areaId: z.number(), code: z.string(), name: z.string(), ...Figures });

/** 20 MB: a county-wide roster of tens of thousands of rows stays well below it. */
const ROSTER_BODY_LIMIT = 20 * 1024 * 1024;

export const enrollmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ncms/contribution-categories',
    {
      schema: {
        tags: ['ncms'],
        summary: '参合类别代码表（含缴费方）',
        response: { 200: z.array(z.object({ code: z.string(), name: z.string(), payer, payerName: z.string(), subsidised: z.boolean() })) },
      },
    },
    async (request) => {
      requireEnrollmentRead(requireActor(request));
      return contributionCategories(app.db);
    },
  );

  app.post(
    '/ncms/enrollments',
    {
      schema: {
        tags: ['ncms'],
        summary: '按户登记参合',
        body: z.object({
          householdId: z.number().int().positive(),
          year: z.number().int().min(1900).max(2100),
          members: z
            .array(z.object({ personId: z.number().int().positive(), category: z.string().max(40), receiptNo: z.string().max(40).nullable().optional() }))
            .min(1)
            .max(30),
          receiptNo: z.string().max(40).nullable().optional().describe('收据号（各成员未单独填写时使用）'),
          collectedOn: DateString.optional().describe('缴费日期，默认今天'),
          requestId: z.string().min(8).max(80).optional().describe('本次提交的唯一编号；重复提交同一编号返回第一次的结果'),
        }),
        response: { 200: z.object({ householdId: z.number(), year: z.number(), enrollments: z.array(Enrollment) }) },
      },
    },
    async (request) => enrollHousehold(app.db, requireActor(request), request.body),
  );

  app.get(
    '/ncms/enrollments',
    {
      schema: {
        tags: ['ncms'],
        summary: '参合登记查询',
        querystring: z.object({ year: year.optional(), areaId, ...pageQuery }),
        response: { 200: pageSchema(Enrollment) },
      },
    },
    async (request) => listEnrollments(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/enrollment-rates',
    {
      schema: {
        tags: ['ncms'],
        summary: '参合率（按村、乡镇）',
        querystring: z.object({ year, areaId }),
        response: {
          200: z.object({
            year: z.number(),
            target: z.number().describe('参合率目标，如 0.85'),
            villages: z.array(AreaRate.extend({ townshipId: z.number(), townshipName: z.string() })),
            townships: z.array(AreaRate),
            total: z.object(Figures),
          }),
        },
      },
    },
    async (request) => enrollmentRates(app.db, requireActor(request), request.query),
  );

  app.put(
    '/ncms/enrollment-targets/:year',
    {
      schema: {
        tags: ['ncms'],
        summary: '设置年度参合率目标',
        params: z.object({ year }),
        body: z.object({ target: z.number().gt(0).max(1).describe('如 0.9 表示 90%') }),
        response: { 200: z.object({ year: z.number(), target: z.number() }) },
      },
    },
    async (request) => {
      await setEnrollmentTarget(app.db, requireActor(request), request.params.year, request.body.target);
      return { year: request.params.year, target: request.body.target };
    },
  );

  app.get(
    '/ncms/enrollments/template.xlsx',
    { schema: { tags: ['ncms'], summary: '下载参合花名册模板（Excel）' } },
    async (request, reply) => {
      const buffer = await rosterTemplate(app.db, requireActor(request));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('参合花名册模板.xlsx')}`)
        .send(buffer);
    },
  );

  // The roster arrives as the raw workbook: its own parser and a larger body limit, on this route only.
  const rosterUpload: FastifyPluginAsyncZod = async (upload) => {
    upload.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: ROSTER_BODY_LIMIT }, (_request, body, done) => done(null, body));
    upload.post(
      '/ncms/enrollments/import',
      {
        bodyLimit: ROSTER_BODY_LIMIT,
        schema: {
          tags: ['ncms'],
          summary: '导入参合花名册（Excel，整份文件全部导入或全部不导入）',
          description: `请求体为 .xlsx 文件本身（Content-Type: ${XLSX_TYPE}）。有错误时返回 400，error.details.rows 列出每一处错误的行号、栏目和说明。`,
          querystring: z.object({ year }),
          response: { 200: z.object({ year: z.number(), rows: z.number(), households: z.number(), enrollments: z.number() }) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw invalid('file', '请上传花名册文件（.xlsx）', 'missing_file');
        return importRoster(app.db, actor, request.query.year, request.body);
      },
    );
  };
  await app.register(rosterUpload);
};
