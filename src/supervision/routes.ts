import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Supervision and assessment (督导考核): HTTP routes, mounted under /api. */
export const supervisionRoutes: FastifyPluginAsyncZod = async () => {};
