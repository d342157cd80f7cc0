import type { AreaKind } from '../db/schema.ts';
import type { Designation, InstitutionKind, Qualification, StaffRole } from '../institutions/catalog.ts';

// The demo county as data: 清河县 (pool code 430702 in the NCMS scheme), its streets, towns and
// townships with their communities and villages, and the health institutions that serve them.

/** The kinds of institution the demo county has ('other' is for what the plan does not foresee). */
export type DemoInstitutionKind = Exclude<InstitutionKind, 'other'>;

export const COUNTY = { code: '430702000000', name: '清河县', idAreaCode: '430702', phoneAreaCode: '0736' };

/** The population the demo county is built for; `--population` scales the households to another total. */
export const FULL_POPULATION = 530_000;

export interface TownshipPlan {
  /** The township part of the area code (街道 001-099, 镇 100-199, 乡 200-399). */
  code: number;
  name: string;
  kind: Extract<AreaKind, 'street' | 'town' | 'township'>;
  /** For demo usernames (wsy_dongling). */
  pinyin: string;
  /**
   * Its communities (社区, codes from 001) or villages (村, codes from 200), in code order.
   * A village marked with * has no clinic of its own: a neighbour's clinic serves it.
   */
  places: string;
}

export const TOWNSHIPS: TownshipPlan[] = [
  { code: 1, name: '城关街道', kind: 'street', pinyin: 'chengguan', places: '北门社区 南门社区 人民路社区 解放路社区 府前社区 文化路社区 建设路社区 新华社区' },
  { code: 2, name: '东城街道', kind: 'street', pinyin: 'dongcheng', places: '朝阳社区 东湖社区 育才社区 滨河社区 和平社区 工农社区 金桥社区 春晖社区' },
  { code: 3, name: '西城街道', kind: 'street', pinyin: 'xicheng', places: '西门社区 花园社区 明珠社区 锦绣社区 桃源社区 德馨社区 仁和社区 紫荆社区' },
  { code: 4, name: '南湖街道', kind: 'street', pinyin: 'nanhu', places: '南湖社区 湖滨社区 翠竹社区 莲花社区 望江社区 龙舟社区 金沙社区' },
  { code: 5, name: '北塔街道', kind: 'street', pinyin: 'beita', places: '北塔社区 塔前社区 永安社区 长春社区 兴隆社区 华苑社区 丽景社区' },
  {
    code: 100,
    name: '东岭镇',
    kind: 'town',
    pinyin: 'dongling',
    places: '东岭村 西岭村 南岭村 石桥村 大塘村 张家湾村 李家坪村 枫树村 新屋村 茶园村 白沙村 黄泥村 杨柳村 竹山村* 马鞍村*',
  },
  {
    code: 101,
    name: '河口镇',
    kind: 'town',
    pinyin: 'hekou',
    places: '河口村 沙洲村 渡口村 新河村 长堤村 柳林村 渔湾村 周家垸村 陈家嘴村 芦花村 莲塘村 金湖村 荷叶村* 鸭子港村*',
  },
  {
    code: 102,
    name: '白马镇',
    kind: 'town',
    pinyin: 'baima',
    places: '白马村 青石村 双井村 老街村 刘家冲村 王家桥村 团结村 红星村 金星村 光明村 胜利村 松柏村 高峰村* 龙井村*',
  },
  {
    code: 103,
    name: '龙潭镇',
    kind: 'town',
    pinyin: 'longtan',
    places: '龙潭村 凤凰村 天井村 石门村 泉水村 狮子口村 赵家湾村 曾家坪村 樟树村 桂花村 梅花村 兰溪村* 官庄村*',
  },
  { code: 200, name: '青山乡', kind: 'township', pinyin: 'qingshan', places: '青山村 云峰村 松林村 岩口村 田家坳村 猫儿岭村 杉木村 高坪村 太平村 中和村 永丰村 五里村* 八斗村*' },
  { code: 201, name: '杨柳乡', kind: 'township', pinyin: 'yangliu', places: '杨柳村 花园村 彭家村 谭家坪村 向阳村 东风村 和平村 新民村 幸福村 三合村 长乐村 万福村*' },
  { code: 202, name: '桃花乡', kind: 'township', pinyin: 'taohua', places: '桃花村 桃源村 李花村 杏林村 梨树村 板桥村 水口村 黄土村 坪上村 大垅村 小溪村* 回龙村*' },
];

export interface PlacePlan {
  name: string;
  hasClinic: boolean;
}

export function placesOf(township: TownshipPlan): PlacePlan[] {
  return township.places.split(/\s+/).map((entry) => ({ name: entry.replace('*', ''), hasClinic: !entry.endsWith('*') }));
}

/** Area code of the n-th (0-based) community or village of a township. */
export function placeCode(township: TownshipPlan, index: number): string {
  const first = township.kind === 'street' ? 1 : 200;
  return `${COUNTY.idAreaCode}${String(township.code).padStart(3, '0')}${String(first + index).padStart(3, '0')}`;
}

