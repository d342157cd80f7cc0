import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, dayFromParts, formatDay, parseDay, type Day } from './calendar.ts';
import { governingRule } from './choose-version.ts';
import { plan } from './plan.ts';
import { NIP_SCHEDULES } from './schedules/index.ts';
import { scheduleForChild } from './schedules/load.ts';
import { CHILD_CONDITIONS, type ChildCondition, type VaccineCode } from './schedules/schema.ts';
import { random, syntheticChild } from './testing/synthetic-children.ts';
import type { GivenDose, PlannedDose } from './types.ts';

const set = NIP_SCHEDULES;
const day = (date: string) => parseDay(date)!;

/**
 * Any history that passes validation, not only plausible ones: per product a number of doses (within what its
 * series holds) on distinct random days between birth and the plan date, numbered in date order.
 */
const LIMITS: [VaccineCode[], number][] = [
  [['HepB'], 3],
  [['BCG'], 1],
  [['IPV', 'bOPV'], 4],
  [['DTaP', 'DT'], 5],
  [['MMR'], 2],
  [['JE-L'], 2],
  [['JE-I'], 4],
  [['MPSV-A'], 2],
  [['MPSV-AC'], 2],
  [['HepA-L'], 1],
  [['HepA-I'], 2],
];

const childArb = fc
  .record({
    birth: fc.integer({ min: dayFromParts(2012, 1, 1), max: dayFromParts(2026, 6, 30) }),
    age: fc.integer({ min: 0, max: 9 * 366 }),
    counts: fc.tuple(...LIMITS.map(([codes, max]) => fc.array(fc.constantFrom(...codes), { maxLength: max }))),
    offsets: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 30, maxLength: 30 }),
    conditions: fc.subarray([...CHILD_CONDITIONS]),
  })
  .map(({ birth, age, counts, offsets, conditions }) => {
    const on = birth + age;
    const given: GivenDose[] = [];
    let o = 0;
    for (const codes of counts) {
      const days = codes.map(() => birth + Math.min(age, Math.floor(offsets[o++ % offsets.length]! * (age + 1))));
      const numbers = new Map<string, number>();
      const used = new Map<string, Set<number>>();
      [...days].sort((a, b) => a - b).forEach((d, i) => {
        const code = codes[i]!;
        const seen = used.get(code) ?? new Set();
        if (seen.has(d)) return; // two doses of one product on one day are invalid: drop the second
        seen.add(d);
        used.set(code, seen);
        const n = (numbers.get(code) ?? 0) + 1;
        numbers.set(code, n);
        given.push({ vaccine: code, dose: n, date: formatDay(d) });
      });
    }
    return { birthDate: formatDay(birth), given, on: formatDay(on), conditions };
  });

/** Plausible children (doses near their due ages), from a seed. */
const plausibleArb = fc.integer().map((seed) => ({ ...syntheticChild(random(seed)), conditions: [] as ChildCondition[] }));

const anyChild = fc.oneof(childArb, plausibleArb);

const pendingStatus = (d: PlannedDose) => d.status === 'due' || d.status === 'overdue' || d.status === 'not_yet_due';

function placeOf(d: PlannedDose) {
  const place = set.placeOf.get(d.vaccine)!;
  return place;
}

function liveInjectable(code: VaccineCode) {
  const v = set.vaccines.get(code)!;
  return v.live && v.route === 'injection';
}

