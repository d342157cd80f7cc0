import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 就诊数据接入: HTTP routes. */
export const visitIntakeRoutes: FastifyPluginAsyncZod = async () => {};
