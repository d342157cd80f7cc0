import { describe, expect, it } from 'vitest';
import { findIcd10, icd10Category, normalizeIcd10 } from './icd10.ts';
import { ICD10_NAMES_ZH } from './names-zh.ts';

describe('ICD-10', () => {
  it('normalises what senders type', () => {
    expect(normalizeIcd10(' b26.9 ')).toBe('B26.9');
    expect(normalizeIcd10('B269')).toBe('B26.9');
    expect(normalizeIcd10('B26.901')).toBe('B26.9');
    expect(normalizeIcd10('I10.x00')).toBe('I10');
    expect(normalizeIcd10('J11')).toBe('J11');
    expect(normalizeIcd10('A16.2+')).toBe('A16.2');
    expect(normalizeIcd10('腮腺炎')).toBeNull();
    expect(normalizeIcd10('B2')).toBeNull();
    expect(icd10Category('b08.4')).toBe('B08');
  });

  it('knows WHO codes and their Chinese names, and recognises unknown ones', () => {
    expect(findIcd10('B08.4')).toEqual({ code: 'B08.4', name: '手足口病', category: 'B08' });
    expect(findIcd10('B26.9')).toEqual({ code: 'B26.9', name: '流行性腮腺炎', category: 'B26' });
    expect(findIcd10('U07.1')?.name).toBe('新型冠状病毒感染');
    expect(findIcd10('B26.5')).toBeUndefined(); // B26 has no .5
    expect(findIcd10('A99.9')).toBeUndefined(); // A99 has no subcategories
    expect(findIcd10('Q99.9')?.name).toBe(''); // valid, nameless
    expect(findIcd10('U85')).toBeUndefined(); // a French national code, not WHO
  });

  it('names only codes that exist', () => {
    const missing = Object.keys(ICD10_NAMES_ZH).filter((code) => findIcd10(code)?.code !== code);
    expect(missing).toEqual([]);
  });
});
