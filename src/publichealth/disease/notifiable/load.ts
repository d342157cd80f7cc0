/**
 * Loads the notifiable disease lists: validates each with zod, checks its class counts, compiles the ICD-10 patterns,
 * and answers which notifiable disease (if any) a diagnosis code is on a given day.
 */
import { z } from 'zod';
import { listSchema, type CaseClass, type DiseaseClass } from './schema.ts';

export interface DiseaseForm {
  id: string;
  name: string;
}

export interface NotifiableDisease {
  id: string;
  name: string;
  class: DiseaseClass;
  forms: DiseaseForm[];
  caseClasses: CaseClass[];
  unverified: string[];
}

export interface NotifiableList {
  id: string;
  name: string;
  effective: string;
  hours: { classA: number; other: number };
  duplicateDays: number;
  matchDays: number;
  diseases: NotifiableDisease[];
  /** Three-character ICD-10 categories any pattern can match: what a database query narrows diagnoses to first. */
  categories: string[];
  patterns: CompiledPattern[];
}

interface CompiledPattern {
  low: string;
  high: string;
  disease: NotifiableDisease;
  form: DiseaseForm | null;
  course: boolean;
  managedAsA: boolean;
}

/** What a diagnosis code is on the list in force: the disease, its form, and what its report card must say. */
export interface NotifiableMatch {
  listId: string;
  disease: NotifiableDisease;
  form: DiseaseForm | null;
  /** 按甲类管理 or class A: the 2-hour limit and an alert to the CDC. */
  classA: boolean;
  managedAsA: boolean;
  /** Report-card time limit, hours from diagnosis. */
  hours: number;
  /** Asks 急性/慢性. */
  course: boolean;
  caseClasses: CaseClass[];
}

export class NotifiableDataError extends Error {
  override name = 'NotifiableDataError';
}

function bounds(pattern: string): [string, string] {
  const [low, high = low] = pattern.split('-') as [string, string?];
  if (low.length !== high.length || low > high) throw new NotifiableDataError(`ICD-10 范围 ${pattern} 的两端长度须相同且从小到大`);
  return [low, high];
}

/** The categories from 'B20' to 'B24' (the letter stays, the two digits count up). */
function categoriesBetween(low: string, high: string): string[] {
  const out: string[] = [];
  for (let n = Number(low.slice(1, 3)); n <= Number(high.slice(1, 3)); n++) out.push(`${low[0]}${String(n).padStart(2, '0')}`);
  return out;
}

function compileList(raw: unknown, index: number): NotifiableList {
  const parsed = listSchema.safeParse(raw);
  if (!parsed.success) throw new NotifiableDataError(`传染病目录数据第 ${index + 1} 份有误：\n${z.prettifyError(parsed.error)}`);
  const doc = parsed.data;
  const patterns: CompiledPattern[] = [];
  const categories = new Set<string>();
  const diseases: NotifiableDisease[] = doc.diseases.map((d) => {
    const forms = d.forms.map((f) => ({ id: f.id, name: f.name }));
    const disease: NotifiableDisease = { id: d.id, name: d.name, class: d.class, forms, caseClasses: d.caseClasses ?? doc.caseClasses, unverified: d.unverified };
    const groups = d.forms.length > 0 ? d.forms.map((f, i) => ({ form: forms[i]!, codes: f.icd10, course: f.course })) : [{ form: null, codes: d.icd10, course: d.course }];
    const managedCodes = Array.isArray(d.managedAsA) ? d.managedAsA.map(bounds) : [];
    for (const group of groups) {
      for (const code of group.codes) {
        const [low, high] = bounds(code);
        for (const c of categoriesBetween(low.slice(0, 3), high.slice(0, 3))) categories.add(c);
        patterns.push({ low, high, disease, form: group.form, course: group.course, managedAsA: d.managedAsA === true });
      }
    }
    // Codes managed as class A inside a class B disease (肺炭疽) are their own, more specific patterns.
    for (const [low, high] of managedCodes) {
      const host = patterns.find((p) => p.disease === disease && inRange(low, p));
      if (!host) throw new NotifiableDataError(`${d.name}：按甲类管理的编码 ${low} 不在该病的编码内`);
      patterns.push({ ...host, low, high, managedAsA: true });
    }
    return disease;
  });
  // Longest pattern first, so a subcode (A22.1) wins over its category (A22).
  patterns.sort((a, b) => b.low.length - a.low.length);
  const counted = { A: 0, B: 0, C: 0 };
  for (const d of diseases) counted[d.class] += 1;
  for (const c of ['A', 'B', 'C'] as const) {
    if (counted[c] !== doc.counts[c]) throw new NotifiableDataError(`${doc.id}：${c} 类应有 ${doc.counts[c]} 种，数据中有 ${counted[c]} 种`);
  }
  if (new Set(diseases.map((d) => d.id)).size !== diseases.length) throw new NotifiableDataError(`${doc.id}：病种编号重复`);
  return { id: doc.id, name: doc.name, effective: doc.effective, hours: doc.hours, duplicateDays: doc.duplicateDays, matchDays: doc.matchDays, diseases, categories: [...categories].sort(), patterns };
}

function inRange(code: string, p: { low: string; high: string }): boolean {
  const head = code.slice(0, p.low.length);
  return head.length === p.low.length && head >= p.low && head <= p.high;
}

export interface NotifiableLists {
  /** Oldest first. */
  versions: NotifiableList[];
}

export function loadNotifiableLists(documents: readonly unknown[]): NotifiableLists {
  if (documents.length === 0) throw new NotifiableDataError('没有传染病目录数据');
  const versions = documents.map(compileList).sort((a, b) => a.effective.localeCompare(b.effective));
  return { versions };
}

/** The list in force on a Shanghai day; the oldest loaded list also stands in for days before it. */
export function listOn(lists: NotifiableLists, day: string): NotifiableList {
  let chosen = lists.versions[0]!;
  for (const v of lists.versions) if (v.effective <= day) chosen = v;
  return chosen;
}

/** A list by its id (a stored card keeps the id of the list it was reported under). */
export function listById(lists: NotifiableLists, id: string): NotifiableList | undefined {
  return lists.versions.find((v) => v.id === id);
}

/** The notifiable disease a diagnosis code ('B26.9') is on a day, or undefined when it is not notifiable. */
export function notifiableOn(lists: NotifiableLists, code: string, day: string): NotifiableMatch | undefined {
  return matchIn(listOn(lists, day), code);
}

export function matchIn(list: NotifiableList, code: string): NotifiableMatch | undefined {
  const normalized = code.trim().toUpperCase();
  const p = list.patterns.find((x) => inRange(normalized, x));
  if (!p) return undefined;
  const classA = p.disease.class === 'A' || p.managedAsA;
  return {
    listId: list.id,
    disease: p.disease,
    form: p.form,
    classA,
    managedAsA: p.managedAsA,
    hours: classA ? list.hours.classA : list.hours.other,
    course: p.course,
    caseClasses: p.disease.caseClasses,
  };
}
