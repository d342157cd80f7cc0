/**
 * Test helpers for visit intake on the tiny county: a county hospital, 东岭镇卫生院 and the 东岭村 clinic, a user at each
 * (password test1234: v_hospital hospital_doctor, v_centre township_staff, v_clinic village_doctor), and residents:
 * 张三 and 李四 in 东岭村, 王五 in 西岭村, 赵六 in 北门社区 (another township). `send` receives visits as an institution.
 */
import type { Db } from '../../../../core/db/connection.ts';
import { systemActor } from '../../../../core/auth/actor.ts';
import { createInstitution } from '../../../../core/institutions/institutions.ts';
import { createUser } from '../../../../core/auth/users.ts';
import { createHousehold } from '../../../../core/people/households.ts';
import { makeResidentId } from '../../../../core/people/resident-id.ts';
import { TEST_PASSWORD, type TinyCounty } from '../../../../testing/fixtures.ts';
import type { VisitInput } from '../visit-input.ts';
import { receiveVisits } from '../receive-visits.ts';

const actor = systemActor('测试夹具');

export async function visitWorld(db: Db, county: TinyCounty) {
  const { areas } = county;
  const institutions = {
    hospital: await createInstitution(db, actor, { code: 'DV-H1', name: '清河县人民医院', kind: 'county_hospital', level: 'county', areaId: areas.county }),
    centre: await createInstitution(db, actor, { code: 'DV-T1', name: '东岭镇卫生院', kind: 'township_hc', level: 'township', areaId: areas.town }),
    clinic: await createInstitution(db, actor, { code: 'DV-V1', name: '东岭村卫生室', kind: 'village_clinic', level: 'village', areaId: areas.eastVillage }),
  };
  const user = (username: string, displayName: string, role: string, areaId: number, institutionId: number) =>
    createUser(db, actor, { username, displayName, password: TEST_PASSWORD, role, areaId, institutionId });
  await user('v_hospital', '县医院防保科', 'hospital_doctor', areas.county, institutions.hospital);
  await user('v_centre', '卫生院防保', 'township_staff', areas.town, institutions.centre);
  await user('v_clinic', '东岭村医', 'village_doctor', areas.eastVillage, institutions.clinic);
  const person = (name: string, birthDate: string, sex: 'M' | 'F', sequence: number) => ({ name, birthDate, sex, idNumber: makeResidentId('430702', birthDate, sequence), relation: 'head' });
  const residents = {
    zhang: person('张三', '2015-04-02', 'M', 11),
    li: person('李四', '1980-07-15', 'F', 22),
    wang: person('王五', '1990-01-20', 'M', 33),
    zhao: person('赵六', '1975-11-11', 'F', 44),
  };
  await createHousehold(db, actor, { areaId: areas.eastVillage, address: '东岭村一组', members: [residents.zhang] });
  await createHousehold(db, actor, { areaId: areas.eastVillage, address: '东岭村二组', members: [residents.li] });
  await createHousehold(db, actor, { areaId: areas.westVillage, address: '西岭村一组', members: [residents.wang] });
  await createHousehold(db, actor, { areaId: areas.community, address: '北门社区', members: [residents.zhao] });
  return { institutions, residents };
}

/** A visit with one diagnosis; `patient` overrides the patient fields. */
export function visit(visitId: string, patient: Partial<VisitInput['patient']> & { name: string }, code = 'B26.9', visitedAt = '2026-03-02 09:30'): VisitInput {
  return { visitId, patient, department: '门诊', visitedAt, diagnoses: [{ code }] };
}

export function send(db: Db, institutionId: number, visits: VisitInput[], now = new Date('2026-03-10T00:00:00Z')) {
  return receiveVisits(db, { institutionId, source: 'api', actor: systemActor('测试接口') }, visits.map((input) => ({ input })), now);
}
