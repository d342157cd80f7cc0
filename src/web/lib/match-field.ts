import type { FormRule } from 'antd';

/** A "type it again" rule: the value must equal the field `name`. */
export function matchField(name: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_, value) => {
      if (value && value !== getFieldValue(name)) throw new Error(message);
    },
  });
}
