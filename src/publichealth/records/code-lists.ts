// Code lists of the personal basic information sheet (个人基本信息表, national spec 3rd edition, 2017).
// Stored as the code, shown as the name. Pure data, no server imports: the web app builds its pickers from it.

export interface Code {
  code: string;
  name: string;
}

const list = <const T extends readonly Code[]>(items: T) => items;

export const RESIDENCE_TYPES = list([
  { code: 'registered', name: '户籍' },
  { code: 'non_registered', name: '非户籍' },
]);

export const EDUCATION = list([
  { code: 'postgraduate', name: '研究生' },
  { code: 'bachelor', name: '大学本科' },
  { code: 'college', name: '大学专科和专科学校' },
  { code: 'secondary_specialised', name: '中等专业学校' },
  { code: 'technical', name: '技工学校' },
  { code: 'high_school', name: '高中' },
  { code: 'junior_high', name: '初中' },
  { code: 'primary', name: '小学' },
  { code: 'illiterate', name: '文盲或半文盲' },
  { code: 'unknown', name: '不详' },
]);

export const OCCUPATIONS = list([
  { code: 'leader', name: '国家机关、党群组织、企业、事业单位负责人' },
  { code: 'professional', name: '专业技术人员' },
  { code: 'clerk', name: '办事人员和有关人员' },
  { code: 'service', name: '商业、服务业人员' },
  { code: 'agriculture', name: '农、林、牧、渔、水利业生产人员' },
  { code: 'production', name: '生产、运输设备操作人员及有关人员' },
  { code: 'military', name: '军人' },
  { code: 'other', name: '不便分类的其他从业人员' },
  { code: 'none', name: '无职业' },
]);

export const MARITAL_STATUS = list([
  { code: 'single', name: '未婚' },
  { code: 'married', name: '已婚' },
  { code: 'widowed', name: '丧偶' },
  { code: 'divorced', name: '离婚' },
  { code: 'unstated', name: '未说明的婚姻状况' },
]);

/** 医疗费用支付方式: several may apply. */
export const PAYMENT_TYPES = list([
  { code: 'urban_employee', name: '城镇职工基本医疗保险' },
  { code: 'urban_resident', name: '城镇居民基本医疗保险' },
  { code: 'ncms', name: '新型农村合作医疗' },
  { code: 'poverty_relief', name: '贫困救助' },
  { code: 'commercial', name: '商业医疗保险' },
  { code: 'public', name: '全公费' },
  { code: 'self', name: '全自费' },
  { code: 'other', name: '其他' },
]);

export const ABO_TYPES = list([
  { code: 'A', name: 'A型' },
  { code: 'B', name: 'B型' },
  { code: 'O', name: 'O型' },
  { code: 'AB', name: 'AB型' },
  { code: 'unknown', name: '不详' },
]);

export const RH_TYPES = list([
  { code: 'negative', name: 'Rh阴性' },
  { code: 'positive', name: 'Rh阳性' },
  { code: 'unknown', name: '不详' },
]);

export const DRUG_ALLERGIES = list([
  { code: 'penicillin', name: '青霉素' },
  { code: 'sulfonamide', name: '磺胺' },
  { code: 'streptomycin', name: '链霉素' },
  { code: 'other', name: '其他' },
]);

export const EXPOSURES = list([
  { code: 'chemical', name: '化学品' },
  { code: 'poison', name: '毒物' },
  { code: 'radiation', name: '射线' },
]);

/** Diseases of the past history and the family history, with the ICD-10 code a diagnosis usually carries. */
export const DISEASES = list([
  { code: 'hypertension', name: '高血压', icd10: 'I10' },
  { code: 'diabetes', name: '糖尿病', icd10: 'E14' },
  { code: 'chd', name: '冠心病', icd10: 'I25' },
  { code: 'copd', name: '慢性阻塞性肺疾病', icd10: 'J44' },
  { code: 'cancer', name: '恶性肿瘤', icd10: 'C80' },
  { code: 'stroke', name: '脑卒中', icd10: 'I64' },
  { code: 'mental', name: '严重精神障碍', icd10: 'F20' },
  { code: 'tb', name: '结核病', icd10: 'A16' },
  { code: 'hepatitis', name: '肝炎', icd10: 'B19' },
  { code: 'notifiable', name: '其他法定传染病', icd10: '' },
  { code: 'occupational', name: '职业病', icd10: '' },
  { code: 'other', name: '其他', icd10: '' },
]);

export const DISABILITIES = list([
  { code: 'visual', name: '视力残疾' },
  { code: 'hearing', name: '听力残疾' },
  { code: 'speech', name: '言语残疾' },
  { code: 'physical', name: '肢体残疾' },
  { code: 'intellectual', name: '智力残疾' },
  { code: 'mental', name: '精神残疾' },
  { code: 'other', name: '其他残疾' },
]);

export const KITCHEN_EXHAUST = list([
  { code: 'none', name: '无' },
  { code: 'range_hood', name: '油烟机' },
  { code: 'exhaust_fan', name: '换气扇' },
  { code: 'chimney', name: '烟囱' },
]);

export const FUELS = list([
  { code: 'lpg', name: '液化气' },
  { code: 'coal', name: '煤' },
  { code: 'natural_gas', name: '天然气' },
  { code: 'biogas', name: '沼气' },
  { code: 'firewood', name: '柴火' },
  { code: 'other', name: '其他' },
]);

export const WATER_SOURCES = list([
  { code: 'tap', name: '自来水' },
  { code: 'purified', name: '经净化过滤的水' },
  { code: 'well', name: '井水' },
  { code: 'river_lake', name: '河湖水' },
  { code: 'pond', name: '塘水' },
  { code: 'other', name: '其他' },
]);

export const TOILETS = list([
  { code: 'sanitary', name: '卫生厕所' },
  { code: 'septic', name: '一格或二格粪池式' },
  { code: 'flush', name: '马桶' },
  { code: 'open_pit', name: '露天粪坑' },
  { code: 'simple_shed', name: '简易棚厕' },
]);

export const LIVESTOCK_PENS = list([
  { code: 'none', name: '无' },
  { code: 'separate', name: '单设' },
  { code: 'indoor', name: '室内' },
  { code: 'outdoor', name: '室外' },
]);

export const RECORD_MEDIA = list([
  { code: 'electronic', name: '电子档案' },
  { code: 'paper', name: '纸质档案（仅登记编号）' },
]);

export const codesOf = (items: readonly Code[]) => items.map((i) => i.code) as [string, ...string[]];
