import { parseResidentId } from '../../core/people/resident-id.ts';
import type { FormRule } from 'antd';

/** Reads sex and birth date off a valid ID number, the same rule the server applies (GB 11643); undefined while incomplete or wrong. */
export function identityFrom(idNumber: string | undefined | null) {
  if (!idNumber?.trim()) return undefined;
  try {
    return parseResidentId(idNumber);
  } catch {
    return undefined;
  }
}

/** An ID number field may be empty; when filled it must be a valid one (the message says what is wrong). */
export const idNumberRule: FormRule = {
  validator: async (_, value: string | undefined) => {
    if (value?.trim()) parseResidentId(value);
  },
};
