import { describe, expect, it } from 'vitest';
import type { EnrollmentView } from '../ncms-types.ts';
import { byHousehold, enrollBody, householdEnrollment, ratePercent } from './enrollment-logic.ts';
import { rowField } from '../request-rows.ts';

describe('enroll form → request', () => {
  const values = {
    members: [
      { personId: 11, name: '张三', category: 'self_paid', receiptNo: ' ' },
      { personId: 12, name: '李四' }, // left without a category: not enrolled now
      { personId: 13, name: '王五', category: 'dibao', receiptNo: ' R-2 ' },
    ],
    receiptNo: ' R-1 ',
    collectedOn: '2026-03-01',
  };

  it('sends only the members given a category, trimmed, with the one request id', () => {
    const { body, rowOf } = enrollBody(5, 2026, values, 'abc12345');
    expect(body).toEqual({
      householdId: 5,
      year: 2026,
      requestId: 'abc12345',
      receiptNo: 'R-1',
      collectedOn: '2026-03-01',
      members: [
        { personId: 11, category: 'self_paid' },
        { personId: 13, category: 'dibao', receiptNo: 'R-2' },
      ],
    });
    expect(rowOf).toEqual([0, 2]);
  });

  it('puts a refusal of the second sent member on the third form row', () => {
    const { rowOf } = enrollBody(5, 2026, values, 'abc12345');
    expect(rowField('members.1.category', 'members', rowOf)).toBe('members.2.category');
    expect(rowField('members.0', 'members', rowOf)).toBe('members.0');
    expect(rowField('year', 'members', rowOf)).toBe('year');
    expect(rowField('members.7.personId', 'members', rowOf)).toBe('members.7.personId');
    expect(rowField('lines.1.quantity', 'members', rowOf)).toBe('lines.1.quantity');
  });
});

describe('enrollment figures', () => {
  it('groups a year’s enrollments by household', () => {
    const e = (id: number, householdId: number) => ({ id, householdId, personId: id }) as EnrollmentView;
    const groups = byHousehold([e(1, 7), e(2, 8), e(3, 7)]);
    expect(groups.get(7)?.map((x) => x.id)).toEqual([1, 3]);
    expect(groups.get(8)?.length).toBe(1);
  });

  it('says whether a household is all, partly or not enrolled', () => {
    expect(householdEnrollment(0, 3)).toBe('none');
    expect(householdEnrollment(2, 3)).toBe('some');
    expect(householdEnrollment(3, 3)).toBe('all');
    // A member who enrolled and then died no longer counts as living: still the whole household.
    expect(householdEnrollment(3, 2)).toBe('all');
  });

  it('shows rates as percentages with two decimals', () => {
    expect(ratePercent(0.9321)).toBe('93.21%');
    expect(ratePercent(1)).toBe('100.00%');
    expect(ratePercent(null)).toBe('—');
  });
});