describe('plan properties', () => {
  it('earliest dates respect minimum age, plan date, intervals and the 28-day live rule', () => {
    fc.assert(
      fc.property(anyChild, ({ birthDate, given, on, conditions }) => {
        const birth = day(birthDate);
        const { doses } = plan(birthDate, given, on, { conditions });
        const childSet = scheduleForChild(set, conditions);
        const liveDays: { day: Day; proposed: boolean }[] = [];
        let previous: { series: string; option: number; day: Day | undefined } | undefined;
        for (const d of doses) {
          const place = placeOf(d);
          const sameRun = previous && previous.series === d.series && previous.option === place.option;
          const prevDay = sameRun ? previous!.day : undefined;
          if (pendingStatus(d) && 'earliest' in d) {
            const { rule, dueDay } = governingRule(childSet, birth, place.series, place.option, d.seriesDose - 1);
            const earliest = day(d.earliest);
            expect(earliest).toBeGreaterThanOrEqual(addDuration(birth, rule.minAge));
            expect(earliest).toBeGreaterThanOrEqual(dueDay);
            expect(earliest).toBeGreaterThanOrEqual(day(on));
            expect(d.dueDate).toBe(formatDay(dueDay));
            if (prevDay !== undefined && rule.minInterval) expect(earliest).toBeGreaterThanOrEqual(addDuration(prevDay, rule.minInterval));
            if (liveInjectable(d.vaccine)) liveDays.push({ day: earliest, proposed: true });
          }
          if (d.status === 'done' && liveInjectable(d.vaccine)) liveDays.push({ day: day(d.date), proposed: false });
          const thisDay = d.status === 'done' ? day(d.date) : 'earliest' in d ? day(d.earliest) : undefined;
          previous = { series: d.series, option: place.option, day: thisDay };
        }
        for (const a of liveDays.filter((l) => l.proposed)) {
          for (const b of liveDays) if (a.day !== b.day) expect(Math.abs(a.day - b.day)).toBeGreaterThanOrEqual(28);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('every given dose is done, with its date (a done dose never becomes due again)', () => {
    fc.assert(
      fc.property(anyChild, fc.integer({ min: 0, max: 3000 }), ({ birthDate, given, on, conditions }, later) => {
        for (const when of [on, formatDay(day(on) + later)]) {
          const done = plan(birthDate, given, when, { conditions }).doses.filter((d) => d.status === 'done');
          expect(done.map((d) => `${d.vaccine}#${d.dose}@${d.status === 'done' && d.date}`).sort()).toEqual(given.map((g) => `${g.vaccine}#${g.dose}@${g.date}`).sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('giving a due dose on its earliest date is accepted and marks it done', () => {
    fc.assert(
      fc.property(anyChild, fc.nat(), ({ birthDate, given, on, conditions }, pick) => {
        // The next dose of its series: a later dose is due by age too, but only after the ones before it.
        const due = plan(birthDate, given, on, { conditions }).doses.filter(
          (d, i, all) => (d.status === 'due' || d.status === 'overdue') && (d.seriesDose === 1 || all[i - 1]!.status === 'done'),
        );
        fc.pre(due.length > 0);
        const d = due[pick % due.length]!;
        if (d.status !== 'due' && d.status !== 'overdue') throw new Error('unreachable');
        const after = plan(birthDate, [...given, { vaccine: d.vaccine, dose: d.dose, date: d.earliest }], d.earliest, { conditions }).doses;
        const same = after.find((x) => x.series === d.series && x.seriesDose === d.seriesDose && x.vaccine === d.vaccine);
        expect(same).toMatchObject({ status: 'done', date: d.earliest, dose: d.dose });
      }),
      { numRuns: 400 },
    );
  });

  it('statuses only move forward as the plan date moves on', () => {
    const rank = { not_yet_due: 0, due: 1, overdue: 2 } as const;
    fc.assert(
      fc.property(anyChild, fc.integer({ min: 1, max: 2000 }), ({ birthDate, given, on, conditions }, step) => {
        const earlier = plan(birthDate, given, on, { conditions }).doses;
        const later = plan(birthDate, given, formatDay(day(on) + step), { conditions }).doses;
        expect(later.map((d) => `${d.vaccine}#${d.dose}`)).toEqual(earlier.map((d) => `${d.vaccine}#${d.dose}`));
        earlier.forEach((a, i) => {
          const b = later[i]!;
          if (a.status === 'done' || a.status === 'not_to_give') expect(b.status).toBe(a.status);
          else if (b.status !== 'not_to_give') {
            expect(b.status).not.toBe('done');
            expect(rank[b.status as keyof typeof rank]).toBeGreaterThanOrEqual(rank[a.status]);
          }
        });
      }),
      { numRuns: 400 },
    );
  });
});
