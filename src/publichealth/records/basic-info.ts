/**
 * The personal basic information sheet (个人基本信息表) beyond the core person data (name, sex, birth date, ID,
 * phone and ethnicity stay in the people register): one JSON section per part of the form, each replaced whole
 * when edited. A "有/无" item is a list: absent = not yet asked, [] = 无 (asked, none), otherwise what was found.
 */
import { z } from 'zod';
import { isRealDate } from '../../core/dates.ts';
import {
  ABO_TYPES, codesOf, DISABILITIES, DISEASES, DRUG_ALLERGIES, EDUCATION, EXPOSURES, FUELS, KITCHEN_EXHAUST, LIVESTOCK_PENS,
  MARITAL_STATUS, OCCUPATIONS, PAYMENT_TYPES, RESIDENCE_TYPES, RH_TYPES, TOILETS, WATER_SOURCES,
} from './code-lists.ts';

const date = (label: string) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`).refine(isRealDate, `${label}不存在，请核对年月日`).describe(label);
const text = (label: string, max = 100) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 字`).describe(label);
const one = (items: Parameters<typeof codesOf>[0], label: string) => z.enum(codesOf(items), { error: `${label}不在代码表中` }).describe(label);
const some = (items: Parameters<typeof codesOf>[0], label: string) =>
  z.array(one(items, label)).max(items.length).refine((a) => new Set(a).size === a.length, `${label}有重复项`).describe(`${label}（空数组表示无）`);

/** ICD-10: a letter, two digits, optionally a dot and one or two more (I10, E11.9, U07.1). */
export const ICD10 = z.string().trim().toUpperCase().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'ICD-10 编码格式应如 I10、E11.9').describe('ICD-10 编码');

const Social = z.strictObject({
  residenceType: one(RESIDENCE_TYPES, '常住类型').optional(),
  workplace: text('工作单位').optional(),
  contactName: text('联系人姓名', 40).optional(),
  contactPhone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, '联系人电话应为 5-20 位数字').optional().describe('联系人电话'),
  education: one(EDUCATION, '文化程度').optional(),
  occupation: one(OCCUPATIONS, '职业').optional(),
  maritalStatus: one(MARITAL_STATUS, '婚姻状况').optional(),
  paymentTypes: z.array(one(PAYMENT_TYPES, '医疗费用支付方式')).min(1, '医疗费用支付方式至少选一项').optional(),
  paymentOther: text('其他支付方式', 40).optional(),
});

const Blood = z.strictObject({ abo: one(ABO_TYPES, 'ABO血型').optional(), rh: one(RH_TYPES, 'Rh血型').optional() });

const Allergy = z.strictObject({
  drugAllergies: some(DRUG_ALLERGIES, '药物过敏史').optional(),
  drugAllergyOther: text('其他过敏药物').optional(),
  exposures: some(EXPOSURES, '暴露史').optional(),
});

const Diagnosis = z.strictObject({
  disease: one(DISEASES, '疾病'),
  name: text('疾病名称').optional().describe('疾病名称（「其他」等须写明）'),
  icd10: ICD10.optional(),
  diagnosedOn: date('确诊日期'),
});
const Event = (what: string) => z.strictObject({ name: text(`${what}名称`), date: date(`${what}日期`) });

const History = z.strictObject({
  diseases: z.array(Diagnosis).max(30).optional().describe('疾病（空数组表示无）'),
  surgeries: z.array(Event('手术')).max(20).optional().describe('手术（空数组表示无）'),
  traumas: z.array(Event('外伤')).max(20).optional().describe('外伤（空数组表示无）'),
  transfusions: z.array(z.strictObject({ reason: text('输血原因'), date: date('输血日期') })).max(20).optional().describe('输血（空数组表示无）'),
});

const Family = z.strictObject({
  father: some(DISEASES, '家族史（父亲）').optional(),
  mother: some(DISEASES, '家族史（母亲）').optional(),
  siblings: some(DISEASES, '家族史（兄弟姐妹）').optional(),
  children: some(DISEASES, '家族史（子女）').optional(),
  geneticDiseases: z.array(text('遗传病名称')).max(10).optional().describe('遗传病史（空数组表示无）'),
});

