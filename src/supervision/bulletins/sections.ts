/**
 * Sections other modules add to the monthly bulletin (月通报), such as the NCMS fund's early warnings. They are
 * registered by src/indicator-providers.ts like the indicators, so supervision never imports a module.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Month } from '../month.ts';

export interface BulletinSection {
  title: string;
  lines: string[];
}

export interface BulletinSectionSource {
  title: string;
  /** The section's lines for a month, as they read on the last day of it (or today, for the current month). */
  lines(db: Db, month: Month): Promise<string[]>;
}

const sources: BulletinSectionSource[] = [];

export function registerBulletinSection(source: BulletinSectionSource): void {
  if (!sources.some((s) => s.title === source.title)) sources.push(source);
}

export async function bulletinSections(db: Db, month: Month): Promise<BulletinSection[]> {
  return Promise.all(sources.map(async (s) => ({ title: s.title, lines: await s.lines(db, month) })));
}
