import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { invalid } from '../../../core/errors.ts';
import { DateString, IdParams } from '../../../core/http-schemas.ts';
import { pageQuery, pageSchema } from '../../../core/list-page.ts';
import { XLSX_TYPE } from '../../../core/xlsx/read-sheet.ts';
import { contentDisposition } from '../../../core/pdf/http.ts';
import { VisitBatchInput, MAX_BATCH_VISITS } from './visit-input.ts';
import { receiveVisits } from './receive-visits.ts';
import { API_KEY_HEADER, authenticateApiKey, issueApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { importVisitFile, MAX_FILE_ROWS, visitFileTemplate } from './visit-file.ts';
import { linkVisit, listVisits } from './visit-lists.ts';

const matchMethod = z.enum(['id_number', 'name_birth_village', 'manual', 'unmatched']);
const ReceiveResult = z.object({
  batchId: z.number().describe('本批的接收编号'),
  received: z.number().describe('新接收的就诊数'),
  repeated: z.number().describe('以前已接收过、内容相同的就诊数（识别为重发，未重复保存）'),
  matched: z.number().describe('新接收中已匹配到居民的数目'),
  unmatched: z.number().describe('新接收中未匹配到居民、等待人工关联的数目'),
  visits: z.array(z.object({ visitId: z.string(), row: z.number().optional(), status: z.enum(['new', 'repeated']), matchMethod })),
});

const REFUSAL = `整批全部接收或全部不接收：任何一条有错误时一条都不保存，返回 400，error.code 为 visits_refused，error.details.faults 列出每一处错误（index 为批内序号，从 0 开始；row 为文件行号；visitId；field；message 为中文说明）。错误包括：ICD-10 编码无效、身份证号无效、就诊时间晚于当前时间、同一就诊编号以前接收过但内容不同、患者住在本机构可报送的范围之外（村卫生室和乡镇卫生院只报送本乡镇居民，县级机构报送全县）。以前接收过且内容相同的就诊编号识别为重发，不重复保存，在结果中标为 repeated。`;

const VisitRow = z.object({
  id: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  visitId: z.string(),
  patientName: z.string(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  address: z.string().nullable(),
  personId: z.number().nullable(),
  matchMethod,
  residenceAreaName: z.string().nullable(),
  department: z.string().nullable(),
  visitedAt: z.date(),
  source: z.enum(['api', 'file']),
  receivedAt: z.date(),
  diagnoses: z.array(z.object({ code: z.string(), name: z.string() })),
});

const ApiKey = z.object({
  id: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  keyPrefix: z.string(),
  label: z.string(),
  createdAt: z.date(),
  createdByName: z.string(),
  revokedAt: z.date().nullable(),
  revokedByName: z.string().nullable(),
  lastUsedAt: z.date().nullable(),
});

/** 30 MB: a file of 10 000 visit rows is a few MB. */
const FILE_BODY_LIMIT = 30 * 1024 * 1024;

/** 就诊数据接入: HTTP routes. */
export const visitIntakeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/disease/visits',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['disease'],
        summary: `医疗机构信息系统报送就诊数据（每批最多 ${MAX_BATCH_VISITS} 条，凭机构接口密钥）`,
        description: `请求头 X-Api-Key 填写卫健局为本机构发放的接口密钥（密钥无效或已收回时返回 401）。${REFUSAL}`,
        headers: z.object({ 'x-api-key': z.string().optional().describe('本机构的接口密钥') }),
        body: VisitBatchInput,
        response: { 200: ReceiveResult },
      },
    },
    async (request) => {
      const sender = await authenticateApiKey(app.db, request.headers[API_KEY_HEADER] as string | undefined);
      return receiveVisits(app.db, { institutionId: sender.institutionId, source: 'api', actor: sender.actor, apiKeyId: sender.keyId }, request.body.visits.map((input) => ({ input })), new Date());
    },
  );

  app.get(
    '/disease/visits',
    {
      schema: {
        tags: ['disease'],
        summary: '就诊记录查询（按机构、日期、诊断）',
        querystring: z.object({
          institutionId: z.coerce.number().int().positive().optional(),
          from: DateString.optional().describe('就诊日期起（含）'),
          to: DateString.optional().describe('就诊日期止（含）'),
          icd10: z.string().max(20).optional().describe('诊断编码（如 B26.9）或三位类目（如 B26，含其下所有编码）'),
          unmatched: z.enum(['true', 'false']).optional().describe('true：只看未匹配到居民的就诊'),
          q: z.string().max(30).optional().describe('患者姓名开头或身份证号'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(VisitRow).extend({ totalCapped: z.boolean() }) },
      },
    },
    async (request) => listVisits(app.db, requireActor(request), { ...request.query, unmatched: request.query.unmatched === 'true' }),
  );

  app.post(
    '/disease/visits/:id/link',
    {
      schema: {
        tags: ['disease'],
        summary: '把未匹配的就诊记录人工关联到居民',
        params: IdParams,
        body: z.object({ personId: z.number().int().positive() }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await linkVisit(app.db, requireActor(request), request.params.id, request.body.personId);
      return { ok: true as const };
    },
  );

  app.get('/disease/visits/template.xlsx', { schema: { tags: ['disease'], summary: '下载就诊登记导入模板（Excel）' } }, async (request, reply) => {
    requireActor(request);
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition('就诊登记导入模板.xlsx')).send(await visitFileTemplate());
  });

  // The file arrives as itself (xlsx or CSV): its own parsers and a larger body limit, on this route only.
  const upload: FastifyPluginAsyncZod = async (files) => {
    files.addContentTypeParser([XLSX_TYPE, 'text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: FILE_BODY_LIMIT }, (_request, body, done) => done(null, body));
    files.post(
      '/disease/visits/import',
      {
        bodyLimit: FILE_BODY_LIMIT,
        schema: {
          tags: ['disease'],
          summary: `导入本机构的就诊登记文件（Excel 或 CSV，最多 ${MAX_FILE_ROWS} 行，整个文件全部导入或全部不导入）`,
          description: `请求体为文件本身（Content-Type: ${XLSX_TYPE} 或 text/csv）。${REFUSAL}`,
          querystring: z.object({ fileName: z.string().max(200).optional() }),
          response: { 200: ReceiveResult },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw invalid('file', '请选择要上传的就诊登记文件（.xlsx 或 .csv）', 'missing_file');
        return importVisitFile(app.db, actor, request.body, request.query.fileName ?? '', new Date());
      },
    );
  };
  await app.register(upload);

  app.get(
    '/disease/visit-keys',
    { schema: { tags: ['disease'], summary: '医疗机构接口密钥列表', response: { 200: z.array(ApiKey) } } },
    async (request) => listApiKeys(app.db, requireActor(request)),
  );

  app.post(
    '/disease/visit-keys',
    {
      schema: {
        tags: ['disease'],
        summary: '为医疗机构发放接口密钥（密钥只显示这一次）',
        body: z.object({ institutionId: z.number().int().positive(), label: z.string().max(100).optional() }),
        response: { 200: z.object({ id: z.number(), key: z.string(), keyPrefix: z.string() }) },
      },
    },
    async (request) => issueApiKey(app.db, requireActor(request), request.body),
  );

  app.post(
    '/disease/visit-keys/:id/revoke',
    { schema: { tags: ['disease'], summary: '收回接口密钥', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await revokeApiKey(app.db, requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );
};
