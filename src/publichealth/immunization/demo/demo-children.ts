/**
 * The demo county's children under 7 as the registry holds them, read through core's exported functions: each lives
 * in its household's village and is managed by the immunization clinic of that township, except a few migrant children
 * (流动儿童) living in another township; a few moved away, the dead are kept with their date. Guardian: a parent in
 * the household when there is one (the head's spouse for the head's child, a son or daughter-in-law for a grandchild).
 */
import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { villagesWithTownships, type VillageWithTownship } from '../../../core/areas/village-list.ts';
import { listInstitutions } from '../../../core/institutions/institutions.ts';
import { staffOf } from '../../../core/institutions/staff.ts';
import { householdsByIds } from '../../../core/people/households.ts';
import { householdIdsWithMembersBorn } from '../../../core/people/persons.ts';
import type { PersonSummary } from '../../../core/people/person-query.ts';
import { drawGivenName } from '../../../core/demo/names.ts';
import { drawMobile } from '../../../core/demo/residents.ts';
import type { Random } from '../../../core/demo/random.ts';
import { addDays, ageOn } from '../../../core/dates.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { ChildResidence, ChildStatus } from '../db/schema.ts';
import type { Propensity } from './demo-history.ts';

export interface DemoClinic {
  id: number;
  name: string;
  areaId: number;
  /** The clinic's area code (its township's), for certificate numbers. */
  areaCode: string;
  /** Staff who give the doses (nurses and doctors of the centre). */
  vaccinators: string[];
}

export interface DemoChild {
  /** Position in the draw, to break ties deterministically. */
  order: number;
  personId: number;
  birthDate: string;
  clinic: DemoClinic;
  areaId: number;
  address: string;
  residence: ChildResidence;
  status: ChildStatus;
  statusDate: string | null;
  registeredOn: string;
  certificateIssuedOn: string | null;
  guardianName: string;
  guardianPhone: string;
  conditions: ChildCondition[];
  propensity: Propensity;
}

/** Share of children living in a township other than their household's. */
const MIGRANT_SHARE = 0.02;
const MOVED_AWAY_SHARE = 0.01;
/** Villages whose families keep appointments poorly (2-3 in a county). */
const LAGGING_VILLAGES = 3;
const CONDITION_SHARES: ReadonlyArray<readonly [ChildCondition, number]> = [
  ['mother_hbsag_positive', 0.006],
  ['birth_weight_under_2000g', 0.015],
];

/** Who is the guardian, by the child's relation to the household head: the relations to look for, in order. */
const GUARDIAN_RELATIONS: Record<string, readonly string[]> = {
  son: ['spouse', 'head'],
  daughter: ['spouse', 'head'],
  grandchild: ['daughter_in_law', 'son', 'daughter', 'son_in_law', 'head'],
};
const DEFAULT_GUARDIANS = ['head', 'spouse'];

/** The immunization clinics of the townships (乡镇卫生院 / 社区卫生服务中心 with 预防接种门诊), with their vaccinators. */
export async function loadDemoClinics(db: Db, actor: Actor): Promise<{ clinics: DemoClinic[]; villages: VillageWithTownship[] }> {
  const villages = (await villagesWithTownships(db, actor)).filter((v) => v.validTo === null);
  const townshipCodes = new Map(villages.map((v) => [v.townshipId, v.townshipCode]));
  const centres = (await listInstitutions(db, actor, { level: 'township', pageSize: 200 })).items.filter((i) => i.active && i.designations.includes('immunization_clinic') && townshipCodes.has(i.areaId));
  const clinics: DemoClinic[] = [];
  for (const c of centres.sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const staff = (await staffOf(db, c.id, false)).filter((s) => s.active && (s.role === 'nurse' || s.role === 'doctor' || s.role === 'public_health'));
    const vaccinators = staff.filter((s) => s.role === 'nurse').concat(staff.filter((s) => s.role !== 'nurse')).slice(0, 4).map((s) => s.name);
    clinics.push({ id: c.id, name: c.name, areaId: c.areaId, areaCode: townshipCodes.get(c.areaId)!, vaccinators: vaccinators.length ? vaccinators : [`${c.name}接种护士`] });
  }
  return { clinics, villages };
}

function guardianOf(random: Random, child: PersonSummary, members: readonly PersonSummary[], asOf: string): string {
  const adults = members.filter((m) => m.id !== child.id && m.status === 'alive' && ageOn(m.birthDate, asOf) >= 18 && ageOn(m.birthDate, asOf) <= 60);
  for (const relation of GUARDIAN_RELATIONS[child.relation ?? ''] ?? DEFAULT_GUARDIANS) {
    const found = adults.filter((m) => m.relation === relation);
    // Mothers bring the children to the clinic more often than fathers.
    const mother = found.find((m) => m.sex === 'F');
    if (found.length) return (mother ?? found[0]!).name;
  }
  if (adults.length) return adults[0]!.name;
  return child.name.slice(0, 1) + drawGivenName(random, random.chance(0.6) ? 'F' : 'M', Number(child.birthDate.slice(0, 4)) - 28);
}

