import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { visitIntakeRoutes } from './intake/routes.ts';
import { reportCardRoutes } from './cards/routes.ts';
import { deathRoutes } from './deaths/routes.ts';

/** The disease-reporting module's HTTP routes (visit intake, report cards, deaths and rankings), mounted under /api. */
export const diseaseRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(visitIntakeRoutes);
  await app.register(reportCardRoutes);
  await app.register(deathRoutes);
};
