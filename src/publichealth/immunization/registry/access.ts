/** Who may touch which clinic and child: the scope checks every registry and stock service goes through. */
import type { Db } from '../../../core/db/connection.ts';
import { pathInScope, type Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { institutionBasics } from '../../../core/institutions/institutions.ts';
import { AppError, invalid, notFound } from '../../../core/errors.ts';

export interface Clinic {
  id: number;
  name: string;
  areaId: number;
  areaPath: string;
}

/**
 * An active immunization clinic (预防接种门诊) inside the caller's scope: a township user works at its township's
 * clinic, the CDC at any. Outside the scope it answers 404 like a missing one.
 */
export async function clinicInScope(db: Db, actor: Actor, institutionId: number, field = 'institutionId'): Promise<Clinic> {
  const institution = await institutionBasics(db, institutionId);
  if (!institution || !pathInScope(actor.scope, institution.areaPath)) {
    throw new AppError('not_found', `接种单位（机构编号 ${institutionId}）不存在或不在您的管辖范围内`, 404, { field });
  }
  if (!institution.active) throw invalid(field, `「${institution.name}」已停用，不能登记接种`, 'clinic_inactive');
  if (!institution.designations.includes('immunization_clinic')) {
    throw invalid(field, `「${institution.name}」不是预防接种门诊（机构资质中没有「预防接种门诊」），不能登记接种`, 'not_immunization_clinic');
  }
  return { id: institution.id, name: institution.name, areaId: institution.areaId, areaPath: institution.areaPath };
}

/** The clinic a request names, by default the institution the user works at (app_user.institution_id). */
export function clinicIdOf(actor: Actor, given: number | undefined, field = 'institutionId'): number {
  const id = given ?? actor.institutionId;
  if (id === null) throw invalid(field, '请选择接种单位');
  return id;
}

/** A child under management whose living area is inside the caller's scope, locked for a write when asked. */
export async function childInScope(db: Db, actor: Actor, childId: number, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('imm_child').selectAll().where('id', '=', childId).where('area_id', 'in', areaIdsIn(db, actor.scope));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('接种儿童');
  return row;
}
