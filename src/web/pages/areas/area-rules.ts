import type { FormRule } from 'antd';
import type { AreaKind } from '../../../core/db/schema.ts';
import { checkAreaCode } from '../../../core/areas/area-code.ts';

// What may be created under an area of each kind, the usual one first: a street (街道) mostly holds
// communities, a town or township villages, but either may hold both.
export const CHILD_KINDS: Record<string, AreaKind[]> = {
  county: ['town', 'township', 'street'],
  street: ['community', 'village'],
  town: ['village', 'community'],
  township: ['village', 'community'],
};

// The leading digits a child's code shares with its parent: county, or county + township (统计用区划代码).
const SHARED_DIGITS: Record<string, number> = { county: 6, township: 9 };

/** The start of a child's code, to prefill the field: the parent's shared digits. */
export function childCodePrefix(parent: { code: string; level: string }): string {
  return parent.code.slice(0, SHARED_DIGITS[parent.level] ?? 0);
}

/** A 12-digit code in the range of its kind, checked as the server checks it. */
export function areaCodeRule(kind: () => AreaKind | undefined): FormRule {
  return {
    validator: async (_, value: string | undefined) => {
      const k = kind();
      if (value && k) checkAreaCode(value, k);
    },
  };
}
