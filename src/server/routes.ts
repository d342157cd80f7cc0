import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authRoutes } from '../core/auth/routes.ts';
import { institutionRoutes } from '../core/institutions/routes.ts';
import { userRoutes } from '../core/auth/users-routes.ts';
import { auditRoutes } from '../core/audit/routes.ts';
import { areaRoutes } from '../core/areas/routes.ts';
import { peopleRoutes } from '../core/people/routes.ts';
import { overviewRoutes } from '../core/overview/routes.ts';
import { ncmsRoutes } from '../ncms/routes.ts';
import { recordRoutes } from '../publichealth/records/routes.ts';
import { immunizationRoutes } from '../publichealth/immunization/routes.ts';
import { diseaseRoutes } from '../publichealth/disease/routes.ts';
import { supervisionRoutes } from '../supervision/routes.ts';

/** Every module's HTTP routes, mounted under /api. */
export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authRoutes);
  await app.register(institutionRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(areaRoutes);
  await app.register(peopleRoutes);
  await app.register(overviewRoutes);
  await app.register(ncmsRoutes);
  await app.register(recordRoutes);
  await app.register(immunizationRoutes);
  await app.register(diseaseRoutes);
  await app.register(supervisionRoutes);
};
