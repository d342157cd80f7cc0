/**
 * Test helpers for claims: designated institutions with a settling user each, the active example scheme, and
 * enrolled patients. Users (password test1234): hospital (县医院结算员), tcm (中医院结算员), centre (东岭镇卫生院,
 * township_staff), clinic_east / clinic_west (village doctors of their clinics), plain (a clerk of an undesignated
 * clinic) and nowhere (a clerk with no institution).
 */
import type { Db } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { createInstitution } from '../../core/institutions/institutions.ts';
import { createUser } from '../../core/auth/users.ts';
import { TEST_PASSWORD, type TinyCounty } from '../../testing/fixtures.ts';
import { enrollHousehold } from '../enrollment/enrollment.ts';
import { activeExampleScheme, addHousehold, type FixtureMember } from './enrollment-fixtures.ts';

const actor = systemActor('测试夹具');

export async function claimsWorld(db: Db, county: TinyCounty, years: number[]) {
  const { areas } = county;
  const institution = async (code: string, name: string, kind: string, level: string, areaId: number, designated = true) =>
    createInstitution(db, actor, { code, name, kind, level, areaId, designations: designated ? ['ncms_designated'] : [] });
  const institutions = {
    hospital: await institution('CL-H1', '清河县人民医院', 'county_hospital', 'county', areas.county),
    tcm: await institution('CL-H2', '清河县中医院', 'tcm_hospital', 'county', areas.county),
    centre: await institution('CL-T1', '东岭镇卫生院', 'township_hc', 'township', areas.town),
    clinicEast: await institution('CL-V1', '东岭村卫生室', 'village_clinic', 'village', areas.eastVillage),
    clinicWest: await institution('CL-V2', '西岭村卫生室', 'village_clinic', 'village', areas.westVillage),
    plain: await institution('CL-P1', '北门个体诊所', 'private_clinic', 'county', areas.county, false),
  };
  const user = (username: string, displayName: string, role: string, areaId: number, institutionId: number | null) =>
    createUser(db, actor, { username, displayName, password: TEST_PASSWORD, role, areaId, institutionId });
  await user('hospital', '县医院结算员', 'institution_clerk', areas.county, institutions.hospital);
  await user('tcm', '中医院结算员', 'institution_clerk', areas.county, institutions.tcm);
  await user('centre', '卫生院结算员', 'township_staff', areas.town, institutions.centre);
  await user('clinic_east', '东岭村医生', 'village_doctor', areas.eastVillage, institutions.clinicEast);
  await user('clinic_west', '西岭村医生', 'village_doctor', areas.westVillage, institutions.clinicWest);
  await user('plain', '诊所结算员', 'institution_clerk', areas.county, institutions.plain);
  await user('nowhere', '无机构结算员', 'institution_clerk', areas.county, null);
  const schemes: Record<number, number> = {};
  for (const year of years) schemes[year] = await activeExampleScheme(db, year);
  return { institutions, schemes };
}

/** A household of the given names in a village, each member enrolled for `years` (none: not enrolled). */
export async function patients(db: Db, areaId: number, names: string[], years: number[]): Promise<FixtureMember[]> {
  const household = await addHousehold(db, areaId, names);
  for (const year of years) {
    await enrollHousehold(db, actor, {
      householdId: household.id,
      year,
      collectedOn: `${year}-01-05`,
      members: household.members.map((m) => ({ personId: m.id, category: 'self_paid' })),
    });
  }
  return household.members;
}
