import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 死亡登记与疾病谱: HTTP routes. */
export const deathRoutes: FastifyPluginAsyncZod = async () => {};
