import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseDay, type Day } from '../calendar.ts';
import { plan } from '../plan.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { CHILD_CONDITIONS } from '../schedules/schema.ts';
import { random, syntheticChild } from '../testing/synthetic-children.ts';
import { DoseOutcomes, dayOf, doseRows } from './dose-outcomes.ts';

const outcomes = new DoseOutcomes();
const day = (d: string) => parseDay(d)!;

describe('dose rows', () => {
  it('lists every dose of every alternative once, with the longer variant and both products of the 6-year dose', () => {
    const rows = doseRows();
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['HepB-1', 'HepB-4', 'BCG-1', 'polio-4', 'DTP-5', 'MMR-2', 'JE-L-2', 'JE-I-4', 'MPSV-AC-2', 'HepA-L-1', 'HepA-I-2']));
    expect(rows.find((r) => r.key === 'DTP-5')!.vaccines.sort()).toEqual(['DT', 'DTaP']);
    expect(rows.find((r) => r.key === 'polio-3')!.name).toBe('脊灰疫苗 第3剂');
  });
});

describe('dayOf', () => {
  it('reads every real date like parseDay and refuses the others', () => {
    fc.assert(fc.property(fc.integer({ min: -30_000, max: 60_000 }), (d) => {
        expect(dayOf(formatDay(d))).toBe(d);
      }),
    );
    for (const bad of ['2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '20240101', '2024-1-01']) expect(dayOf(bad)).toBeUndefined();
    expect(dayOf('2024-02-29')).toBe(parseDay('2024-02-29'));
  });
});

describe('dose outcomes', () => {
  it('gives the engine timely limits: MMR 1 before 12 months, HepB 1 within 24 h (before the 2nd day), IPV 1 one month after 2 months', () => {
    const seen = new Map<string, [number, number | undefined]>();
    outcomes.visit({ birthDate: '2025-03-10', given: [{ vaccine: 'HepB', dose: 1, date: '2025-03-11' }] }, (row, complete, given) =>
      seen.set(outcomes.rows[row]!.key, [complete, given]),
    );
    expect(seen.get('MMR-1')).toEqual([day('2026-03-10'), undefined]);
    expect(seen.get('HepB-1')).toEqual([day('2025-03-12'), day('2025-03-11')]);
    expect(seen.get('polio-1')).toEqual([day('2025-06-10'), undefined]);
    expect(seen.has('JE-I-1')).toBe(false); // follows JE-L
    expect(seen.has('HepB-4')).toBe(false); // not under 2000 g
  });

  it('follows the alternative the child has a dose of, and the 4-dose HepB variant under 2000 g', () => {
    const keys: string[] = [];
    outcomes.visit({ birthDate: '2024-01-01', given: [{ vaccine: 'JE-I', dose: 1, date: '2024-09-02' }], conditions: ['birth_weight_under_2000g'] }, (row) =>
      keys.push(outcomes.rows[row]!.key),
    );
    expect(keys).toEqual(expect.arrayContaining(['JE-I-1', 'JE-I-4', 'HepB-4']));
    expect(keys).not.toContain('JE-L-1');
  });

  it('agrees with plan() on every dose of the followed alternatives: given day, timely, and overdue from the complete day', () => {
    fc.assert(
      fc.property(fc.integer(), fc.subarray([...CHILD_CONDITIONS]), (seed, conditions) => {
        const child = syntheticChild(random(seed));
        const result = plan(child.birthDate, child.given, child.on, { conditions });
        const mine = new Map<string, [Day, Day | undefined]>();
        outcomes.visit({ ...child, conditions }, (row, complete, given) => mine.set(outcomes.rows[row]!.key, [complete, given]));
        const today = day(child.on);
        let compared = 0;
        for (const d of result.doses) {
          const option = NIP_SCHEDULES.versions[0]!.series.find((s) => s.id === d.series)!.options[NIP_SCHEDULES.placeOf.get(d.vaccine)!.option]!;
          const entry = mine.get(`${option.id}-${d.seriesDose}`);
          if (d.status === 'not_to_give' && d.reason === 'replaced') {
            expect(entry).toBeUndefined();
            continue;
          }
          expect(entry).toBeDefined();
          const [complete, given] = entry!;
          compared++;
          if (d.status === 'done') {
            expect(given).toBe(day(d.date));
            expect(d.timely).toBe(given! < complete);
          } else {
            expect(given).toBeUndefined();
            if (d.status !== 'not_to_give') expect(d.status === 'overdue').toBe(today >= complete);
          }
        }
        expect(compared).toBe(mine.size);
      }),
      { numRuns: 400 },
    );
  });
});
