import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeness } from './completeness.ts';
import { REQUIRED_ITEMS } from './sections.ts';
import type { BasicInfo } from './basic-info.ts';

const FULL: BasicInfo = {
  social: { residenceType: 'registered', education: 'junior_high', occupation: 'agriculture', maritalStatus: 'married', paymentTypes: ['ncms'] },
  blood: { abo: 'A', rh: 'unknown' },
  allergy: { drugAllergies: [], exposures: [] },
  history: { diseases: [{ disease: 'hypertension', icd10: 'I10', diagnosedOn: '2019-05-01' }], surgeries: [], traumas: [], transfusions: [] },
  family: { father: ['hypertension'], mother: [], siblings: [], children: [], geneticDiseases: [] },
  disability: { kinds: [] },
  living: { kitchenExhaust: 'chimney', fuel: 'firewood', water: 'well', toilet: 'septic', livestock: 'separate' },
};
const full = { institutionName: '东岭镇卫生院', responsibleDoctor: '王医生', basicInfo: FULL };

describe('completeness', () => {
  it('a record with every required item filled is complete; an empty list (无) counts as an answer', () => {
    expect(completeness(full)).toEqual({ complete: true, required: REQUIRED_ITEMS.length, filled: REQUIRED_ITEMS.length, missing: [] });
  });

  it('a new record misses every item, each named with its section', () => {
    const c = completeness({ institutionName: null, responsibleDoctor: null, basicInfo: {} });
    expect(c.complete).toBe(false);
    expect(c.filled).toBe(0);
    expect(c.missing.map((m) => m.key)).toEqual(REQUIRED_ITEMS.map((i) => i.key));
    expect(c.missing[0]).toEqual({ key: 'record.institutionName', label: '建档单位', section: 'record', sectionName: '档案信息' });
    expect(c.missing.find((m) => m.key === 'blood.rh')).toMatchObject({ label: 'Rh血型', sectionName: '血型' });
  });

  it('blank text is missing; a missing section misses all its items', () => {
    const { blood: _b, ...noBlood } = FULL;
    const c = completeness({ ...full, responsibleDoctor: '  ', basicInfo: noBlood });
    expect(c.missing.map((m) => m.key)).toEqual(['record.responsibleDoctor', 'blood.abo', 'blood.rh']);
  });

  it('follows the data: any list of required items, missing exactly those not filled', () => {
    const keys = REQUIRED_ITEMS.map((i) => i.key);
    fc.assert(
      fc.property(fc.subarray(keys), (dropped) => {
        const info = structuredClone(FULL) as Record<string, Record<string, unknown>>;
        let institutionName: string | null = full.institutionName;
        let responsibleDoctor: string | null = full.responsibleDoctor;
        for (const key of dropped) {
          const [section, field] = key.split('.') as [string, string];
          if (key === 'record.institutionName') institutionName = null;
          else if (key === 'record.responsibleDoctor') responsibleDoctor = null;
          else delete info[section]![field];
        }
        const c = completeness({ institutionName, responsibleDoctor, basicInfo: info as BasicInfo });
        expect(c.missing.map((m) => m.key)).toEqual(keys.filter((k) => dropped.includes(k)));
        expect(c.filled + c.missing.length).toBe(c.required);
        expect(c.complete).toBe(dropped.length === 0);
      }),
    );
  });
});
