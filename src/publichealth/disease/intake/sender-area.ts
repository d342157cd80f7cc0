import type { InstitutionLevel } from '../../../core/db/schema.ts';

/**
 * Whose visits an institution may send: a village clinic or township centre sends for residents of its own township
 * (its institution's area lies in one), a county-level institution for the whole county; an institution outside the
 * county is not limited. A rule table: how many levels of the institution's area path ('/county/township/village/')
 * stay in the allowed area (0 = no limit).
 */
const REACH: Record<InstitutionLevel, number> = { village: 2, township: 2, county: 1, outside: 0 };

/** The area path whose residents the institution may send visits for ('/' = anyone). */
export function senderAreaPath(level: InstitutionLevel, institutionAreaPath: string): string {
  const parts = institutionAreaPath.split('/').filter(Boolean).slice(0, REACH[level]);
  return parts.length ? `/${parts.join('/')}/` : '/';
}
