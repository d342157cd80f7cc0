// The form of each section of the personal basic information sheet, as data: which fields, of which kind, with
// which code list. The server's schema (src/publichealth/records/basic-info.ts) checks what these send.
import {
  ABO_TYPES, DISABILITIES, DISEASES, DRUG_ALLERGIES, EDUCATION, EXPOSURES, FUELS, KITCHEN_EXHAUST, LIVESTOCK_PENS,
  MARITAL_STATUS, OCCUPATIONS, PAYMENT_TYPES, RESIDENCE_TYPES, RH_TYPES, TOILETS, WATER_SOURCES, type Code,
} from '../../../publichealth/records/code-lists.ts';
import type { Sections } from './types.ts';

export type FieldSpec =
  | { name: string; label: string; kind: 'one'; options: readonly Code[] }
  /** Several choices; `noneable`: an explicit 无 (stored as an empty list) differs from not yet asked. */
  | { name: string; label: string; kind: 'many'; options: readonly Code[]; noneable: boolean }
  | { name: string; label: string; kind: 'text' }
  | { name: string; label: string; kind: 'texts' }
  /** A dated list (既往史): 无, or rows of the given columns. */
  | { name: string; label: string; kind: 'rows'; columns: ReadonlyArray<{ name: string; label: string; kind: 'text' | 'date' | 'disease' | 'icd10'; optional?: boolean }> };

export interface SectionSpec {
  key: string;
  title: string;
  fields: FieldSpec[];
}

export const SECTIONS: SectionSpec[] = [
  {
    key: 'social',
    title: '基本情况',
    fields: [
      { name: 'residenceType', label: '常住类型', kind: 'one', options: RESIDENCE_TYPES },
      { name: 'education', label: '文化程度', kind: 'one', options: EDUCATION },
      { name: 'occupation', label: '职业', kind: 'one', options: OCCUPATIONS },
      { name: 'maritalStatus', label: '婚姻状况', kind: 'one', options: MARITAL_STATUS },
      { name: 'paymentTypes', label: '医疗费用支付方式', kind: 'many', options: PAYMENT_TYPES, noneable: false },
      { name: 'paymentOther', label: '其他支付方式（选「其他」时填写）', kind: 'text' },
      { name: 'workplace', label: '工作单位', kind: 'text' },
      { name: 'contactName', label: '联系人姓名', kind: 'text' },
      { name: 'contactPhone', label: '联系人电话', kind: 'text' },
    ],
  },
  {
    key: 'blood',
    title: '血型',
    fields: [
      { name: 'abo', label: 'ABO血型', kind: 'one', options: ABO_TYPES },
      { name: 'rh', label: 'Rh血型', kind: 'one', options: RH_TYPES },
    ],
  },
  {
    key: 'allergy',
    title: '过敏史与暴露史',
    fields: [
      { name: 'drugAllergies', label: '药物过敏史', kind: 'many', options: DRUG_ALLERGIES, noneable: true },
      { name: 'drugAllergyOther', label: '其他过敏药物（选「其他」时填写）', kind: 'text' },
      { name: 'exposures', label: '暴露史', kind: 'many', options: EXPOSURES, noneable: true },
    ],
  },
  {
    key: 'history',
    title: '既往史',
    fields: [
      {
        name: 'diseases',
        label: '疾病',
        kind: 'rows',
        columns: [
          { name: 'disease', label: '疾病', kind: 'disease' },
          { name: 'name', label: '名称（其他时写明）', kind: 'text', optional: true },
          { name: 'icd10', label: 'ICD-10', kind: 'icd10', optional: true },
          { name: 'diagnosedOn', label: '确诊日期', kind: 'date' },
        ],
      },
      { name: 'surgeries', label: '手术', kind: 'rows', columns: [{ name: 'name', label: '名称', kind: 'text' }, { name: 'date', label: '日期', kind: 'date' }] },
      { name: 'traumas', label: '外伤', kind: 'rows', columns: [{ name: 'name', label: '名称', kind: 'text' }, { name: 'date', label: '日期', kind: 'date' }] },
      { name: 'transfusions', label: '输血', kind: 'rows', columns: [{ name: 'reason', label: '原因', kind: 'text' }, { name: 'date', label: '日期', kind: 'date' }] },
    ],
  },
  {
    key: 'family',
    title: '家族史与遗传病史',
    fields: [
      { name: 'father', label: '父亲', kind: 'many', options: DISEASES, noneable: true },
      { name: 'mother', label: '母亲', kind: 'many', options: DISEASES, noneable: true },
      { name: 'siblings', label: '兄弟姐妹', kind: 'many', options: DISEASES, noneable: true },
      { name: 'children', label: '子女', kind: 'many', options: DISEASES, noneable: true },
      { name: 'geneticDiseases', label: '遗传病史', kind: 'texts' },
    ],
  },
  {
    key: 'disability',
    title: '残疾情况',
    fields: [
      { name: 'kinds', label: '残疾情况', kind: 'many', options: DISABILITIES, noneable: true },
      { name: 'other', label: '其他残疾（选「其他残疾」时填写）', kind: 'text' },
    ],
  },
  {
    key: 'living',
    title: '生活环境',
    fields: [
      { name: 'kitchenExhaust', label: '厨房排风设施', kind: 'one', options: KITCHEN_EXHAUST },
      { name: 'fuel', label: '燃料类型', kind: 'one', options: FUELS },
      { name: 'water', label: '饮水', kind: 'one', options: WATER_SOURCES },
      { name: 'toilet', label: '厕所', kind: 'one', options: TOILETS },
      { name: 'livestock', label: '禽畜栏', kind: 'one', options: LIVESTOCK_PENS },
    ],
  },
];

