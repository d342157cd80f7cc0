import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** "members.2.idNumber" → ["members", 2, "idNumber"], the name path of a Form.List field. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows a failed save where the user can act on it: on the named form field when the server names one
 * the form has, and always as a message. The form keeps everything typed.
 */
export function showFormError(form: FormInstance, error: unknown, notify: (text: string) => void): void {
  const text = error instanceof Error ? error.message : '保存失败，请稍后重试';
  if (error instanceof ApiError && error.field) {
    const name = fieldPath(error.field);
    if (hasField(form, name)) {
      form.setFields([{ name, errors: [error.message] }]);
      form.scrollToField(name);
    }
  }
  notify(text);
}

function hasField(form: FormInstance, name: (string | number)[]): boolean {
  // Registered fields only: setting errors on an unknown name would show nothing.
  const key = name.join('.');
  return form.getFieldsError().some((entry) => entry.name.join('.') === key);
}
