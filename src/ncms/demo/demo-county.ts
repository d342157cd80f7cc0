/**
 * What the NCMS demo reads of the core demo county, through core's exported functions only: the rural villages with
 * their households and people, and the designated institutions by level. Adds the out-of-county hospitals that
 * receive referrals (县外定点医院) when the catalogue has none.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { getArea } from '../../core/areas/areas.ts';
import { villagesWithTownships } from '../../core/areas/village-list.ts';
import { createInstitution, listInstitutions, type InstitutionSummary } from '../../core/institutions/institutions.ts';
import { householdsInArea } from '../../core/people/households.ts';
import type { PersonSummary } from '../../core/people/person-query.ts';
import type { HouseholdSummary } from '../../core/people/households.ts';

export interface DemoVillage {
  id: number;
  code: string;
  name: string;
  townshipId: number;
  townshipName: string;
  households: Array<HouseholdSummary & { members: PersonSummary[] }>;
  /** Its own NCMS-designated clinic (村卫生室), if it has one. */
  clinic: InstitutionSummary | null;
  /** The designated centre (乡镇卫生院) of its township, or the nearest one when its township has none. */
  centre: InstitutionSummary;
}

export interface DemoInstitutions {
  countyHospital: InstitutionSummary;
  tcmHospital: InstitutionSummary;
  /** Out-of-county hospitals (level outside), the first one taking most referrals. */
  outside: InstitutionSummary[];
}

// 县外定点医院: where the county refers patients; filed under the county they receive patients from.
const OUTSIDE_HOSPITALS = [
  { code: '43070299A1', name: '常德市第一人民医院', address: '常德市武陵区人民路 818 号' },
  { code: '43070299A2', name: '湖南省人民医院', address: '长沙市芙蓉区解放西路 61 号' },
  { code: '43070299A3', name: '中南大学湘雅医院', address: '长沙市开福区湘雅路 87 号' },
];

async function allInstitutions(db: Db, actor: Actor): Promise<InstitutionSummary[]> {
  const out: InstitutionSummary[] = [];
  for (let page = 1; ; page++) {
    const p = await listInstitutions(db, actor, { page, pageSize: 200 });
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}

const designated = (i: InstitutionSummary) => i.active && i.designations.includes('ncms_designated');

export async function loadDemoCounty(db: Db, actor: Actor): Promise<{ villages: DemoVillage[]; institutions: DemoInstitutions; countyId: number }> {
  let institutions = (await allInstitutions(db, actor)).filter(designated);
  const countyHospital = institutions.find((i) => i.kind === 'county_hospital' && i.level === 'county');
  const tcmHospital = institutions.find((i) => i.kind === 'tcm_hospital' && i.level === 'county') ?? countyHospital;
  if (!countyHospital || !tcmHospital) throw new Error('演示县缺少县级定点医院，无法生成新农合演示数据');
  const countyId = countyHospital.areaId;
  if (!institutions.some((i) => i.level === 'outside')) {
    for (const h of OUTSIDE_HOSPITALS) {
      await createInstitution(db, actor, { code: h.code, name: h.name, kind: 'county_hospital', level: 'outside', areaId: countyId, designations: ['ncms_designated'], address: h.address });
    }
    institutions = (await allInstitutions(db, actor)).filter(designated);
  }
  const outside = institutions.filter((i) => i.level === 'outside').sort((a, b) => (a.code < b.code ? -1 : 1));
  const centres = institutions.filter((i) => i.level === 'township');
  const clinics = institutions.filter((i) => i.level === 'village');

  const villages: DemoVillage[] = [];
  for (const v of await villagesWithTownships(db, actor)) {
    if (v.validTo !== null) continue;
    const area = await getArea(db, actor, v.id);
    if (area.urban) continue; // the NCMS covers rural residents
    const centre = centres.find((c) => c.areaId === v.townshipId) ?? centres[0];
    if (!centre) throw new Error('演示县缺少乡镇卫生院，无法生成新农合演示数据');
    villages.push({
      id: v.id,
      code: v.code,
      name: v.name,
      townshipId: v.townshipId,
      townshipName: v.townshipName,
      households: await householdsInArea(db, actor, v.id),
      clinic: clinics.find((c) => c.areaId === v.id) ?? null,
      centre,
    });
  }
  return { villages, institutions: { countyHospital, tcmHospital, outside }, countyId };
}
