import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convertFifteen, makeResidentId, parseResidentId, reconcileIdentity } from './resident-id.ts';
import { AppError } from '../errors.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'ok';
};

describe('resident ID (GB 11643)', () => {
  it('accepts the standard examples', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({ idNumber: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'F' });
    expect(parseResidentId('440524188001010014')).toMatchObject({ birthDate: '1880-01-01', sex: 'M' });
  });

  it('accepts a lower-case x and stray spaces', () => {
    expect(parseResidentId(' 110105 19491231 002x ').idNumber).toBe('11010519491231002X');
  });

  it('converts 15-digit numbers', () => {
    expect(convertFifteen('110105491231002')).toBe('11010519491231002X');
    expect(parseResidentId('110105491231002')).toMatchObject({ idNumber: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it('names a wrong check character, an impossible date and a bad format', () => {
    expect(codeOf(() => parseResidentId('110105194912310021'))).toBe('invalid_id_checksum');
    expect(codeOf(() => parseResidentId(makeResidentId('110105', '1990-02-30', 1)))).toBe('invalid_id_number');
    expect(codeOf(() => parseResidentId('12345'))).toBe('invalid_id_number');
    expect(codeOf(() => parseResidentId(makeResidentId('110105', '2099-01-01', 1), 'idNumber', '2026-01-01'))).toBe('invalid_id_number');
  });

  it('detects every single-digit typo', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (date, seq, pos, delta) => {
        const id = makeResidentId('430702', date.toISOString().slice(0, 10), seq);
        const typo = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(() => parseResidentId(typo)).toThrow(AppError);
      }),
    );
  });

  it('derives sex from the sequence and round-trips the birth date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (date, seq) => {
        const birthDate = date.toISOString().slice(0, 10);
        const parsed = parseResidentId(makeResidentId('430702', birthDate, seq));
        expect(parsed.birthDate).toBe(birthDate);
        expect(parsed.sex).toBe(seq % 2 === 1 ? 'M' : 'F');
      }),
    );
  });

  it('reconciles typed sex and birth date with the ID', () => {
    const id = makeResidentId('430702', '1985-06-15', 123); // odd: male
    expect(reconcileIdentity({ idNumber: id })).toEqual({ idNumber: id, sex: 'M', birthDate: '1985-06-15' });
    expect(codeOf(() => reconcileIdentity({ idNumber: id, birthDate: '1985-06-16' }))).toBe('birth_date_mismatch');
    expect(codeOf(() => reconcileIdentity({ idNumber: id, sex: 'F' }))).toBe('sex_mismatch');
    expect(reconcileIdentity({ sex: 'F', birthDate: '2026-10-01' })).toEqual({ idNumber: null, sex: 'F', birthDate: '2026-10-01' });
    expect(codeOf(() => reconcileIdentity({ sex: 'F' }))).toBe('invalid_field');
  });
});