/** A day between two days, both included. */
const dayBetween = (random: Random, from: string, to: string) => {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, random.int(0, Math.max(0, span)));
};

function propensities(random: Random, villages: readonly VillageWithTownship[], childCounts: Map<number, number>): Map<number, Propensity> {
  // The lagging villages are drawn among the larger ones, so their rates are not a matter of three children.
  const large = villages.filter((v) => (childCounts.get(v.id) ?? 0) > 0).sort((a, b) => (childCounts.get(b.id) ?? 0) - (childCounts.get(a.id) ?? 0) || a.id - b.id).slice(0, 12);
  const lagging = new Set<number>();
  while (lagging.size < Math.min(LAGGING_VILLAGES, large.length)) lagging.add(random.pick(large).id);
  return new Map(
    villages.map((v) => [v.id, lagging.has(v.id) ? { drop: 0.07 + random.next() * 0.03, onTime: 0.55 + random.next() * 0.15 } : { drop: 0.003 + random.next() * 0.008, onTime: 0.86 + random.next() * 0.1 }]),
  );
}

/** Every child under 7 on the as-of day (born within the last 7 years), in village code and household order. */
export async function drawDemoChildren(db: Db, actor: Actor, random: Random, county: { clinics: DemoClinic[]; villages: VillageWithTownship[] }, asOf: string): Promise<DemoChild[]> {
  const clinicOf = new Map(county.clinics.map((c) => [c.areaId, c]));
  const served = county.villages.filter((v) => clinicOf.has(v.townshipId));
  const bornAfter = `${Number(asOf.slice(0, 4)) - 7}${asOf.slice(4)}`;
  const children: DemoChild[] = [];
  // Only the households with a child under 7 (about one in five), read by id in bulk: not every household of the county.
  const ids = await householdIdsWithMembersBorn(db, actor, { from: addDays(bornAfter, 1), to: asOf });
  const households = new Map<number, Awaited<ReturnType<typeof householdsByIds>>>();
  for (const h of await householdsByIds(db, actor, ids)) {
    const list = households.get(h.areaId);
    if (list) list.push(h);
    else households.set(h.areaId, [h]);
  }
  for (const list of households.values()) list.sort((a, b) => (a.householdNo < b.householdNo ? -1 : a.householdNo > b.householdNo ? 1 : a.id - b.id));
  for (const village of served) {
    for (const household of households.get(village.id) ?? []) {
      for (const person of household.members) {
        if (person.birthDate <= bornAfter || person.birthDate > asOf) continue;
        let living = village;
        let address = household.address;
        if (person.status === 'alive' && random.chance(MIGRANT_SHARE)) {
          const elsewhere = served.filter((v) => v.townshipId !== village.townshipId);
          if (elsewhere.length) {
            living = random.pick(elsewhere);
            address = `${living.name}租住房 ${random.int(1, 80)} 号`;
          }
        }
        let status: ChildStatus = 'active';
        let statusDate: string | null = null;
        if (person.status === 'deceased') [status, statusDate] = ['dead', person.statusDate ?? dayBetween(random, person.birthDate, asOf)];
        else if (person.status === 'moved_out' || random.chance(MOVED_AWAY_SHARE)) [status, statusDate] = ['moved_away', person.statusDate ?? dayBetween(random, addDays(person.birthDate, 30) < asOf ? addDays(person.birthDate, 30) : person.birthDate, asOf)];
        if (statusDate !== null && statusDate < person.birthDate) statusDate = person.birthDate;
        const registeredOn = [addDays(person.birthDate, random.int(0, 10)), asOf, statusDate ?? asOf].sort()[0]!;
        // Certificates are issued at registration; some of the newest babies' are still to be collected, a few never.
        const recent = addDays(person.birthDate, 30) > asOf;
        const certificateIssuedOn = random.chance(recent ? 0.6 : 0.99) ? registeredOn : null;
        children.push({
          order: children.length,
          personId: person.id,
          birthDate: person.birthDate,
          clinic: clinicOf.get(living.townshipId)!,
          areaId: living.id,
          address,
          residence: living.townshipId === village.townshipId ? 'local' : 'migrant_in',
          status,
          statusDate,
          registeredOn,
          certificateIssuedOn,
          guardianName: guardianOf(random, person, household.members, asOf),
          guardianPhone: household.phone ?? drawMobile(random),
          conditions: CONDITION_SHARES.filter(([, share]) => random.chance(share)).map(([c]) => c),
          propensity: { drop: 0, onTime: 1 },
        });
      }
    }
  }
  // Habits: the village's, made worse for a few families.
  const counts = new Map<number, number>();
  for (const c of children) counts.set(c.areaId, (counts.get(c.areaId) ?? 0) + 1);
  const byVillage = propensities(random, served, counts);
  for (const c of children) {
    const village = byVillage.get(c.areaId)!;
    const x = random.next();
    const factor = x < 0.85 ? 1 : x < 0.95 ? 3 : 8;
    c.propensity = { drop: Math.min(0.9, village.drop * factor), onTime: factor === 1 ? village.onTime : village.onTime * 0.8 };
  }
  return children;
}
