/**
 * The demo audit's 26 findings (the documents: a provincial audit of the NCMS fund), as data: text, category,
 * severity, and who rectifies it (a township, the county's hospitals, the township health centres, or no one yet).
 */
import type { FindingSeverity } from '../db/rectification-schema.ts';

export type DemoUnit = 'township' | 'county_hospital' | 'township_centre' | null;

export const DEMO_FINDINGS: ReadonlyArray<readonly [text: string, category: string, severity: FindingSeverity, unit: DemoUnit]> = [
  ['参合费收缴后未及时足额解缴基金专户，滞留乡镇财政所', '基金管理', 'serious', 'township'],
  ['基金专户利息收入未按规定及时计入基金', '基金管理', 'general', 'county_hospital'],
  ['部分乡镇以现金方式支付补偿款，未通过银行转账', '财务管理', 'serious', 'township'],
  ['个别村参合花名册与实际参合人数不符', '参合管理', 'general', 'township'],
  ['五保、低保对象与自缴身份重复参合，一户两证', '参合管理', 'serious', 'township'],
  ['已死亡人员仍在参合名单内并发生补偿', '参合管理', 'critical', 'township'],
  ['收取参合费后未及时发放合作医疗证', '参合管理', 'general', 'township'],
  ['定点医院存在挂床住院、虚假住院现象', '定点机构监管', 'critical', 'county_hospital'],
  ['定点医院分解住院，规避起付线和封顶线', '定点机构监管', 'serious', 'county_hospital'],
  ['次均住院费用连续多月超过控制标准', '定点机构监管', 'serious', 'county_hospital'],
  ['目录外药品使用比例过高，未履行告知签字手续', '定点机构监管', 'general', 'township_centre'],
  ['村卫生室门诊统筹处方不规范、登记不全', '定点机构监管', 'general', 'township'],
  ['村卫生室门诊统筹补偿金额月度异常增长，未及时核查', '补偿管理', 'serious', 'township'],
  ['部分补偿未按方案计算，存在超比例报销', '补偿管理', 'serious', 'township_centre'],
  ['县外就医未办理转诊手续仍按转诊比例报销', '补偿管理', 'general', 'county_hospital'],
  ['特殊慢病门诊补偿未审核病种认定材料', '补偿管理', 'general', 'township_centre'],
  ['住院分娩补助重复发放', '补偿管理', 'general', 'township_centre'],
  ['同一票据重复报销', '补偿管理', 'critical', 'county_hospital'],
  ['村级补偿公示不及时、公示内容不全', '补偿管理', 'general', 'township'],
  ['补偿审核未执行初审、复审两级审核制度', '补偿管理', 'serious', 'township_centre'],
  ['基金会计核算科目设置不规范', '财务管理', 'general', null],
  ['定点医疗机构垫付资金拨付不及时', '财务管理', 'general', 'county_hospital'],
  ['经办机构工作经费从基金中列支', '基金管理', 'critical', null],
  ['信息系统操作员权限未分离，一人多岗', '信息系统', 'general', 'county_hospital'],
  ['信息系统数据未定期异地备份', '信息系统', 'general', 'township_centre'],
  ['年度基金结余率超过规定控制标准', '基金管理', 'serious', 'township'],
];

/** The stage each finding has reached by the as-of day, in order: 8 closed, 4 submitted, 3 returned, the rest under way. */
export const DEMO_STAGES = ['closed', 'closed', 'submitted', 'in_progress', 'closed', 'returned', 'closed', 'submitted', 'in_progress', 'in_progress', 'closed', 'closed', 'returned', 'in_progress', 'submitted', 'closed', 'closed', 'in_progress', 'returned', 'in_progress', 'pending', 'submitted', 'pending', 'in_progress', 'in_progress', 'in_progress'] as const;
