import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { pageQuery, pageSchema } from '../list-page.ts';
import { listAudit, verifyAudit } from './query.ts';
import { DateFormat } from '../http-schemas.ts';

const tags = ['audit'];
const Day = DateFormat; // the audit query names an impossible day itself (invalid_date)

const AuditItem = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

const Verification = z.object({
  ok: z.boolean(),
  rows: z.number(),
  problems: z.array(z.object({ seq: z.number(), problem: z.string(), message: z.string() })),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: '审计日志（按对象、操作人、日期筛选，最新在前；日期按北京时间）',
        querystring: z.object({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(50).optional(),
          actor: z.string().max(50).optional(),
          from: Day.optional(),
          to: Day.optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(AuditItem) },
      },
    },
    async (request) => listAudit(app.db, requireActor(request), request.query),
  );

  app.get(
    '/audit/verify',
    { schema: { tags, summary: '校验审计日志哈希链，指出被改动或删除的记录', response: { 200: Verification } } },
    async (request) => verifyAudit(app.db, requireActor(request)),
  );
};
