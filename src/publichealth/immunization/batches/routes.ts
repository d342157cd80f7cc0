import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateString } from '../../../core/http-schemas.ts';
import { listStock, receiveBatch, suggestBatch } from './batches.ts';
import { EXPIRING_WITHIN_DAYS } from './batch-rules.ts';

const tags = ['immunization'];

const Batch = z.object({
  id: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  vaccine: z.string(),
  vaccineName: z.string(),
  manufacturer: z.string(),
  batchNo: z.string(),
  expiry: z.string().describe('有效期至（含当天）'),
  receivedOn: z.string(),
  receivedQty: z.number(),
  remaining: z.number().describe('库存（支/剂）'),
  warning: z.enum(['expired', 'expiring']).nullable().describe(`expired 已过期；expiring ${EXPIRING_WITHIN_DAYS} 天内到期`),
});

export const batchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/immunization/batches',
    {
      schema: {
        tags,
        summary: '疫苗入库',
        description: '同一接种单位同一批号再次入库时累加数量（生产企业和有效期须一致）。',
        body: z.object({
          institutionId: z.number().int().positive().optional().describe('接种单位，默认为本人所在机构'),
          vaccine: z.string().max(20).describe('疫苗代码'),
          manufacturer: z.string().max(100).describe('生产企业'),
          batchNo: z.string().max(40).describe('批号'),
          expiry: DateString.describe('有效期至'),
          quantity: z.number().int().describe('入库数量（支/剂）'),
          receivedOn: DateString.optional().describe('入库日期，默认今天'),
        }),
        response: { 200: Batch },
      },
    },
    async (request) => receiveBatch(app.db, requireActor(request), request.body),
  );

  app.get(
    '/immunization/stock',
    {
      schema: {
        tags,
        summary: '疫苗库存（按接种单位，含效期预警）',
        querystring: z.object({
          institutionId: z.coerce.number().int().positive().optional(),
          vaccine: z.string().max(20).optional(),
          on: DateString.optional().describe('按哪天判断效期，默认今天'),
          includeEmpty: z.enum(['true', 'false']).optional().describe('是否列出已用完的批次'),
        }),
        response: { 200: z.array(Batch) },
      },
    },
    async (request) => listStock(app.db, requireActor(request), { ...request.query, includeEmpty: request.query.includeEmpty === 'true' }),
  );

  app.get(
    '/immunization/batches/suggest',
    {
      schema: {
        tags,
        summary: '建议使用的批次（先到期先用，FEFO）',
        description: '在接种日期仍有效、有库存的批次中，有效期最早的一个；没有可用批次时返回 null。',
        querystring: z.object({
          institutionId: z.coerce.number().int().positive().optional().describe('接种单位，默认为本人所在机构'),
          vaccine: z.string().max(20),
          date: DateString.optional().describe('接种日期，默认今天'),
        }),
        response: { 200: Batch.nullable() },
      },
    },
    async (request) => suggestBatch(app.db, requireActor(request), request.query.institutionId, request.query.vaccine, request.query.date),
  );
};
