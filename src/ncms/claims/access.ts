/**
 * Who may do what with claims. Settling is done at the institution the user works at (actor.institutionId): a claim
 * belongs to that institution and only its users change it. Reading is scoped by the claim's institution:
 * users bound to one institution (a hospital's settlement clerk, a village doctor) see its claims; everyone else with
 * NCMS rights sees the claims of the institutions inside their area (township staff: their township's health centre
 * and village clinics; the bureau and NCMS office: the county). Out of view answers 404 like a missing claim.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Database } from '../../database.ts';
import type { NcmsClaimTable } from '../db/schema.ts';
import { can, type Role } from '../../core/auth/roles.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { forbidden } from '../../core/errors.ts';
import { institutionBasics, institutionIdsIn } from '../../core/institutions/institutions.ts';

const INSTITUTION_BOUND: ReadonlySet<Role | 'system'> = new Set<Role>(['institution_clerk', 'village_doctor']);

/** The settling user's institution, checked to be an active NCMS-designated (新农合定点) one. */
export async function requireSettlingInstitution(db: Db, actor: Actor) {
  requirePermission(actor, 'ncms.settle');
  if (actor.institutionId === null) throw forbidden('您的账号未关联医疗机构，不能办理新农合结算，请联系管理员设置所属机构');
  const institution = await institutionBasics(db, actor.institutionId);
  if (!institution || !institution.active) throw forbidden('您所属的医疗机构不存在或已停用，不能办理新农合结算');
  if (!institution.designations.includes('ncms_designated')) throw forbidden(`「${institution.name}」不是新农合定点医疗机构，不能办理即时结报`);
  return institution;
}

export type SettlingInstitution = Awaited<ReturnType<typeof requireSettlingInstitution>>;

export function requireClaimRead(actor: Actor): void {
  if (!can(actor.role, 'ncms.read') && !can(actor.role, 'ncms.settle')) throw forbidden();
}

/** A where-condition over `ncms_claim as c`: the claims the actor may see. */
export function claimVisibleTo(db: Db, actor: Actor) {
  return (eb: ExpressionBuilder<Database & { c: NcmsClaimTable }, 'c'>): Expression<SqlBool> => {
    if (actor.role === 'system') return sql<SqlBool>`true`;
    if (INSTITUTION_BOUND.has(actor.role)) return eb('c.institution_id', '=', actor.institutionId ?? -1);
    return eb('c.institution_id', 'in', institutionIdsIn(db, actor.scope));
  };
}
