import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** NCMS 补偿方案测算: HTTP routes. */
export const simulationRoutes: FastifyPluginAsyncZod = async () => {};
