/**
 * What the demo needs to know about each NIP vaccine beyond the schedule: the domestic manufacturers that supply it
 * (the county CDC buys through the provincial platform, one lot at a time), its shelf life, and where and how it is
 * given (接种部位 / 接种途径, as the clinic writes them on the register). Demo data only, not a product catalogue.
 */
import type { VaccineCode } from '../schedules/schema.ts';

export interface DemoVaccine {
  manufacturers: readonly string[];
  /** Months from production to expiry. */
  shelfMonths: number;
  site: string;
  route: string;
}

const ARM_IM = { site: '上臂三角肌', route: '肌内注射' } as const;
const ARM_SC = { site: '上臂外侧三角肌下缘', route: '皮下注射' } as const;

export const DEMO_VACCINES: Record<VaccineCode, DemoVaccine> = {
  HepB: { manufacturers: ['深圳康泰生物制品股份有限公司', '大连汉信生物制药有限公司', '华北制药金坦生物技术股份有限公司'], shelfMonths: 36, ...ARM_IM },
  BCG: { manufacturers: ['成都生物制品研究所有限责任公司', '上海生物制品研究所有限责任公司'], shelfMonths: 24, site: '左上臂三角肌中部略下处', route: '皮内注射' },
  IPV: { manufacturers: ['北京生物制品研究所有限责任公司', '中国医学科学院医学生物学研究所'], shelfMonths: 24, site: '大腿前外侧中部', route: '肌内注射' },
  bOPV: { manufacturers: ['中国医学科学院医学生物学研究所', '北京生物制品研究所有限责任公司'], shelfMonths: 24, site: '口服', route: '口服' },
  DTaP: { manufacturers: ['武汉生物制品研究所有限责任公司', '成都生物制品研究所有限责任公司'], shelfMonths: 24, ...ARM_IM },
  DT: { manufacturers: ['武汉生物制品研究所有限责任公司'], shelfMonths: 36, ...ARM_IM },
  MMR: { manufacturers: ['北京生物制品研究所有限责任公司', '上海生物制品研究所有限责任公司'], shelfMonths: 18, ...ARM_SC },
  'JE-L': { manufacturers: ['成都生物制品研究所有限责任公司'], shelfMonths: 18, ...ARM_SC },
  'JE-I': { manufacturers: ['辽宁成大生物股份有限公司'], shelfMonths: 24, ...ARM_IM },
  'MPSV-A': { manufacturers: ['兰州生物制品研究所有限责任公司', '玉溪沃森生物技术有限公司'], shelfMonths: 24, ...ARM_SC },
  'MPSV-AC': { manufacturers: ['兰州生物制品研究所有限责任公司', '玉溪沃森生物技术有限公司'], shelfMonths: 24, ...ARM_SC },
  'HepA-L': { manufacturers: ['浙江普康生物技术股份有限公司', '长春生物制品研究所有限责任公司'], shelfMonths: 18, ...ARM_SC },
  'HepA-I': { manufacturers: ['北京科兴生物制品有限公司'], shelfMonths: 36, ...ARM_IM },
};
