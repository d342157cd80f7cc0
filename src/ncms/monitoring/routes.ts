import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** NCMS 监测与预警: HTTP routes. */
export const monitoringRoutes: FastifyPluginAsyncZod = async () => {};