const Disability = z.strictObject({ kinds: some(DISABILITIES, '残疾情况').optional(), other: text('其他残疾').optional() });

const Living = z.strictObject({
  kitchenExhaust: one(KITCHEN_EXHAUST, '厨房排风设施').optional(),
  fuel: one(FUELS, '燃料类型').optional(),
  water: one(WATER_SOURCES, '饮水').optional(),
  toilet: one(TOILETS, '厕所').optional(),
  livestock: one(LIVESTOCK_PENS, '禽畜栏').optional(),
});

export const SECTION_SCHEMAS = { social: Social, blood: Blood, allergy: Allergy, history: History, family: Family, disability: Disability, living: Living };
export type SectionKey = keyof typeof SECTION_SCHEMAS;
export const SECTION_KEYS = Object.keys(SECTION_SCHEMAS) as SectionKey[];

/** Any subset of the sections: what an edit sends (each section given replaces the stored one). */
export const BasicInfoSchema = z.strictObject({
  social: Social.optional(),
  blood: Blood.optional(),
  allergy: Allergy.optional(),
  history: History.optional(),
  family: Family.optional(),
  disability: Disability.optional(),
  living: Living.optional(),
});
export type BasicInfo = z.infer<typeof BasicInfoSchema>;

/** Choices that need words saying what they are: 「其他」 of a list, and diseases the list does not name. */
const NEEDS_TEXT = [
  { section: 'social', list: 'paymentTypes', code: 'other', text: 'paymentOther', message: '选择了「其他」医疗费用支付方式，请写明是哪一种' },
  { section: 'allergy', list: 'drugAllergies', code: 'other', text: 'drugAllergyOther', message: '选择了「其他」过敏药物，请写明药物名称' },
  { section: 'disability', list: 'kinds', code: 'other', text: 'other', message: '选择了「其他残疾」，请写明残疾情况' },
] as const;
const UNNAMED_DISEASES = new Set(['notifiable', 'occupational', 'other']);

/** The first thing in the sections given that the schema cannot see alone, as the field at fault and a message. */
export function basicInfoProblem(info: BasicInfo, bounds: { birthDate: string; today: string }): { field: string; message: string } | null {
  for (const rule of NEEDS_TEXT) {
    const section = info[rule.section] as Record<string, unknown> | undefined;
    const chosen = section?.[rule.list] as string[] | undefined;
    if (chosen?.includes(rule.code) && !section?.[rule.text]) return { field: `sections.${rule.section}.${rule.text}`, message: rule.message };
  }
  for (const [i, d] of (info.history?.diseases ?? []).entries()) {
    if (UNNAMED_DISEASES.has(d.disease) && !d.name) return { field: `sections.history.diseases.${i}.name`, message: `既往疾病第 ${i + 1} 项：请写明疾病名称` };
  }
  const dated = [
    ['diseases', '既往疾病', (info.history?.diseases ?? []).map((d) => d.diagnosedOn), 'diagnosedOn'],
    ['surgeries', '手术', (info.history?.surgeries ?? []).map((d) => d.date), 'date'],
    ['traumas', '外伤', (info.history?.traumas ?? []).map((d) => d.date), 'date'],
    ['transfusions', '输血', (info.history?.transfusions ?? []).map((d) => d.date), 'date'],
  ] as const;
  for (const [list, label, dates, field] of dated) {
    for (const [i, date] of dates.entries()) {
      const at = { field: `sections.history.${list}.${i}.${field}` };
      if (date < bounds.birthDate) return { ...at, message: `${label}第 ${i + 1} 项：日期 ${date} 早于出生日期 ${bounds.birthDate}` };
      if (date > bounds.today) return { ...at, message: `${label}第 ${i + 1} 项：日期 ${date} 不能晚于今天` };
    }
  }
  return null;
}
