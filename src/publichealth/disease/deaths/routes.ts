import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateFormat, DateString } from '../../../core/http-schemas.ts';
import { pageQuery, pageSchema } from '../../../core/list-page.ts';
import { clusterRoutes } from '../clusters/routes.ts';
import { rankingRoutes } from '../ranking/routes.ts';
import { DEATH_PLACE_NAMES } from './death-rules.ts';
import { listDeaths, registerDeath } from './deaths.ts';
import { expectedDeathsByTownship } from './expected-deaths.ts';

const Place = z.enum(Object.keys(DEATH_PLACE_NAMES) as [keyof typeof DEATH_PLACE_NAMES, ...(keyof typeof DEATH_PLACE_NAMES)[]]);
const Code = z.string().max(20);

const Expected = z.object({
  population: z.number().describe('期初户籍人口'),
  expected: z.number().describe('应报死亡数（一位小数）'),
  registered: z.number().describe('登记死亡数'),
  ratio: z.number().nullable().describe('登记 ÷ 应报'),
  underReporting: z.boolean().describe('是否可能漏报'),
});

/** 死亡登记与疾病谱: HTTP routes (deaths, expected deaths, rankings and clusters). */
export const deathRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/disease/deaths',
    {
      schema: {
        tags: ['disease'],
        summary: '死亡登记（同时将该居民标记为死亡）',
        body: z.object({
          personId: z.number().int().positive(),
          deathDate: DateFormat.describe('死亡日期'),
          place: Place.describe(`死亡地点：${Object.entries(DEATH_PLACE_NAMES).map(([k, v]) => `${k} ${v}`).join('，')}`),
          underlyingIcd10: Code.describe('根本死因 ICD-10'),
          causeA: Code.describe('(a) 直接死亡原因 ICD-10'),
          causeB: Code.nullish(),
          causeC: Code.nullish(),
          causeD: Code.nullish(),
          institutionId: z.number().int().positive().nullish().describe('报告单位；默认本人所在机构'),
        }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const id = await registerDeath(app.db, requireActor(request), request.body);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/disease/deaths',
    {
      schema: {
        tags: ['disease'],
        summary: '死亡登记列表',
        querystring: z.object({ areaId: z.coerce.number().int().positive().optional(), from: DateString.optional(), to: DateString.optional(), ...pageQuery }),
        response: {
          200: pageSchema(
            z.object({
              id: z.number(),
              personId: z.number(),
              personName: z.string(),
              sex: z.enum(['M', 'F']),
              birthDate: z.string(),
              areaId: z.number(),
              areaName: z.string(),
              deathDate: z.string(),
              place: Place,
              underlyingIcd10: z.string(),
              underlyingCause: z.string(),
              institutionName: z.string().nullable(),
              registeredByName: z.string(),
              registeredAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => listDeaths(app.db, requireActor(request), request.query),
  );

  app.get(
    '/disease/deaths/expected',
    {
      schema: {
        tags: ['disease'],
        summary: '各乡镇应报与登记死亡数（死亡漏报提示）',
        querystring: z.object({ from: DateString, to: DateString, areaId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            perMille: z.number().describe('粗死亡率（‰）'),
            underReportShare: z.number(),
            source: z.string(),
            definition: z.string(),
            townships: z.array(Expected.extend({ areaId: z.number(), code: z.string(), name: z.string() })),
            total: Expected,
          }),
        },
      },
    },
    async (request) => expectedDeathsByTownship(app.db, requireActor(request), request.query),
  );

  await app.register(rankingRoutes);
  await app.register(clusterRoutes);
};
