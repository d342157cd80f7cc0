/**
 * ICD-10 codes: normalising what senders type, telling known codes from unknown ones, and their Chinese names.
 * Known = a WHO ICD-10 category or subcategory (who-codes.ts); names from names-zh.ts.
 */
import { WHO_ICD10_CODES } from './who-codes.ts';
import { ICD10_NAMES_ZH } from './names-zh.ts';

export interface Icd10Entry {
  /** Normalised: 'B26.9', or 'J11' for a category. */
  code: string;
  /** Chinese name where known (the code's own, else its category's), else ''. */
  name: string;
  /** The 3-character category ('B26'). */
  category: string;
}

/** Category → its subcategory digits ('B26' → '0123789'). */
const CATEGORIES: ReadonlyMap<string, string> = new Map(WHO_ICD10_CODES.split(' ').map((entry) => [entry.slice(0, 3), entry.slice(3)]));

// Letter, two digits, then optionally the subcategory digit and a national extension ('B26.901', 'I10.X00', 'J18.900X001'):
// the extension is dropped, because every rule and ranking here works on WHO codes.
const CODE = /^([A-Z]\d{2})(?:\.?([0-9X])[0-9A-Z]*)?$/;

/** 'b26.9 ', 'B269', 'B26.901' → 'B26.9'; 'J11' → 'J11'; not shaped like an ICD-10 code → null. Says nothing on whether it exists. */
export function normalizeIcd10(raw: string): string | null {
  const cleaned = raw.trim().toUpperCase().replace(/[\s+*†]/g, '').replace(/\.$/, '');
  const match = CODE.exec(cleaned);
  if (!match) return null;
  const [, category, sub] = match;
  return sub === undefined || sub === 'X' ? category! : `${category}.${sub}`;
}

/** The 3-character category of a code ('B26.9' → 'B26'). */
export function icd10Category(code: string): string {
  return (normalizeIcd10(code) ?? code.trim().toUpperCase()).slice(0, 3);
}

/** The code's entry when it is a WHO ICD-10 category or subcategory; undefined for anything else (unknown code). */
export function findIcd10(code: string): Icd10Entry | undefined {
  const normalized = normalizeIcd10(code);
  if (!normalized) return undefined;
  const category = normalized.slice(0, 3);
  const subs = CATEGORIES.get(category);
  if (subs === undefined) return undefined;
  if (normalized.length > 3 && !subs.includes(normalized.slice(4))) return undefined;
  return { code: normalized, name: ICD10_NAMES_ZH[normalized] ?? ICD10_NAMES_ZH[category] ?? '', category };
}

/** Display text: 'B26.9 流行性腮腺炎'. */
export function icd10Label(code: string): string {
  const name = findIcd10(code)?.name;
  return name ? `${code} ${name}` : code;
}
