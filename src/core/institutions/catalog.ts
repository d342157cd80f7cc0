import type { AreaLevel, InstitutionLevel } from '../db/schema.ts';
import { AREA_LEVEL_NAMES } from '../area-levels.ts';

// The vocabularies of the institution directory. The web app reads them through
// GET /api/institutions/meta, so a new kind or flag is one line here and nowhere else.

/** Institution levels as NCMS reimbursement knows them (村级/乡级/县级/县外). */
export const INSTITUTION_LEVELS: Record<InstitutionLevel, string> = {
  village: '村级',
  township: '乡级',
  county: '县级',
  outside: '县外',
};

interface KindSpec {
  name: string;
  /** Each level the kind may have, with the level of area an institution of that level serves. */
  levels: Partial<Record<InstitutionLevel, AreaLevel>>;
}

// A hospital outside the county is still filed under the county it receives patients from.
const ANY_LEVEL: KindSpec['levels'] = { village: 'village', township: 'township', county: 'county', outside: 'county' };

export const INSTITUTION_KINDS = {
  county_hospital: { name: '县人民医院/综合医院', levels: { county: 'county', outside: 'county' } },
  tcm_hospital: { name: '中医院', levels: { county: 'county', outside: 'county' } },
  cdc: { name: '疾病预防控制中心', levels: { county: 'county' } },
  mch_station: { name: '妇幼保健站(院)', levels: { county: 'county' } },
  township_hc: { name: '乡镇卫生院', levels: { township: 'township' } },
  community_hc: { name: '社区卫生服务中心', levels: { township: 'township' } }, // serves a street (街道)
  community_station: { name: '社区卫生服务站', levels: { village: 'village' } }, // serves a community (社区)
  village_clinic: { name: '村卫生室', levels: { village: 'village' } },
  private_clinic: { name: '个体诊所', levels: { village: 'village', township: 'township', county: 'county' } },
  other: { name: '其他', levels: ANY_LEVEL },
} satisfies Record<string, KindSpec>;
export type InstitutionKind = keyof typeof INSTITUTION_KINDS;

/** Designation flags (资质/定点标识) an institution may carry. */
export const DESIGNATIONS = {
  ncms_designated: '新农合定点',
  immunization_clinic: '预防接种门诊',
  infectious_reporting: '传染病网络直报单位',
  delivery: '助产机构',
  chronic_disease: '慢病管理',
  family_doctor: '家庭医生签约',
} as const;
export type Designation = keyof typeof DESIGNATIONS;

export const STAFF_ROLES = {
  doctor: '医生',
  village_doctor: '乡村医生',
  nurse: '护士',
  pharmacist: '药剂人员',
  technician: '医技人员',
  public_health: '公卫人员',
  manager: '管理人员',
  other: '其他',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;

/** Practising qualifications (执业资格). */
export const QUALIFICATIONS = {
  physician: '执业医师',
  assistant_physician: '执业助理医师',
  village_doctor_licence: '乡村医生执业证',
  registered_nurse: '注册护士',
  pharmacist: '药师',
  none: '无',
} as const;
export type Qualification = keyof typeof QUALIFICATIONS;

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);
export const isInstitutionKind = (k: string): k is InstitutionKind => has(INSTITUTION_KINDS, k);
export const isInstitutionLevel = (l: string): l is InstitutionLevel => has(INSTITUTION_LEVELS, l);
export const isDesignation = (d: string): d is Designation => has(DESIGNATIONS, d);
export const isStaffRole = (r: string): r is StaffRole => has(STAFF_ROLES, r);
export const isQualification = (q: string): q is Qualification => has(QUALIFICATIONS, q);

/** The area level an institution of this kind and level serves, or undefined when the kind does not come at that level. */
export function servedAreaLevel(kind: InstitutionKind, level: InstitutionLevel): AreaLevel | undefined {
  return (INSTITUTION_KINDS[kind].levels as KindSpec['levels'])[level];
}

export type InstitutionMeta = ReturnType<typeof institutionMeta>;

/** The vocabularies as lists for the web app, in table order. */
export function institutionMeta() {
  return {
    kinds: Object.entries(INSTITUTION_KINDS).map(([kind, spec]) => ({
      kind,
      name: spec.name,
      levels: Object.entries(spec.levels).map(([level, areaLevel]) => ({ level, areaLevel })),
    })),
    levels: Object.entries(INSTITUTION_LEVELS).map(([level, name]) => ({ level, name })),
    areaLevels: Object.entries(AREA_LEVEL_NAMES).map(([level, name]) => ({ level, name })),
    designations: Object.entries(DESIGNATIONS).map(([designation, name]) => ({ designation, name })),
    staffRoles: Object.entries(STAFF_ROLES).map(([role, name]) => ({ role, name })),
    qualifications: Object.entries(QUALIFICATIONS).map(([qualification, name]) => ({ qualification, name })),
  };
}
