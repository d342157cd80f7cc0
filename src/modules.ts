import type { MigrationSource } from './core/db/migrate.ts';

/** Every domain module's migrations, in the order they depend on each other. */
export const migrationSources: MigrationSource[] = [
  { module: 'core', dir: new URL('./core/migrations/', import.meta.url) },
  { module: 'ncms', dir: new URL('./ncms/migrations/', import.meta.url) },
  { module: 'records', dir: new URL('./publichealth/records/migrations/', import.meta.url) },
  { module: 'immunization', dir: new URL('./publichealth/immunization/migrations/', import.meta.url) },
  { module: 'disease', dir: new URL('./publichealth/disease/migrations/', import.meta.url) },
  { module: 'supervision', dir: new URL('./supervision/migrations/', import.meta.url) },
];
