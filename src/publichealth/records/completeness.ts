/**
 * 档案完整性: which required items of a record are still empty. Pure: the record's own fields and sections in,
 * the missing items out, so the same rule serves the record page, the stored count and the indicators.
 */
import type { BasicInfo } from './basic-info.ts';
import { REQUIRED_ITEMS, SECTION_NAMES, type RequiredItem, type SectionName } from './sections.ts';

export interface CompletenessInput {
  institutionName: string | null;
  responsibleDoctor: string | null;
  basicInfo: BasicInfo;
}

export interface MissingItem extends RequiredItem {
  section: SectionName;
  sectionName: string;
}

export interface Completeness {
  complete: boolean;
  required: number;
  filled: number;
  missing: MissingItem[];
}

/** Empty means never answered: undefined, null or blank text. An empty list is an answer (无). */
const isFilled = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

export function completeness(input: CompletenessInput, items: readonly RequiredItem[] = REQUIRED_ITEMS): Completeness {
  const view: Record<string, Record<string, unknown> | undefined> = {
    ...(input.basicInfo as Record<string, Record<string, unknown>>),
    record: { institutionName: input.institutionName, responsibleDoctor: input.responsibleDoctor },
  };
  const missing = items
    .filter((item) => {
      const [section, field] = item.key.split('.') as [string, string];
      return !isFilled(view[section]?.[field]);
    })
    .map((item) => {
      const section = item.key.split('.')[0] as SectionName;
      return { ...item, section, sectionName: SECTION_NAMES[section] };
    });
  return { complete: missing.length === 0, required: items.length, filled: items.length - missing.length, missing };
}
