import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { DateString, IdParams } from '../../core/http-schemas.ts';
import { invalid } from '../../core/errors.ts';
import { contentDisposition } from '../../core/pdf/http.ts';
import { XLSX_TYPE } from '../../core/xlsx/read-sheet.ts';
import { addFinding, assignFinding, createAudit, decideFinding, evidenceFile, getFinding, listAudits, listFindings, reportProgress } from './findings.ts';
import { findingsTemplate, importFindings } from './findings-import.ts';
import { CATEGORIES, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, SEVERITY_CODES, STATUS_CODES } from './vocabulary.ts';

const tags = ['ncms'];
const IMPORT_LIMIT = 5 * 1024 * 1024;
// Evidence arrives base64 in JSON: a third larger than the files themselves.
const EVIDENCE_BODY_LIMIT = Math.ceil((EVIDENCE_MAX_BYTES * EVIDENCE_MAX_FILES * 4) / 3) + 64 * 1024;

const Audit = z.object({
  id: z.number(),
  title: z.string(),
  auditor: z.string(),
  reportNo: z.string().nullable(),
  auditedOn: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  findings: z.number(),
  closed: z.number(),
  overdue: z.number(),
});
const Summary = z.object({
  id: z.number(),
  auditId: z.number(),
  auditTitle: z.string(),
  number: z.number().describe('序号'),
  text: z.string(),
  category: z.string(),
  severity: z.enum(SEVERITY_CODES),
  severityName: z.string(),
  status: z.enum(STATUS_CODES),
  statusName: z.string().describe('待分派 / 整改中 / 待验收 / 退回重改 / 已销号'),
  unitKind: z.enum(['township', 'institution']).nullable(),
  unitName: z.string().nullable(),
  townshipId: z.number().nullable(),
  institutionId: z.number().nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean().describe('未销号且已过整改期限'),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});
const Finding = Summary.extend({
  canReport: z.boolean(),
  canDecide: z.boolean(),
  events: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      kindName: z.string(),
      note: z.string(),
      actorName: z.string(),
      at: z.string(),
      evidence: z.array(z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number() })),
    }),
  ),
});
const Unit = {
  unitKind: z.enum(['township', 'institution']).describe('township 乡镇 / institution 医疗机构'),
  townshipId: z.number().int().positive().optional(),
  institutionId: z.number().int().positive().optional(),
  deadline: DateString.describe('整改期限'),
};
const FindingBody = z.object({
  number: z.number().int().positive().describe('序号'),
  text: z.string().min(1).max(2000).describe('问题描述'),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITY_CODES).describe('general 一般 / serious 较重 / critical 严重'),
  unit: z.object(Unit).optional().describe('责任单位与整改期限（可稍后分派）'),
});

/** NCMS 审计整改: HTTP routes. */
export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/ncms/audits', { schema: { tags, summary: '审计一览（含问题数、已销号、逾期）', response: { 200: z.array(Audit) } } }, async (request) => listAudits(app.db, requireActor(request)));

  app.post(
    '/ncms/audits',
    {
      schema: {
        tags,
        summary: '登记一次审计（合管办）',
        body: z.object({ title: z.string().max(200), auditor: z.string().max(100), reportNo: z.string().max(100).optional(), auditedOn: DateString }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => ({ id: await createAudit(app.db, requireActor(request), request.body) }),
  );

  app.post(
    '/ncms/audits/:id/findings',
    { schema: { tags, summary: '逐条登记审计发现问题（可同时分派）', params: IdParams, body: FindingBody, response: { 200: Finding } } },
    async (request) => addFinding(app.db, requireActor(request), request.params.id, request.body),
  );

  app.get('/ncms/audits/findings-template.xlsx', { schema: { tags, summary: '审计发现问题清单导入模板' } }, async (_request, reply) =>
    reply.type(XLSX_TYPE).header('content-disposition', contentDisposition('审计发现问题清单模板.xlsx')).send(await findingsTemplate()),
  );

  const upload: FastifyPluginAsyncZod = async (scoped) => {
    scoped.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));
    scoped.post(
      '/ncms/audits/:id/findings/import',
      {
        bodyLimit: IMPORT_LIMIT,
        schema: {
          tags,
          summary: '从 Excel 导入审计发现问题（全部导入或全部不导入）',
          description: `请求体为 .xlsx 文件本身（Content-Type: ${XLSX_TYPE}）。有错误时返回 400，error.details.rows 列出每一处错误的行号、栏目和说明。`,
          params: IdParams,
          response: { 200: z.object({ imported: z.number() }) },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw invalid('file', '请上传问题清单文件（.xlsx）', 'missing_file');
        return importFindings(app.db, requireActor(request), request.params.id, request.body);
      },
    );
  };
  await app.register(upload);

  app.get(
    '/ncms/findings',
    {
      schema: {
        tags,
        summary: '审计发现问题清单（按状态、逾期筛选；按管辖范围）',
        querystring: z.object({
          auditId: z.coerce.number().int().positive().optional(),
          status: z.enum(STATUS_CODES).optional(),
          severity: z.enum(SEVERITY_CODES).optional(),
          overdue: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
        }),
        response: { 200: z.array(Summary) },
      },
    },
    async (request) => listFindings(app.db, requireActor(request), request.query),
  );

  app.get('/ncms/findings/:id', { schema: { tags, summary: '一个问题的整改情况与时间线', params: IdParams, response: { 200: Finding } } }, async (request) =>
    getFinding(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/ncms/findings/:id/assign',
    { schema: { tags, summary: '分派或改派责任单位与整改期限（合管办）', params: IdParams, body: z.object({ ...Unit, note: z.string().max(500).optional() }), response: { 200: Finding } } },
    async (request) => assignFinding(app.db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/ncms/findings/:id/progress',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      schema: {
        tags,
        summary: '责任单位报送整改进展或申请销号（可附佐证材料，每个文件不超过 5 MB，每次最多 5 个）',
        params: IdParams,
        body: z.object({
          note: z.string().max(5000),
          submit: z.boolean().optional().describe('true：整改完成，申请销号'),
          files: z.array(z.object({ fileName: z.string().max(200), contentType: z.string().max(100).optional(), base64: z.string() })).optional(),
        }),
        response: { 200: Finding },
      },
    },
    async (request) => {
      const { files, ...rest } = request.body;
      return reportProgress(app.db, requireActor(request), request.params.id, {
        ...rest,
        files: files?.map((f) => ({ fileName: f.fileName, contentType: f.contentType ?? '', data: Buffer.from(f.base64, 'base64') })),
      });
    },
  );

  app.post(
    '/ncms/findings/:id/decision',
    {
      schema: {
        tags,
        summary: '验收：同意销号或退回重改（合管办；退回须写明原因）',
        params: IdParams,
        body: z.object({ accept: z.boolean(), note: z.string().max(2000).optional() }),
        response: { 200: Finding },
      },
    },
    async (request) => decideFinding(app.db, requireActor(request), request.params.id, request.body),
  );

  app.get('/ncms/findings/evidence/:id', { schema: { tags, summary: '下载佐证材料', params: IdParams } }, async (request, reply) => {
    const file = await evidenceFile(app.db, requireActor(request), request.params.id);
    // The type is the uploader's word: always a download, never sniffed into something a browser would run.
    return reply.type(file.contentType).header('x-content-type-options', 'nosniff').header('content-disposition', contentDisposition(file.fileName)).send(file.data);
  });
};