/** The choice standing for 无 in a multiple choice; it is sent as an empty list. */
export const NONE = '__none__';
/** Whether a 有/无 list was answered: 'no' (无), 'yes' (rows follow) or not yet asked. */
export type Presence = 'yes' | 'no' | undefined;

type FormSection = Record<string, unknown>;

/** A stored section as the form holds it. */
export function toForm(spec: SectionSpec, stored: Record<string, unknown> | undefined): FormSection {
  const out: FormSection = {};
  for (const f of spec.fields) {
    const value = stored?.[f.name];
    if (value === undefined) continue;
    if (f.kind === 'many' && f.noneable) out[f.name] = (value as string[]).length ? value : [NONE];
    else if (f.kind === 'rows' || f.kind === 'texts') out[f.name] = { presence: (value as unknown[]).length ? 'yes' : 'no', rows: value };
    else out[f.name] = value;
  }
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** What the form holds as the section the server takes: unanswered fields left out, 无 as an empty list. */
export function fromForm(spec: SectionSpec, values: FormSection): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = values[f.name];
    if (f.kind === 'many') {
      const chosen = ((value as string[] | undefined) ?? []).filter((c) => c !== NONE);
      if (chosen.length) out[f.name] = chosen;
      else if ((value as string[] | undefined)?.includes(NONE)) out[f.name] = [];
    } else if (f.kind === 'rows' || f.kind === 'texts') {
      const { presence, rows } = (value ?? {}) as { presence?: Presence; rows?: unknown[] };
      if (presence === 'no') out[f.name] = [];
      else if (presence === 'yes') {
        out[f.name] = (rows ?? [])
          .filter((r) => !blank(r))
          .map((r) => (typeof r === 'object' && r ? Object.fromEntries(Object.entries(r).filter(([, v]) => !blank(v))) : typeof r === 'string' ? r.trim() : r));
      }
    } else if (!blank(value)) out[f.name] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

/** A stored section in words, field by field, for reading. */
export function describe(spec: SectionSpec, stored: Sections[string]): Array<{ label: string; text: string }> {
  const name = (options: readonly Code[], code: unknown) => options.find((o) => o.code === code)?.name ?? String(code);
  return spec.fields.map((f) => {
    const value = stored?.[f.name];
    if (value === undefined) return { label: f.label, text: '' };
    if (f.kind === 'one') return { label: f.label, text: name(f.options, value) };
    if (f.kind === 'many') return { label: f.label, text: (value as string[]).length ? (value as string[]).map((c) => name(f.options, c)).join('、') : '无' };
    if (f.kind === 'texts') return { label: f.label, text: (value as string[]).length ? (value as string[]).join('、') : '无' };
    if (f.kind === 'rows') {
      const rows = value as Array<Record<string, string>>;
      if (!rows.length) return { label: f.label, text: '无' };
      const text = rows
        .map((r) => f.columns.map((c) => (c.kind === 'disease' ? name(DISEASES, r[c.name]) : r[c.name])).filter(Boolean).join(' '))
        .join('；');
      return { label: f.label, text };
    }
    return { label: f.label, text: String(value) };
  });
}
