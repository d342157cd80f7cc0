// Section names and required items of a record: pure data shared by the server (completeness) and the web app (forms).

export const SECTION_NAMES = {
  record: '档案信息',
  social: '基本情况',
  blood: '血型',
  allergy: '过敏史与暴露史',
  history: '既往史',
  family: '家族史与遗传病史',
  disability: '残疾情况',
  living: '生活环境',
} as const;
export type SectionName = keyof typeof SECTION_NAMES;

export interface RequiredItem {
  /** section.field, the path of the value in the record's completeness view. */
  key: string;
  label: string;
}

/**
 * 档案完整性: the items a complete record has filled, following the personal basic information sheet. A "有/无"
 * item counts as filled once asked (an empty list means 无). Conditional items (其他 needs its text) are checked
 * when the section is saved, not here. Changing this list changes what later writes store; see the README.
 */
export const REQUIRED_ITEMS: readonly RequiredItem[] = [
  { key: 'record.institutionName', label: '建档单位' },
  { key: 'record.responsibleDoctor', label: '责任医生' },
  { key: 'social.residenceType', label: '常住类型' },
  { key: 'social.education', label: '文化程度' },
  { key: 'social.occupation', label: '职业' },
  { key: 'social.maritalStatus', label: '婚姻状况' },
  { key: 'social.paymentTypes', label: '医疗费用支付方式' },
  { key: 'blood.abo', label: 'ABO血型' },
  { key: 'blood.rh', label: 'Rh血型' },
  { key: 'allergy.drugAllergies', label: '药物过敏史' },
  { key: 'allergy.exposures', label: '暴露史' },
  { key: 'history.diseases', label: '既往疾病' },
  { key: 'history.surgeries', label: '手术史' },
  { key: 'history.traumas', label: '外伤史' },
  { key: 'history.transfusions', label: '输血史' },
  { key: 'family.father', label: '家族史（父亲）' },
  { key: 'family.mother', label: '家族史（母亲）' },
  { key: 'family.siblings', label: '家族史（兄弟姐妹）' },
  { key: 'family.children', label: '家族史（子女）' },
  { key: 'family.geneticDiseases', label: '遗传病史' },
  { key: 'disability.kinds', label: '残疾情况' },
  { key: 'living.kitchenExhaust', label: '厨房排风设施' },
  { key: 'living.fuel', label: '燃料类型' },
  { key: 'living.water', label: '饮水' },
  { key: 'living.toilet', label: '厕所' },
  { key: 'living.livestock', label: '禽畜栏' },
];
