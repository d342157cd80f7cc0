import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateString } from '../../../core/http-schemas.ts';
import { invalid } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/dates.ts';
import { XLSX_TYPE } from '../../../ncms/enrollment/roster-columns.ts';
import { dueListWorkbook } from './due-list-xlsx.ts';
import { dueListFor, overdueListFor, schoolCheckFor } from './lists.ts';
import { MAX_SCHOOL_ROSTER_ROWS } from './school-check.ts';
import { readSchoolRoster } from './school-roster-xlsx.ts';

const areaId = z.coerce.number().int().positive().optional().describe('限定区划（村、乡镇或县，含下级）；不在管辖范围内返回 404');

const Child = {
  childId: z.number(),
  name: z.string(),
  birthDate: z.string(),
  age: z.string().describe('月龄，如 8月龄、3岁2月'),
  areaId: z.number(),
  areaName: z.string().describe('现居住村（社区）'),
  address: z.string(),
  guardianName: z.string(),
  guardianPhone: z.string().nullable(),
};

const Dose = {
  vaccine: z.string(),
  vaccineName: z.string(),
  dose: z.number().describe('该疫苗的第几剂'),
  series: z.string(),
  seriesName: z.string(),
  seriesDose: z.number(),
  status: z.enum(['due', 'overdue']).describe('due 应种；overdue 逾期（已过应完成接种的年龄）'),
  dueDate: z.string().describe('达到起始月龄的日期'),
  earliest: z.string().describe('最早可接种日期（考虑间隔和活疫苗 28 天规则）'),
  note: z.string().optional(),
};

const Problem = z.object({ childId: z.number(), name: z.string(), areaName: z.string(), message: z.string() });
const Area = { areaId: z.number().nullable(), areaName: z.string() };

const DueListSchema = z.object({
  ...Area,
  date: z.string(),
  children: z.array(z.object({ ...Child, doses: z.array(z.object(Dose)) })),
  heldBack: z.number().describe('当日应种或逾期、但因间隔要求须改日接种的剂次数'),
  problems: z.array(Problem).describe('接种记录有误、无法排程的儿童'),
});

const RosterRow = z.object({
  name: z.string().max(40).describe('姓名'),
  idNumber: z.string().max(30).optional().describe('身份证号（与出生日期至少填一项）'),
  birthDate: z.string().max(20).optional().describe('出生日期 YYYY-MM-DD'),
  className: z.string().max(40).optional().describe('班级'),
});

// Checked in the handler: the same route also takes the workbook itself, which a body schema cannot describe.
const JsonRoster = z.object({ rows: z.array(RosterRow).max(MAX_SCHOOL_ROSTER_ROWS, `最多 ${MAX_SCHOOL_ROSTER_ROWS} 名儿童，请按班级分开查验`) });

const SchoolCheckSchema = z.object({
  ...Area,
  date: z.string(),
  rows: z.array(
    z.object({
      row: z.number(),
      name: z.string(),
      idNumber: z.string().nullable(),
      birthDate: z.string(),
      className: z.string(),
      outcome: z.enum(['qualified', 'needs_catch_up', 'not_found', 'record_problem']),
      outcomeName: z.string().describe('合格 / 需补种 / 未查到接种登记 / 接种记录有误'),
      childId: z.number().nullable(),
      areaName: z.string().nullable(),
      guardianName: z.string().nullable(),
      guardianPhone: z.string().nullable(),
      missing: z.array(z.object({ vaccine: z.string(), vaccineName: z.string(), dose: z.number(), status: z.enum(['due', 'overdue']), dueDate: z.string(), earliest: z.string(), note: z.string().optional() })),
      message: z.string().nullable(),
    }),
  ),
  summary: z.object({
    checked: z.number().describe('查验人数'),
    qualified: z.number().describe('合格人数'),
    needsCatchUp: z.number().describe('需补种人数'),
    missingDoses: z.number().describe('需补种剂次'),
    notFound: z.number().describe('未查到登记（需补办或核实接种证）人数'),
    recordProblems: z.number().describe('接种记录有误人数'),
  }),
});

