import { describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';
import { fieldPath, showFormError } from './form-errors.ts';

describe('fieldPath', () => {
  it('turns a server field into a Form.List name path', () => {
    expect(fieldPath('members.2.idNumber')).toEqual(['members', 2, 'idNumber']);
    expect(fieldPath('address')).toEqual(['address']);
  });
});

describe('showFormError', () => {
  function fakeForm(registered: string[]) {
    const set: { name: (string | number)[]; errors: string[] }[] = [];
    const form = {
      getFieldsError: () => registered.map((name) => ({ name: fieldPath(name), errors: [] })),
      setFields: (fields: typeof set) => set.push(...fields),
      scrollToField: () => {},
    } as unknown as FormInstance;
    return { form, set };
  }

  it('puts the message on the named field, or on the list field holding it', () => {
    const { form, set } = fakeForm(['fromIds', 'parts.0.code', 'effective']);
    const notes: string[] = [];
    showFormError(form, new ApiError('invalid_field', '「东岭村」下还有现行的下级区划', 400, 'fromIds.1'), (t) => notes.push(t));
    showFormError(form, new ApiError('invalid_field', '区划代码已被使用', 409, 'parts.0.code'), (t) => notes.push(t));
    expect(set).toEqual([
      { name: ['fromIds'], errors: ['「东岭村」下还有现行的下级区划'] },
      { name: ['parts', 0, 'code'], errors: ['区划代码已被使用'] },
    ]);
    expect(notes).toHaveLength(2);
  });

  it('only tells the user when the form has no such field', () => {
    const { form, set } = fakeForm(['name']);
    const notes: string[] = [];
    showFormError(form, new ApiError('invalid_field', '户 12 不属于「东岭村」', 400, 'parts.1.householdIds.0'), (t) => notes.push(t));
    expect(set).toEqual([]);
    expect(notes).toEqual(['户 12 不属于「东岭村」']);
  });
});
