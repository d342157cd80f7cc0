/**
 * Shape of a notifiable disease list (法定传染病目录), checked with zod when the lists are loaded. A list is one version
 * of the law's catalogue with the day it takes effect; a later version replaces the whole list from its day.
 *
 * ICD-10 patterns: a category 'B26' matches B26 and every subcode (B26.9); a subcode 'A06.0' matches itself and its
 * own subcodes; a range 'B20-B24' or 'A01.1-A01.4' matches every code whose leading characters, cut to the length
 * of the bounds, fall between them.
 */
import { z } from 'zod';
import { isRealDate } from '../../../core/dates.ts';

export const DISEASE_CLASSES = ['A', 'B', 'C'] as const;
export type DiseaseClass = (typeof DISEASE_CLASSES)[number];

/** 病例分类: suspected / clinical / confirmed / pathogen carrier. */
export const CASE_CLASSES = ['suspected', 'clinical', 'confirmed', 'carrier'] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];
export const CASE_CLASS_NAMES: Record<CaseClass, string> = { suspected: '疑似病例', clinical: '临床诊断病例', confirmed: '确诊病例', carrier: '病原携带者' };

/** 急性 / 慢性, asked for hepatitis B, C and schistosomiasis. */
export const COURSES = ['acute', 'chronic'] as const;
export type Course = (typeof COURSES)[number];
export const COURSE_NAMES: Record<Course, string> = { acute: '急性', chronic: '慢性' };

const code = String.raw`[A-Z]\d{2}(\.\d{1,2})?`;
export const ICD10_PATTERN = new RegExp(`^${code}(-${code})?$`);
const icd10 = z.string().regex(ICD10_PATTERN, { message: '应为 ICD-10 编码、亚目或范围，如 B26、A06.0、B20-B24' });

const form = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  icd10: z.array(icd10).min(1),
  /** Asks 急性/慢性 on the card. */
  course: z.boolean().default(false),
});

export const diseaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(1),
  class: z.enum(DISEASE_CLASSES),
  /** Codes of the disease as a whole; with `forms`, each form's codes are the disease's codes. */
  icd10: z.array(icd10).default([]),
  /** Kinds reported under the disease (甲肝、乙肝… of 病毒性肝炎), each with its own codes. */
  forms: z.array(form).default([]),
  /** 按甲类管理: the whole disease (true) or only these codes (肺炭疽 A22.1). */
  managedAsA: z.union([z.boolean(), z.array(icd10).min(1)]).default(false),
  /** Case classifications allowed; default: the list's `caseClasses`. */
  caseClasses: z.array(z.enum(CASE_CLASSES)).min(1).optional(),
  /** Asks 急性/慢性 for the whole disease (血吸虫病). */
  course: z.boolean().default(false),
  /** Marks facts of this entry taken from general knowledge rather than the reference ([U]). */
  unverified: z.array(z.string()).default([]),
});

export const listSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    effective: z.string().refine(isRealDate, { message: '应为有效日期 YYYY-MM-DD' }),
    /** Expected numbers of diseases per class, checked on load so a typo in the data cannot go unnoticed. */
    counts: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
    /** Report-card time limits in hours from diagnosis: class A and managed-as-A, and the rest. */
    hours: z.object({ classA: z.number().positive(), other: z.number().positive() }),
    caseClasses: z.array(z.enum(CASE_CLASSES)).min(1),
    /** A second card for the same person and disease diagnosed within this many days is a duplicate. */
    duplicateDays: z.number().int().positive(),
    /** A card answers a visit when its diagnosis time lies within this many days of the visit. */
    matchDays: z.number().int().positive(),
    diseases: z.array(diseaseSchema).min(1),
  })
  .superRefine((list, ctx) => {
    for (const [i, d] of list.diseases.entries()) {
      if ((d.icd10.length === 0) === (d.forms.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['diseases', i], message: `${d.name}：须有 icd10 或 forms 之一（且只有一个）` });
      }
    }
  });

export type NotifiableListDocument = z.input<typeof listSchema>;
