import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** NCMS 审核: HTTP routes. */
export const reviewRoutes: FastifyPluginAsyncZod = async () => {};
