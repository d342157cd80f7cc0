import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 传染病报告卡: HTTP routes. */
export const reportCardRoutes: FastifyPluginAsyncZod = async () => {};
