/**
 * Registered children for the list and indicator tests: a household per child through the people module, then the
 * registry rows written directly (a clinic, the child, its doses as imported records).
 */
import { systemActor } from '../../../core/auth/actor.ts';
import type { Db } from '../../../core/db/connection.ts';
import { createInstitution } from '../../../core/institutions/institutions.ts';
import { createHousehold } from '../../../core/people/households.ts';
import type { ChildResidence, ChildStatus } from '../db/schema.ts';
import type { ChildCondition } from '../schedules/schema.ts';

export interface TestChild {
  name: string;
  birthDate: string;
  /** Where the child lives (imm_child.area_id); its household is registered there too unless `householdAreaId`. */
  areaId: number;
  householdAreaId?: number;
  idNumber?: string;
  residence?: ChildResidence;
  status?: ChildStatus;
  statusDate?: string;
  certificateIssuedOn?: string;
  guardianPhone?: string;
  conditions?: ChildCondition[];
  /** [vaccine, dose, date] */
  doses?: Array<[string, number, string]>;
}

export async function createTestClinic(db: Db, townshipId: number): Promise<number> {
  return createInstitution(db, systemActor(), { code: `IMM${townshipId}`, name: '测试预防接种门诊', kind: 'township_hc', level: 'township', areaId: townshipId, designations: ['immunization_clinic'] });
}

export async function addTestChild(db: Db, clinicId: number, c: TestChild): Promise<number> {
  const actor = systemActor('测试夹具');
  await createHousehold(db, actor, {
    areaId: c.householdAreaId ?? c.areaId,
    address: '测试',
    members: [{ name: c.name, relation: 'head', ...(c.idNumber ? { idNumber: c.idNumber } : { birthDate: c.birthDate, sex: 'M' as const }) }],
  });
  const person = await db.selectFrom('person').select('id').where('name', '=', c.name).where('birth_date', '=', c.birthDate).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('imm_child')
    .values({
      person_id: person.id,
      clinic_id: clinicId,
      area_id: c.areaId,
      residence: c.residence ?? 'local',
      status: c.status ?? 'active',
      status_date: c.statusDate ?? null,
      certificate_no: c.certificateIssuedOn ? `T${person.id}` : null,
      certificate_issued_on: c.certificateIssuedOn ?? null,
      guardian_name: `${c.name}家长`,
      guardian_phone: c.guardianPhone ?? null,
      conditions: c.conditions ?? [],
      registered_by_name: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [vaccine, dose, date] of c.doses ?? []) {
    await db
      .insertInto('imm_dose')
      .values({ child_id: id, vaccine, dose, given_on: date, institution_id: clinicId, source: 'import', entered_by_name: actor.name })
      .execute();
  }
  return id;
}
