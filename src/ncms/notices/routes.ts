import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** NCMS 村级公示: HTTP routes. */
export const noticeRoutes: FastifyPluginAsyncZod = async () => {};
