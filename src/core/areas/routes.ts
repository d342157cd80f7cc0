import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { areaTree, createArea, findAreaByCode, getArea, type AreaNode } from './areas.ts';
import { areaLineage, mergeAreas, renameArea, splitArea } from './area-history.ts';
import { DateString, IdParams } from '../http-schemas.ts';
import { changeThenRead } from '../change-then-read.ts';

const date = DateString;
const code = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
const level = z.enum(['county', 'township', 'village']);
const kind = z.enum(['county', 'street', 'town', 'township', 'community', 'village']);

const AreaNodeSchema: z.ZodType<AreaNode> = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level,
  kind,
  urban: z.boolean(),
  get children() {
    return z.array(AreaNodeSchema);
  },
});

const AreaDetail = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level,
  kind,
  urban: z.boolean(),
  parentId: z.number().nullable(),
  path: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  versions: z.array(
    z.object({ code: z.string(), name: z.string(), parentId: z.number().nullable(), urban: z.boolean(), validFrom: z.string(), validTo: z.string().nullable() }),
  ),
  changes: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['create', 'rename', 'recode', 'merge', 'split']),
      effective: z.string(),
      fromAreaIds: z.array(z.number()),
      toAreaIds: z.array(z.number()),
      note: z.string().nullable(),
    }),
  ),
});

const LineageLink = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  validTo: z.string().nullable(),
  via: z.enum(['merge', 'split']),
  effective: z.string(),
});

const tags = ['areas'];

export const areaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/areas/tree',
    {
      schema: {
        tags,
        summary: '区划树（本人管辖范围及其上级）',
        querystring: z.object({ asOf: date.optional().describe('按某日的名称和代码显示，默认今天') }),
        response: { 200: z.object({ tree: z.array(AreaNodeSchema) }) },
      },
    },
    async (request) => ({ tree: await areaTree(app.db, requireActor(request), { asOf: request.query.asOf }) }),
  );

  app.get(
    '/areas/by-code/:code',
    {
      schema: {
        tags,
        summary: '按区划代码查区划（可查历史代码）',
        params: z.object({ code }),
        querystring: z.object({ asOf: date.optional() }),
        response: { 200: z.object({ id: z.number(), code: z.string(), name: z.string(), validFrom: z.string(), validTo: z.string().nullable() }) },
      },
    },
    async (request) => findAreaByCode(app.db, requireActor(request), request.params.code, request.query.asOf),
  );

  app.get(
    '/areas/:id',
    { schema: { tags, summary: '区划详情（含历次名称代码和调整）', params: IdParams, response: { 200: AreaDetail } } },
    async (request) => getArea(app.db, requireActor(request), request.params.id),
  );

  app.get(
    '/areas/:id/lineage',
    {
      schema: {
        tags,
        summary: '区划沿革（由哪些区划合并拆分而来、变成了哪些区划）',
        params: IdParams,
        response: { 200: z.object({ predecessors: z.array(LineageLink), successors: z.array(LineageLink) }) },
      },
    },
    async (request) => {
      await getArea(app.db, requireActor(request), request.params.id);
      return areaLineage(app.db, request.params.id);
    },
  );

  app.post(
    '/areas',
    {
      schema: {
        tags,
        summary: '新建区划',
        body: z.object({
          code,
          name: z.string().trim().min(1).max(50),
          kind,
          urban: z.boolean().optional(),
          parentId: z.number().int().positive(),
          validFrom: date.optional(),
        }),
        response: { 201: AreaDetail },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await app.db.transaction().execute((trx) => createArea(trx, actor, request.body));
      return reply.status(201).send(await getArea(app.db, actor, id));
    },
  );

  app.post(
    '/areas/:id/rename',
    {
      schema: {
        tags,
        summary: '区划更名或改码（自生效日起）',
        params: IdParams,
        body: z.object({ name: z.string().max(50).optional(), code: code.optional(), effective: date }),
        response: { 200: AreaDetail },
      },
    },
    changeThenRead(app, renameArea, getArea),
  );

  app.post(
    '/areas/merge',
    {
      schema: {
        tags,
        summary: '区划撤并（原区划撤销，户并入目标区划）',
        body: z.object({ fromIds: z.array(z.number().int().positive()).min(1).max(50), intoId: z.number().int().positive(), effective: date }),
        response: { 200: AreaDetail },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await mergeAreas(app.db, actor, request.body);
      return getArea(app.db, actor, request.body.intoId);
    },
  );

  app.post(
    '/areas/:id/split',
    {
      schema: {
        tags,
        summary: '村（社区）拆分（原区划撤销，每户都须分到新区划）',
        params: IdParams,
        body: z.object({
          effective: date,
          parts: z.array(z.object({ code, name: z.string().max(50), householdIds: z.array(z.number().int().positive()) })).min(2).max(20),
        }),
        response: { 200: z.object({ partIds: z.array(z.number()) }) },
      },
    },
    async (request) => ({ partIds: await splitArea(app.db, requireActor(request), request.params.id, request.body) }),
  );
};
