import type { Db } from '../db/connection.ts';
import type { InstitutionLevel, Sex } from '../db/schema.ts';
import type { CountyAreas } from './areas.ts';
import { COUNTY, COUNTY_INSTITUTIONS, type DemoInstitutionKind, DESIGNATIONS_OF, FEMALE_SHARE, PRIVATE_CLINICS, QUALIFICATION_OF, STAFF_OF } from './county-plan.ts';
import { drawGivenName, drawSurname } from './names.ts';
import { weighted, type Random } from './random.ts';
import { birthDateFor, drawLandline, drawMobile, type ResidentIdAllocator } from './residents.ts';

interface PlannedInstitution {
  code: string;
  name: string;
  kind: DemoInstitutionKind;
  level: InstitutionLevel;
  areaId: number;
  /** The code of its parent institution (村卫生室 → 乡镇卫生院 → 县人民医院). */
  parentCode: string | null;
  address: string;
}

/**
 * The institutions of the county plan placed in the created areas, parents before children.
 * Codes are the area code of where they stand plus a two-digit number within that area.
 */
export function planInstitutions(areas: CountyAreas): PlannedInstitution[] {
  const counters = new Map<string, number>();
  const codeIn = (areaCode: string) => {
    const n = (counters.get(areaCode) ?? 0) + 1;
    counters.set(areaCode, n);
    return `${areaCode}${String(n).padStart(2, '0')}`;
  };
  const out: PlannedInstitution[] = COUNTY_INSTITUTIONS.map((i) => ({
    ...i,
    code: codeIn(COUNTY.code),
    level: 'county' as const,
    areaId: areas.countyId,
    parentCode: null,
  }));
  const hospital = out[0]!.code;
  for (const township of areas.townships) {
    const street = township.plan.kind === 'street';
    const centre: PlannedInstitution = {
      code: codeIn(township.code),
      name: street ? `${township.name}社区卫生服务中心` : `${township.name}卫生院`,
      kind: street ? 'community_hc' : 'township_hc',
      level: 'township',
      areaId: township.id,
      parentCode: street ? null : hospital,
      address: `${COUNTY.name}${township.name}${township.places[0]!.name}`,
    };
    out.push(centre);
    for (const place of township.places.filter((p) => p.hasClinic)) {
      out.push({
        code: codeIn(place.code),
        name: street ? `${place.name}卫生服务站` : `${place.name}卫生室`,
        kind: street ? 'community_station' : 'village_clinic',
        level: 'village',
        areaId: place.id,
        parentCode: centre.code,
        address: `${township.name}${place.name}`,
      });
    }
  }
  for (const clinic of PRIVATE_CLINICS) {
    const place = areas.places.find((p) => p.name === clinic.place)!;
    out.push({
      code: codeIn(place.code),
      name: clinic.name,
      kind: 'private_clinic',
      level: 'village',
      areaId: place.id,
      parentCode: null,
      address: `${place.township.name}${place.name}`,
    });
  }
  return out;
}

export interface InstitutionCounts {
  institutions: number;
  staff: number;
  /** Institution ids by name, for the demo users who work at one. */
  idsByName: Map<string, number>;
}

const roleTables = new Map(Object.entries(STAFF_OF).map(([kind, plan]) => [kind, weighted(plan.roles)]));
const qualificationTables = new Map(Object.entries(QUALIFICATION_OF).map(([role, q]) => [role, weighted(q)]));

/** Inserts the planned institutions and a realistic staff for each. */
export async function createInstitutions(
  trx: Db,
  areas: CountyAreas,
  random: Random,
  ids: ResidentIdAllocator,
  asOfMs: number,
): Promise<InstitutionCounts> {
  const planned = planInstitutions(areas);
  const idsByCode = new Map<string, number>();
  for (const i of planned) {
    const { id } = await trx
      .insertInto('institution')
      .values({
        code: i.code,
        name: i.name,
        kind: i.kind,
        level: i.level,
        area_id: i.areaId,
        parent_id: i.parentCode ? idsByCode.get(i.parentCode)! : null,
        designations: DESIGNATIONS_OF[i.kind],
        address: i.address,
        phone: drawLandline(random, COUNTY.phoneAreaCode),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    idsByCode.set(i.code, id);
  }

  const staff = planned.flatMap((i) => {
    const plan = STAFF_OF[i.kind];
    const size = random.int(...plan.size);
    return Array.from({ length: size }, () => {
      const role = roleTables.get(i.kind)!.draw(random);
      const sex: Sex = random.chance(FEMALE_SHARE[role]) ? 'F' : 'M';
      const age = random.int(...plan.age);
      const birthDate = new Date(birthDateFor(random, asOfMs, age)).toISOString().slice(0, 10);
      return {
        institution_id: idsByCode.get(i.code)!,
        name: drawSurname(random) + drawGivenName(random, sex, Number(birthDate.slice(0, 4))),
        sex,
        id_number: ids.allocate(COUNTY.idAreaCode, birthDate, sex),
        role,
        qualification: qualificationTables.get(role)!.draw(random),
        phone: drawMobile(random),
      };
    });
  });
  for (let i = 0; i < staff.length; i += 2000) await trx.insertInto('staff').values(staff.slice(i, i + 2000)).execute();

  return { institutions: planned.length, staff: staff.length, idsByName: new Map(planned.map((i) => [i.name, idsByCode.get(i.code)!])) };
}
