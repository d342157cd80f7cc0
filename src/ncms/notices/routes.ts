import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { IdParams } from '../../core/http-schemas.ts';
import { contentDisposition, sendPdf } from '../../core/pdf/http.ts';
import { XLSX_TYPE } from '../../core/xlsx/read-sheet.ts';
import { getNotice, noticeBoard, previewNotice, publicationOf, publishNotice } from './notices.ts';
import { noticeFileName, noticePdf, noticeXlsx } from './notice-documents.ts';
import { getNoticeJob, startNoticeJob } from './notice-job.ts';

const tags = ['ncms'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '公示月份应为 YYYY-MM').describe('公示月份（出院/就诊日期所在月）');
const settings = {
  publisher: z.string().max(100).optional().describe('公示单位，默认「XX县新型农村合作医疗管理办公室」'),
  complaintPhone: z.string().max(50).optional().describe('监督（投诉）电话；不填则打印空线手写'),
  objectionDays: z.coerce.number().int().min(1).max(30).optional().describe('公示期（天），默认 7'),
};
const Row = z.object({
  claimNo: z.string(),
  name: z.string().describe('姓名（中间遮盖）'),
  idNumber: z.string().describe('身份证号（仅前 6 位、后 4 位）'),
  institution: z.string(),
  kind: z.string(),
  admittedOn: z.string(),
  dischargedOn: z.string(),
  totalFen: z.number(),
  payFen: z.number(),
});
const Content = z.object({
  format: z.string(),
  village: z.object({ id: z.number(), code: z.string(), name: z.string(), township: z.string(), county: z.string() }),
  month: z.string(),
  rows: z.array(Row),
  count: z.number(),
  totalFen: z.number(),
  payFen: z.number(),
  fund: z.object({ pool: z.string(), year: z.number(), monthIncomeFen: z.number(), monthSpendingFen: z.number(), yearIncomeFen: z.number(), yearSpendingFen: z.number() }).nullable(),
  publisher: z.string(),
  complaintPhone: z.string(),
  objectionDays: z.number(),
});
const Version = z.object({ id: z.number(), version: z.number(), publishedAt: z.string(), publishedByName: z.string(), correctionReason: z.string().nullable() });
const Notice = Version.extend({
  areaId: z.number(),
  month: z.string(),
  claimCount: z.number(),
  totalFen: z.number(),
  payFen: z.number(),
  contentHash: z.string(),
  content: Content,
  versions: z.array(Version),
});
const Job = z.object({
  id: z.number(),
  areaId: z.number(),
  month: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  total: z.number(),
  done: z.number(),
  published: z.number(),
  already: z.number().describe('已有公示、保持不变的村'),
  empty: z.number().describe('本月无补偿的村'),
  error: z.string().nullable(),
  startedByName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** NCMS 村级公示: HTTP routes. */
export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ncms/notices',
    {
      schema: {
        tags,
        summary: '村级公示一览：某月管辖范围内每个村的公示（现行版本）',
        querystring: z.object({ month, areaId: z.coerce.number().int().positive().optional().describe('乡镇或村区划 id') }),
        response: {
          200: z.array(
            z.object({
              areaId: z.number(),
              village: z.string(),
              township: z.string(),
              notice: z.object({ id: z.number(), version: z.number(), publishedAt: z.string(), publishedByName: z.string(), claimCount: z.number(), payFen: z.number() }).nullable(),
            }),
          ),
        },
      },
    },
    async (request) => noticeBoard(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/notices/preview',
    { schema: { tags, summary: '预览一个村某月的公示内容（未发布）', querystring: z.object({ areaId: z.coerce.number().int().positive(), month, ...settings }), response: { 200: Content } } },
    async (request) => previewNotice(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/notices/preview.pdf',
    { schema: { tags, summary: '预览稿 PDF（注明未发布）', querystring: z.object({ areaId: z.coerce.number().int().positive(), month, ...settings }) } },
    async (request, reply) => {
      const content = await previewNotice(app.db, requireActor(request), request.query);
      return sendPdf(reply, await noticePdf(content, null), noticeFileName(content, null, 'pdf'), { inline: true });
    },
  );

  app.post(
    '/ncms/notices',
    {
      schema: {
        tags,
        summary: '发布一个村某月的公示（内容冻结；已发布的月份须填写更正说明，发布为新版本）',
        body: z.object({ areaId: z.number().int().positive(), month, ...settings, correctionReason: z.string().max(500).optional().describe('更正说明（更正已发布的公示时必填）') }),
        response: { 200: Notice },
      },
    },
    async (request) => publishNotice(app.db, requireActor(request), request.body),
  );

  app.get('/ncms/notices/:id', { schema: { tags, summary: '已发布的公示（冻结的内容与历次版本）', params: IdParams, response: { 200: Notice } } }, async (request) =>
    getNotice(app.db, requireActor(request), request.params.id),
  );

  app.get('/ncms/notices/:id/notice.pdf', { schema: { tags, summary: '下载公示 PDF（A4，张贴用；每次下载内容相同）', params: IdParams } }, async (request, reply) => {
    const notice = await getNotice(app.db, requireActor(request), request.params.id);
    const publication = publicationOf(notice);
    return sendPdf(reply, await noticePdf(notice.content, publication), noticeFileName(notice.content, publication, 'pdf'), { inline: true });
  });

  app.get('/ncms/notices/:id/notice.xlsx', { schema: { tags, summary: '下载公示 Excel', params: IdParams } }, async (request, reply) => {
    const notice = await getNotice(app.db, requireActor(request), request.params.id);
    const publication = publicationOf(notice);
    const buffer = await noticeXlsx(notice.content, publication);
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(noticeFileName(notice.content, publication, 'xlsx'))).send(buffer);
  });

  app.post(
    '/ncms/notices/jobs',
    {
      schema: {
        tags,
        summary: '生成并发布某月全部村的公示（后台任务，已发布的村保持不变；用返回的 id 查询进度）',
        body: z.object({ month, areaId: z.number().int().positive().optional().describe('乡镇或县区划 id，默认管辖范围'), ...settings }),
        response: { 200: Job },
      },
    },
    async (request) => {
      const { job, finished } = await startNoticeJob(app.db, requireActor(request), request.body);
      finished.catch((error: unknown) => request.log.error(error));
      return job;
    },
  );

  app.get('/ncms/notices/jobs/:id', { schema: { tags, summary: '公示生成任务的进度', params: IdParams, response: { 200: Job } } }, async (request) =>
    getNoticeJob(app.db, requireActor(request), request.params.id),
  );
};