export const townshipCode = (township: TownshipPlan) => `${COUNTY.idAreaCode}${String(township.code).padStart(3, '0')}000`;

/**
 * Relative population of a community or village before the per-place variation: towns hold
 * most people, but a city community is denser than a village.
 */
export const PLACE_WEIGHT = { urban: 5_600, rural: 3_400 };

/** The county-level institutions, in the county seat. */
export const COUNTY_INSTITUTIONS: Array<{ kind: DemoInstitutionKind; name: string; address: string }> = [
  { kind: 'county_hospital', name: '清河县人民医院', address: '清河县城关街道人民路 88 号' },
  { kind: 'tcm_hospital', name: '清河县中医医院', address: '清河县东城街道育才路 12 号' },
  { kind: 'cdc', name: '清河县疾病预防控制中心', address: '清河县西城街道卫生路 5 号' },
  { kind: 'mch_station', name: '清河县妇幼保健站', address: '清河县城关街道解放路 36 号' },
];

/** Private clinics (个体诊所), placed in a named community or village. */
export const PRIVATE_CLINICS: Array<{ name: string; place: string }> = [
  { name: '济民诊所', place: '北门社区' },
  { name: '仁和口腔诊所', place: '仁和社区' },
  { name: '李氏中医诊所', place: '东岭村' },
  { name: '康宁诊所', place: '河口村' },
];

/** What each kind of institution is designated for (定点、接种、直报、助产…). */
export const DESIGNATIONS_OF: Record<DemoInstitutionKind, Designation[]> = {
  county_hospital: ['ncms_designated', 'infectious_reporting', 'delivery', 'chronic_disease'],
  tcm_hospital: ['ncms_designated', 'infectious_reporting', 'delivery', 'chronic_disease'],
  cdc: ['infectious_reporting'],
  mch_station: ['infectious_reporting'],
  township_hc: ['ncms_designated', 'immunization_clinic', 'infectious_reporting', 'delivery', 'chronic_disease', 'family_doctor'],
  community_hc: ['immunization_clinic', 'infectious_reporting', 'chronic_disease', 'family_doctor'],
  community_station: ['chronic_disease', 'family_doctor'],
  village_clinic: ['ncms_designated', 'family_doctor'],
  private_clinic: [],
};

export interface StaffPlan {
  size: [number, number];
  roles: Array<[StaffRole, number]>;
  age: [number, number];
}

const HOSPITAL_MIX: StaffPlan['roles'] = [
  ['doctor', 32],
  ['nurse', 42],
  ['pharmacist', 5],
  ['technician', 10],
  ['public_health', 2],
  ['manager', 5],
  ['other', 4],
];
const CENTRE_MIX: StaffPlan['roles'] = [
  ['doctor', 30],
  ['nurse', 28],
  ['public_health', 16],
  ['pharmacist', 6],
  ['technician', 8],
  ['manager', 6],
  ['other', 6],
];

export const STAFF_OF: Record<DemoInstitutionKind, StaffPlan> = {
  county_hospital: { size: [180, 260], roles: HOSPITAL_MIX, age: [23, 59] },
  tcm_hospital: { size: [100, 150], roles: HOSPITAL_MIX, age: [23, 59] },
  cdc: { size: [45, 60], roles: [['public_health', 50], ['technician', 25], ['doctor', 10], ['manager', 10], ['other', 5]], age: [23, 59] },
  mch_station: { size: [30, 45], roles: [['doctor', 35], ['nurse', 35], ['public_health', 15], ['technician', 8], ['manager', 7]], age: [23, 59] },
  township_hc: { size: [20, 40], roles: CENTRE_MIX, age: [22, 59] },
  community_hc: { size: [22, 40], roles: CENTRE_MIX, age: [22, 59] },
  community_station: { size: [3, 6], roles: [['doctor', 40], ['nurse', 40], ['public_health', 20]], age: [24, 58] },
  // Village doctors (乡村医生) are often past retirement age and still practising.
  village_clinic: { size: [1, 3], roles: [['village_doctor', 1]], age: [35, 72] },
  private_clinic: { size: [1, 4], roles: [['doctor', 60], ['nurse', 30], ['pharmacist', 10]], age: [30, 65] },
};

export const QUALIFICATION_OF: Record<StaffRole, Array<[Qualification, number]>> = {
  doctor: [['physician', 70], ['assistant_physician', 30]],
  village_doctor: [['village_doctor_licence', 85], ['assistant_physician', 15]],
  nurse: [['registered_nurse', 1]],
  pharmacist: [['pharmacist', 80], ['none', 20]],
  technician: [['none', 1]],
  public_health: [['physician', 30], ['assistant_physician', 20], ['none', 50]],
  manager: [['physician', 30], ['none', 70]],
  other: [['none', 1]],
};

/** Share of women by role (nurses are mostly women, village doctors mostly men). */
export const FEMALE_SHARE: Record<StaffRole, number> = {
  doctor: 0.45,
  village_doctor: 0.2,
  nurse: 0.96,
  pharmacist: 0.6,
  technician: 0.5,
  public_health: 0.55,
  manager: 0.35,
  other: 0.5,
};
