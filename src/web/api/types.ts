// The shapes of the API's JSON answers. Those the server declares are imported from it as types only (erased at
// build, so no server code reaches the bundle); what stays here is what the server states only as a zod schema.
import type { Page as ListPage } from '../../core/list-page.ts';
import type { SessionUser } from '../../core/auth/sessions.ts';

export type { AreaNode, AreaDetail, AreaVersion, AreaChange } from '../../core/areas/areas.ts';
export type { PersonStatus, Sex } from '../../core/db/schema.ts';
export type { PersonSummary } from '../../core/people/person-query.ts';
export type { PersonDetail } from '../../core/people/persons.ts';
export type { HouseholdSummary, HouseholdDetail } from '../../core/people/households.ts';
export type { InstitutionSummary as Institution, InstitutionDetail } from '../../core/institutions/institutions.ts';
export type { StaffMember as Staff } from '../../core/institutions/staff.ts';
export type { InstitutionMeta } from '../../core/institutions/catalog.ts';
export type { UserInfo as UserRow } from '../../core/auth/users-admin.ts';
export type { AuditItem as AuditEntry } from '../../core/audit/query.ts';
export type { AuditVerification as AuditVerifyResult } from '../../core/audit/verify.ts';
export type { Overview } from '../../core/overview/overview.ts';

/** A page of a list; the people lists set `totalCapped` when they stopped counting at their limit. */
export type Page<T> = ListPage<T> & { totalCapped?: boolean };

/** Who is logged in, with the role's name for the header. */
export type CurrentUser = SessionUser & { roleName: string };

export interface RoleOption {
  role: string;
  name: string;
  /** The level of area this role's users are assigned to. */
  areaLevel: string;
}
