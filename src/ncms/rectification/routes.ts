import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** NCMS 审计整改: HTTP routes. */
export const rectificationRoutes: FastifyPluginAsyncZod = async () => {};
