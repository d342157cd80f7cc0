import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { simulationJob, startSimulation } from './jobs.ts';

const Job = z.object({
  id: z.string(),
  pool: z.string().describe('统筹区代码'),
  year: z.number().describe('重算的年度'),
  status: z.enum(['queued', 'running', 'done', 'failed']).describe('排队中 / 进行中 / 已完成 / 失败'),
  startedByName: z.string(),
  createdAt: z.string(),
  progress: z
    .object({ step: z.enum(['load', 'inForce', 'proposed']), label: z.string(), done: z.number(), total: z.number(), share: z.number().describe('整个任务的完成比例 0-1') })
    .nullable(),
  report: z.unknown().describe('测算结果（完成后）：现行方案与拟议方案的筹资、补偿支出、年末结余、实际补偿比（按类别、级别）、封顶人数、个人自付分布；金额单位：分'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** NCMS 补偿方案测算: HTTP routes. */
export const simulationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ncms/simulations',
    {
      schema: {
        tags: ['ncms'],
        summary: '补偿方案测算：按拟议方案重算一个年度的报销单据并与现行方案对照（只读，返回任务，轮询进度）',
        body: z.object({
          year: z.number().int().describe('重算哪一年度的报销单据'),
          pool: z.string().max(12).optional().describe('统筹区代码，默认取方案中的 pool'),
          document: z.unknown().describe('拟议方案（格式 jiceng.ncms.scheme/v1，JSON 对象或其文本）'),
        }),
        response: { 202: Job },
      },
    },
    async (request, reply) => reply.status(202).send(await startSimulation(app.db, requireActor(request), request.body)),
  );

  app.get(
    '/ncms/simulations/:id',
    { schema: { tags: ['ncms'], summary: '补偿方案测算任务：进度和结果', params: z.object({ id: z.string().max(64) }), response: { 200: Job } } },
    async (request) => simulationJob(requireActor(request), request.params.id),
  );
};