/** 2 MB: a school's roster of a few hundred children is far below it. */
const ROSTER_BODY_LIMIT = 2 * 1024 * 1024;

export const immunizationListRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/immunization/due-list',
    {
      schema: {
        tags: ['immunization'],
        summary: '应种名单（接种日通知）',
        description: '接种日当天应种或逾期、且当天可以接种的剂次，按村和出生日期排列，附监护人联系方式。',
        querystring: z.object({ areaId, date: DateString.describe('接种日期') }),
        response: { 200: DueListSchema },
      },
    },
    async (request) => dueListFor(app.db, requireActor(request), request.query),
  );

  app.get(
    '/immunization/due-list.xlsx',
    {
      schema: {
        tags: ['immunization'],
        summary: '下载接种通知名单（Excel，可打印）',
        querystring: z.object({ areaId, date: DateString.describe('接种日期') }),
      },
    },
    async (request, reply) => {
      const list = await dueListFor(app.db, requireActor(request), request.query);
      const name = `接种通知名单-${list.areaName}-${list.date}.xlsx`;
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="due-list-${list.date}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await dueListWorkbook(list));
    },
  );

  app.get(
    '/immunization/overdue',
    {
      schema: {
        tags: ['immunization'],
        summary: '漏种名单（按逾期天数排序）',
        description: '已过应完成接种年龄仍未接种的剂次（逾期），每名儿童按其逾期最久的剂次排序，最久的在前。',
        querystring: z.object({ areaId, date: DateString.optional().describe('统计日期，默认今天') }),
        response: {
          200: z.object({
            ...Area,
            date: z.string(),
            children: z.array(
              z.object({
                ...Child,
                maxDaysOverdue: z.number(),
                doses: z.array(z.object({ ...Dose, overdueSince: z.string().describe('开始逾期的日期'), daysOverdue: z.number().describe('逾期天数') })),
              }),
            ),
            problems: z.array(Problem),
          }),
        },
      },
    },
    async (request) => overdueListFor(app.db, requireActor(request), request.query),
  );

  // The roster arrives as JSON or as the workbook itself: its own parser and body limit, on this route only.
  const schoolCheck: FastifyPluginAsyncZod = async (upload) => {
    upload.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: ROSTER_BODY_LIMIT }, (_request, body, done) => done(null, body));
    upload.post(
      '/immunization/school-check',
      {
        bodyLimit: ROSTER_BODY_LIMIT,
        schema: {
          tags: ['immunization'],
          summary: '入托、入学查验接种证',
          description:
            `请求体为 JSON（{"rows":[{"name","idNumber","birthDate","className"}]}），或 .xlsx 花名册文件本身（Content-Type: ${XLSX_TYPE}；栏目：姓名、身份证号、出生日期、班级）。` +
            `最多 ${MAX_SCHOOL_ROSTER_ROWS} 名儿童。花名册有误时返回 400，error.details.rows 列出每一处错误的行号、栏目和说明。`,
          querystring: z.object({ date: DateString.optional().describe('查验日期，默认今天') }),
          response: { 200: SchoolCheckSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const date = request.query.date ?? todayInShanghai();
        const body = request.body;
        if (Buffer.isBuffer(body)) {
          if (body.length === 0) throw invalid('file', '请上传花名册文件（.xlsx）', 'missing_file');
          return schoolCheckFor(app.db, actor, await readSchoolRoster(body), date);
        }
        const parsed = JsonRoster.safeParse(body);
        if (!parsed.success) throw invalid('rows', `花名册应为 {"rows":[{"name","idNumber","birthDate","className"}]}：${z.prettifyError(parsed.error)}`, 'invalid_roster');
        return schoolCheckFor(app.db, actor, parsed.data.rows.map((r, i) => ({ ...r, row: i + 1 })), date);
      },
    );
  };
  await app.register(schoolCheck);
};
