import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateString } from '../../../core/http-schemas.ts';
import { diseaseSpectrum, leadingCausesOfDeath } from './rankings.ts';

const RankingQuery = z.object({
  from: DateString.describe('开始日期（含）'),
  to: DateString.describe('结束日期（含）'),
  by: z.enum(['category', 'chapter']).default('category').describe('按 ICD-10 三位数类目（category）或章（chapter）'),
  top: z.coerce.number().int().min(1).max(50).default(10),
  areaId: z.coerce.number().int().positive().optional().describe('限定区划（含下级）；默认本人管辖范围'),
});

const Ranking = z.object({
  from: z.string(),
  to: z.string(),
  subject: z.string().describe('统计对象：县、乡镇、村或机构'),
  definition: z.string().describe('口径'),
  by: z.enum(['category', 'chapter']),
  total: z.number(),
  others: z.number().describe('前 N 位以外的合计'),
  rows: z.array(z.object({ rank: z.number(), code: z.string(), name: z.string(), count: z.number(), share: z.number().describe('构成比，四位小数') })),
});

/** 疾病谱 and 死因顺位. */
export const rankingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/disease/ranking/spectrum',
    {
      schema: {
        tags: ['disease'],
        summary: '疾病谱：就诊第一诊断前 N 位（县、乡镇、村或机构）',
        querystring: RankingQuery.extend({ institutionId: z.coerce.number().int().positive().optional().describe('按就诊机构统计（代替区划）') }),
        response: { 200: Ranking },
      },
    },
    async (request) => diseaseSpectrum(app.db, requireActor(request), request.query),
  );

  app.get(
    '/disease/ranking/death-causes',
    {
      schema: { tags: ['disease'], summary: '死因顺位：登记死亡的根本死因前 N 位', querystring: RankingQuery, response: { 200: Ranking } },
    },
    async (request) => leadingCausesOfDeath(app.db, requireActor(request), request.query),
  );
};
