import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { householdCardNo, medicalNo, nextMemberNumbers, parseCardNo } from './card-number.ts';

describe('card numbers', () => {
  it('are the village code, the 4-digit household sequence and the 2-digit member number', () => {
    const card = householdCardNo('430702100200', 7);
    expect(card).toBe('4307021002000007');
    expect(medicalNo(card, 3)).toBe('430702100200000703');
    expect(parseCardNo('430702100200000703')).toEqual({ county: '430702', township: '100', village: '200', seq: 7, memberNo: 3 });
    expect(parseCardNo('4307021002000000')).toBeNull();
    expect(parseCardNo('43070210020000071')).toBeNull();
  });

  it('refuse a sequence outside 1-9999 and a code that is not 12 digits, in Chinese', () => {
    expect(() => householdCardNo('430702100200', 10000)).toThrow('已用完');
    expect(() => householdCardNo('430702100200', 0)).toThrow();
    expect(() => householdCardNo('4307021002', 1)).toThrow('12 位');
  });

  it('round-trip through parseCardNo for every village code, sequence and member number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 99 }), (code, seq, member) => {
        const card = householdCardNo(code, seq);
        const medical = medicalNo(card, member);
        expect(card).toMatch(/^\d{16}$/);
        expect(medical).toMatch(/^\d{18}$/);
        expect(parseCardNo(medical)).toEqual({ county: code.slice(0, 6), township: code.slice(6, 9), village: code.slice(9), seq, memberNo: member });
      }),
    );
  });
});

describe('member numbers', () => {
  it('give newcomers the next numbers in list order and keep every number ever given', () => {
    expect(nextMemberNumbers([], [11, 12, 13])).toEqual([{ personId: 11, memberNo: 1 }, { personId: 12, memberNo: 2 }, { personId: 13, memberNo: 3 }]);
    // 12 left the household (not listed), 14 was born: 14 takes 04, 02 is not reused.
    expect(nextMemberNumbers([{ personId: 11, memberNo: 1 }, { personId: 12, memberNo: 2 }, { personId: 13, memberNo: 3 }], [11, 13, 14])).toEqual([{ personId: 14, memberNo: 4 }]);
  });

  it('never change a given number, never give one twice, and number each member once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }), { maxLength: 6 }), (rounds) => {
        let given: Array<{ personId: number; memberNo: number }> = [];
        for (const members of rounds) {
          const fresh = nextMemberNumbers(given, members);
          const all = [...given, ...fresh];
          expect(new Set(all.map((g) => g.memberNo)).size).toBe(all.length);
          expect(new Set(all.map((g) => g.personId)).size).toBe(all.length);
          for (const personId of members) expect(all.some((g) => g.personId === personId)).toBe(true);
          expect(all.slice(0, given.length)).toEqual(given);
          given = all;
        }
      }),
    );
  });
});
