/** Who sees which card: the scope rule every card query and change goes through. */
import type { Db } from '../../../core/db/connection.ts';
import { can } from '../../../core/auth/roles.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { institutionIdsIn } from '../../../core/institutions/institutions.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import type { Transition } from './card-rules.ts';

/**
 * Cards inside the actor's scope: the patient lives there (现住址, where the township checks the card) or the
 * reporting institution is there (a village clinic sees what it reported for a patient from elsewhere).
 */
export function scopedCards(db: Db, actor: Actor) {
  return db
    .selectFrom('disease_card as c')
    .where((eb) => eb.or([eb('c.area_id', 'in', areaIdsIn(db, actor.scope)), eb('c.institution_id', 'in', institutionIdsIn(db, actor.scope))]));
}

/** A card in scope, locked for a change. Outside the scope it is "not found", like a missing one. */
export async function lockCard(trx: Db, actor: Actor, id: number) {
  const card = await scopedCards(trx, actor).selectAll('c').where('c.id', '=', id).forUpdate().executeTakeFirst();
  if (!card) throw notFound('传染病报告卡');
  return card;
}

/** Revising and deleting belong to the reporting institution's own users, and to the county CDC. */
export function isReporterOrCdc(actor: Actor, institutionId: number): boolean {
  return actor.role === 'system' || actor.institutionId === institutionId || can(actor.role, 'disease.confirm');
}

export function requireReporterOrCdc(actor: Actor, institutionId: number, transition: Transition): void {
  if (!transition.reporterOrCdc || isReporterOrCdc(actor, institutionId)) return;
  throw forbidden(`只有报告单位本单位人员或县疾控中心可以${transition.name}这张报告卡`);
}
