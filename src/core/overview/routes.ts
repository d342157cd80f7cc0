import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { getOverview } from './overview.ts';

const Overview = z.object({
  townships: z.number(),
  villages: z.number(),
  households: z.number(),
  residents: z.number(),
  institutionsByKind: z.array(z.object({ kind: z.string(), name: z.string(), count: z.number() })),
  byLevel: z.enum(['county', 'township', 'village']),
  residentsByArea: z.array(z.object({ areaId: z.number(), name: z.string(), count: z.number() })),
  pyramid: z.array(z.object({ band: z.string(), male: z.number(), female: z.number() })),
});

export const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/overview',
    { schema: { tags: ['overview'], summary: '首页概况（本人管辖范围内的区划、户、在世居民、机构数及人口构成）', response: { 200: Overview } } },
    async (request) => getOverview(app.db, requireActor(request)),
  );
};
