import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { schemeRoutes } from './schemes/routes.ts';
import { enrollmentRoutes } from './enrollment/routes.ts';
import { cardRoutes } from './cards/routes.ts';
import { fundRoutes } from './fund/routes.ts';
import { claimRoutes } from './claims/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { monitoringRoutes } from './monitoring/routes.ts';
import { noticeRoutes } from './notices/routes.ts';
import { rectificationRoutes } from './rectification/routes.ts';
import { simulationRoutes } from './simulation/routes.ts';

/** The NCMS (新农合) module's HTTP routes, mounted under /api. */
export const ncmsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(schemeRoutes);
  await app.register(enrollmentRoutes);
  await app.register(claimRoutes);
  await app.register(cardRoutes);
  await app.register(fundRoutes);
  await app.register(reviewRoutes);
  await app.register(monitoringRoutes);
  await app.register(noticeRoutes);
  await app.register(rectificationRoutes);
  await app.register(simulationRoutes);
};
