import { describe, expect, it } from 'vitest';
import { NOTIFIABLE_LISTS } from './index.ts';
import { law2025 } from './law-2025.ts';
import { loadNotifiableLists, notifiableOn, NotifiableDataError } from './load.ts';

const on = (code: string) => notifiableOn(NOTIFIABLE_LISTS, code, '2026-03-01');

describe('notifiable disease list', () => {
  it('holds 40 diseases: class A 2, B 27, C 11', () => {
    const list = NOTIFIABLE_LISTS.versions.at(-1)!;
    const count = (c: string) => list.diseases.filter((d) => d.class === c).length;
    expect([list.diseases.length, count('A'), count('B'), count('C')]).toEqual([40, 2, 27, 11]);
  });

  it('refuses a list whose counts do not add up', () => {
    const broken = { ...law2025, diseases: law2025.diseases.slice(1) };
    expect(() => loadNotifiableLists([broken])).toThrow(NotifiableDataError);
  });

  it.each([
    ['B26.9', 'mumps', null, 24],
    ['B26', 'mumps', null, 24],
    ['A00.1', 'cholera', null, 2],
    ['B22.7', 'aids', null, 24],
    ['A01.3', 'typhoid', 'paratyphoid', 24],
    ['A01.0', 'typhoid', 'typhoid_fever', 24],
    ['B18.1', 'viral_hepatitis', 'hepatitis_b', 24],
    ['B18.2', 'viral_hepatitis', 'hepatitis_c', 24],
    ['A06.0', 'dysentery', 'amoebic_dysentery', 24],
    ['U04.9', 'sars', null, 2],
    ['A22.1', 'anthrax', null, 2],
    ['A22.0', 'anthrax', null, 24],
    ['B08.4', 'hfmd', null, 24],
  ])('%s is %s (%s), limit %i h', (code, disease, form, hours) => {
    const m = on(code);
    expect([m?.disease.id, m?.form?.id ?? null, m?.hours]).toEqual([disease, form, hours]);
  });

  it('does not report codes outside the list', () => {
    for (const code of ['J06.9', 'A06.1', 'B18.9', 'A01.5', 'B08.5', 'A17.0']) expect(on(code)).toBeUndefined();
  });

  it('marks managed-as-A and asks acute/chronic where the card does', () => {
    expect(on('A22.1')).toMatchObject({ classA: true, managedAsA: true });
    expect(on('B18.1')?.course).toBe(true);
    expect(on('B15.9')?.course).toBe(false);
    expect(on('B65.2')?.course).toBe(true);
  });
});
