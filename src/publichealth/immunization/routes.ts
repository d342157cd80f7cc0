import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registryRoutes } from './registry/routes.ts';
import { batchRoutes } from './batches/routes.ts';
import { importRoutes } from './import/routes.ts';
import { immunizationListRoutes } from './lists/routes.ts';
import { immunizationIndicatorRoutes } from './indicators/routes.ts';

/** The immunization module's HTTP routes (registry, batches, import, lists), mounted under /api. */
export const immunizationRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(registryRoutes);
  await app.register(batchRoutes);
  await app.register(importRoutes);
  await app.register(immunizationListRoutes);
  await app.register(immunizationIndicatorRoutes);
};
