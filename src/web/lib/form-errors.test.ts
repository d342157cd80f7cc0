import { describe, expect, it } from 'vitest';
import { fieldPath } from './form-errors.ts';

describe('fieldPath', () => {
  it('turns a server field into a Form.List name path', () => {
    expect(fieldPath('members.2.idNumber')).toEqual(['members', 2, 'idNumber']);
    expect(fieldPath('address')).toEqual(['address']);
  });
});
