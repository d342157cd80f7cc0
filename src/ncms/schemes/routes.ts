import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { pageQuery, pageSchema } from '../../core/list-page.ts';
import { activateScheme, compareSchemes, getScheme, listSchemes, saveSchemeDraft } from './scheme-store.ts';
import { IdParams } from '../../core/http-schemas.ts';

const status = z.enum(['draft', 'active', 'retired']);
const schemeId = z.coerce.number().int().positive();

const SchemeSummary = z.object({
  id: z.number(),
  pool: z.string().describe('统筹区代码'),
  year: z.number(),
  version: z.number().describe('同一统筹区、年度内的版本号'),
  status,
  statusName: z.string(),
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  activatedByName: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
const Problem = z.object({ path: z.string(), message: z.string() });
const StoredScheme = SchemeSummary.extend({ document: z.unknown().describe('方案文件（格式 jiceng.ncms.scheme/v1）'), warnings: z.array(Problem) });

export const schemeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ncms/schemes',
    {
      schema: {
        tags: ['ncms'],
        summary: '新农合补偿方案列表',
        querystring: z.object({ pool: z.string().max(12).optional(), year: z.coerce.number().int().optional(), status: status.optional(), ...pageQuery }),
        response: { 200: pageSchema(SchemeSummary) },
      },
    },
    async (request) => listSchemes(app.db, requireActor(request), request.query),
  );

  app.post(
    '/ncms/schemes',
    {
      schema: {
        tags: ['ncms'],
        summary: '保存补偿方案草稿（校验后存为新版本）',
        body: z.object({ document: z.unknown().describe('方案文件（JSON 对象或其文本）'), note: z.string().max(500).nullable().optional() }),
        response: { 201: StoredScheme },
      },
    },
    async (request, reply) => reply.status(201).send(await saveSchemeDraft(app.db, requireActor(request), request.body)),
  );

  app.get(
    '/ncms/schemes/compare',
    {
      schema: {
        tags: ['ncms'],
        summary: '比较两个补偿方案（逐项差异）',
        querystring: z.object({ a: schemeId.describe('原方案（如上年度）'), b: schemeId.describe('新方案') }),
        response: {
          200: z.object({
            a: SchemeSummary,
            b: SchemeSummary,
            differences: z.array(z.object({ path: z.string(), old: z.unknown(), new: z.unknown() })),
          }),
        },
      },
    },
    async (request) => compareSchemes(app.db, requireActor(request), request.query.a, request.query.b),
  );

  app.get(
    '/ncms/schemes/:id',
    { schema: { tags: ['ncms'], summary: '补偿方案详情', params: IdParams, response: { 200: StoredScheme } } },
    async (request) => getScheme(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/ncms/schemes/:id/activate',
    { schema: { tags: ['ncms'], summary: '启用补偿方案（同统筹区同年度原执行方案自动停用）', params: IdParams, response: { 200: StoredScheme } } },
    async (request) => activateScheme(app.db, requireActor(request), request.params.id),
  );
};
