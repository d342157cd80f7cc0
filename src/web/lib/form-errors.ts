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
    const name = nearestField(form, fieldPath(error.field));
    if (name) {
      form.setFields([{ name, errors: [error.message] }]);
      form.scrollToField(name);
    }
  }
  notify(text);
}

/**
 * The registered field the error belongs to: the field itself, or the closest one holding it
 * ("fromIds.1" lands on a multi-select named "fromIds"). Setting errors on an unknown name would show nothing.
 */
export function nearestField(form: FormInstance, name: (string | number)[]): (string | number)[] | undefined {
  const registered = new Set(form.getFieldsError().map((entry) => entry.name.join('.')));
  for (let length = name.length; length > 0; length--) {
    if (registered.has(name.slice(0, length).join('.'))) return name.slice(0, length);
  }
  return undefined;
}
