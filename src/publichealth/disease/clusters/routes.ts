import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateString, IdParams } from '../../../core/http-schemas.ts';
import { checkClustersNow, closeCluster, getCluster, listClusters } from './clusters.ts';

const Cluster = z.object({
  id: z.number(),
  ruleKey: z.string().describe('阈值规则，如 mumps'),
  diseaseName: z.string(),
  areaId: z.number().describe('村（社区）'),
  areaName: z.string(),
  firstDate: z.string().describe('首例日期'),
  lastDate: z.string().describe('末例日期'),
  caseCount: z.number().describe('病例数（同一人只计一次）'),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  finding: z.string().nullable().describe('结案调查结论'),
});

/** 聚集性疫情: alerts opened by the threshold check, their cases, closing with a finding, and "check now". */
export const clusterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/disease/clusters',
    {
      schema: {
        tags: ['disease'],
        summary: '聚集性疫情列表（未结案在前）',
        querystring: z.object({
          areaId: z.coerce.number().int().positive().optional().describe('限定区划（含下级）'),
          status: z.enum(['open', 'closed']).optional(),
        }),
        response: { 200: z.object({ items: z.array(Cluster) }) },
      },
    },
    async (request) => ({ items: await listClusters(app.db, requireActor(request), request.query) }),
  );

  app.get(
    '/disease/clusters/:id',
    {
      schema: {
        tags: ['disease'],
        summary: '聚集性疫情及其病例',
        params: IdParams,
        response: {
          200: Cluster.extend({
            cases: z.array(
              z.object({ source: z.enum(['visit', 'card']).describe('visit 就诊诊断，card 报告卡'), sourceId: z.number(), date: z.string(), icd10: z.string(), diagnosis: z.string(), patientName: z.string(), institutionName: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => getCluster(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/disease/clusters/:id/close',
    {
      schema: {
        tags: ['disease'],
        summary: '结案（疾控中心填写调查结论）',
        params: IdParams,
        body: z.object({ finding: z.string().max(2000).describe('调查结论') }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await closeCluster(app.db, requireActor(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/disease/clusters/check',
    {
      schema: {
        tags: ['disease'],
        summary: '立即检查聚集性疫情（按阈值检查就诊和报告卡病例）',
        body: z.object({ areaId: z.number().int().positive().optional(), since: DateString, until: DateString }),
        response: { 200: z.object({ opened: z.array(z.number()), extended: z.array(z.number()) }) },
      },
    },
    async (request) => checkClustersNow(app.db, requireActor(request), request.body),
  );
};
