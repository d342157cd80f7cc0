/** Test helpers for the registry: immunization clinics of the tiny county and families with a young child. */
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { addDays, todayInShanghai } from '../../../core/dates.ts';
import { createInstitution } from '../../../core/institutions/institutions.ts';
import { createHousehold, getHousehold } from '../../../core/people/households.ts';
import { makeResidentId } from '../../../core/people/resident-id.ts';
import type { TinyCounty } from '../../../testing/fixtures.ts';

const fixtureActor = systemActor('测试夹具');

/** 东岭镇卫生院 and 城关街道社区卫生服务中心, both immunization clinics, and a village clinic that is not one. */
export async function createClinics(db: Db, county: TinyCounty) {
  const dongling = await createInstitution(db, fixtureActor, {
    code: 'DL-HC',
    name: '东岭镇卫生院',
    kind: 'township_hc',
    level: 'township',
    areaId: county.areas.town,
    designations: ['immunization_clinic'],
  });
  const chengguan = await createInstitution(db, fixtureActor, {
    code: 'CG-HC',
    name: '城关街道社区卫生服务中心',
    kind: 'community_hc',
    level: 'township',
    areaId: county.areas.street,
    designations: ['immunization_clinic'],
  });
  const villageClinic = await createInstitution(db, fixtureActor, {
    code: 'DL-C1',
    name: '东岭村卫生室',
    kind: 'village_clinic',
    level: 'village',
    areaId: county.areas.eastVillage,
  });
  return { dongling, chengguan, villageClinic };
}

let sequence = 0;

/** A family in the village: a parent and a child born `ageDays` ago; returns the child's person id and ID number. */
export async function addFamilyWithChild(db: Db, areaId: number, childName: string, ageDays: number) {
  sequence += 1;
  const birthDate = addDays(todayInShanghai(), -ageDays);
  // Unique while fewer than 1000 children share a birth date; each parent gets a birth date of their own.
  const idNumber = makeResidentId('430702', birthDate, sequence % 1000);
  const parentId = makeResidentId('430702', addDays('1990-01-01', sequence), 1);
  const household = await createHousehold(db, fixtureActor, {
    areaId,
    address: '测试地址',
    members: [
      { name: `${childName}的家长`, idNumber: parentId, relation: 'head' },
      { name: childName, idNumber, relation: 'son' },
    ],
  });
  const child = (await getHousehold(db, fixtureActor, household)).members.find((m) => m.idNumber === idNumber)!;
  return { personId: child.id, idNumber, birthDate };
}
