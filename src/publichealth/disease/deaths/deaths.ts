import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { isUniqueViolation } from '../../../core/db/unique-violation.ts';
import { todayInShanghai } from '../../../core/dates.ts';
import { invalid } from '../../../core/errors.ts';
import { findPersonInScope, setPersonStatus } from '../../../core/people/persons.ts';
import { institutionBasics } from '../../../core/institutions/institutions.ts';
import { pageRequest, type Page, type PageRequest } from '../../../core/list-page.ts';
import { icd10Label } from '../icd10/icd10.ts';
import type { DeathPlace } from '../db/deaths-schema.ts';
import { AreaIndex } from '../ranking/area-index.ts';
import { checkDeath, type DeathInput } from './death-rules.ts';

/**
 * Registers a death (死亡登记) and marks the person deceased everywhere, in one transaction with its audit entry:
 * the person must be in the actor's scope; nothing is written when any check fails.
 */
export async function registerDeath(db: Db, actor: Actor, input: DeathInput, today = todayInShanghai()): Promise<number> {
  requirePermission(actor, 'disease.report');
  const institutionId = input.institutionId ?? actor.institutionId;
  return inTransaction(db, async (trx) => {
    const person = await findPersonInScope(trx, actor, input.personId).catch(() => {
      throw invalid('personId', '找不到该居民，或其不在您的管辖范围内；请先在居民查询中核对', 'person_not_found');
    });
    const registered = await trx.selectFrom('disease_death').select(sql<string>`(registered_at at time zone 'Asia/Shanghai')::date::text`.as('day')).where('person_id', '=', person.id).executeTakeFirst();
    const death = checkDeath(input, { today, person, registeredOn: registered?.day ?? null });
    if (institutionId != null && !(await institutionBasics(trx, institutionId))) throw invalid('institutionId', '报告单位不存在，请重新选择');
    let id: number;
    try {
      ({ id } = await trx
        .insertInto('disease_death')
        .values({
          person_id: person.id,
          area_id: person.areaId,
          death_date: death.deathDate,
          place: death.place,
          underlying_icd10: death.underlyingIcd10,
          cause_a: death.causes.causeA,
          cause_b: death.causes.causeB,
          cause_c: death.causes.causeC,
          cause_d: death.causes.causeD,
          institution_id: institutionId ?? null,
          registered_by: actor.userId,
          registered_by_name: actor.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (error) {
      if (isUniqueViolation(error)) throw invalid('personId', `${person.name} 的死亡刚刚已由他人登记，不能重复登记`, 'already_registered');
      throw error;
    }
    await recordAudit(trx, actor, { action: 'create', entity: 'disease_death', entityId: id, areaId: person.areaId, after: { personId: person.id, ...death, institutionId } });
    // Marking the person deceased is core's write (people.write); the death certificate is the authority for it, so a
    // reporter with disease.report does it through the same function, audited under their own name, in their scope.
    await setPersonStatus(trx, { ...actor, role: 'system' }, person.id, { status: 'deceased', date: death.deathDate });
    return id;
  });
}

export interface DeathListItem {
  id: number;
  personId: number;
  personName: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaId: number;
  areaName: string;
  deathDate: string;
  place: DeathPlace;
  underlyingIcd10: string;
  underlyingCause: string;
  institutionName: string | null;
  registeredByName: string;
  registeredAt: string;
}

/** Registered deaths in the actor's scope (narrowed to an area and a date range), newest first. */
export async function listDeaths(
  db: Db,
  actor: Actor,
  filter: { areaId?: number | undefined; from?: string | undefined; to?: string | undefined } & Partial<PageRequest> = {},
): Promise<Page<DeathListItem>> {
  requirePermission(actor, 'disease.read');
  const areas = await AreaIndex.load(db);
  const { ids } = areas.within(actor, filter.areaId);
  const { page, pageSize, offset } = pageRequest(filter);
  let q = db.selectFrom('disease_death as d').where('d.area_id', 'in', ids);
  if (filter.from) q = q.where('d.death_date', '>=', filter.from);
  if (filter.to) q = q.where('d.death_date', '<=', filter.to);
  const rows = await q
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .leftJoin('institution as i', 'i.id', 'd.institution_id')
    .select(['d.id', 'd.person_id', 'p.name', 'p.sex', 'p.birth_date', 'd.area_id', 'd.death_date', 'd.place', 'd.underlying_icd10', 'i.name as institution_name', 'd.registered_by_name', 'd.registered_at'])
    .orderBy('d.death_date', 'desc')
    .orderBy('d.id', 'desc')
    .limit(pageSize)
    .offset(offset)
    .execute();
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => ({ total: Number(r.n) }));
  return {
    items: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      areaId: r.area_id,
      areaName: areas.label(r.area_id),
      deathDate: r.death_date,
      place: r.place,
      underlyingIcd10: r.underlying_icd10,
      underlyingCause: icd10Label(r.underlying_icd10),
      institutionName: r.institution_name,
      registeredByName: r.registered_by_name,
      registeredAt: r.registered_at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}
