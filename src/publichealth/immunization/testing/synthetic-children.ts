/**
 * Synthetic children with plausible dose histories, for the benchmark and property tests: each dose of the
 * followed series is given with some delay after its due age (sometimes very late, sometimes missed, which ends the
 * series there), never after the plan date. Histories always pass input validation.
 */
import { addDuration, dayFromParts, formatDay, type Day } from '../calendar.ts';
import { governingRule } from '../choose-version.ts';
import { createRandom } from '../../../core/demo/random.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import type { GivenDose } from '../types.ts';

/** A seeded generator's next(), so every run builds the same children. */
export const random = (seed: number): (() => number) => createRandom(seed).next;

export interface SyntheticChild {
  birthDate: string;
  given: GivenDose[];
  on: string;
}

const FIRST_BIRTH = dayFromParts(2015, 1, 1);
const LAST_BIRTH = dayFromParts(2026, 6, 30);

/** A child born 2015-2026 seen at an age up to 8 years (the plan date ≤ `latestOn`). */
export function syntheticChild(next: () => number, latestOn: Day = dayFromParts(2026, 11, 30)): SyntheticChild {
  const set = NIP_SCHEDULES;
  const birth = FIRST_BIRTH + Math.floor(next() * (LAST_BIRTH - FIRST_BIRTH));
  const on = Math.min(latestOn, birth + Math.floor(next() * 8 * 366));
  const diligence = next(); // how reliably this family keeps appointments
  const given: GivenDose[] = [];
  const numbers = new Map<string, number>();
  set.versions[0]!.series.forEach((s, si) => {
    const option = s.options.length > 1 && next() < 0.2 ? 1 : 0;
    let last: Day | undefined;
    for (let slot = 0; slot < s.options[option]!.doses.length; slot++) {
      const { rule, dueDay } = governingRule(set, birth, si, option, slot);
      if (next() > 0.5 + diligence / 2) break; // missed: the rest of the series is not given either
      const delay = next() < 0.8 ? Math.floor(next() * 30) : Math.floor(next() * 400);
      let day = dueDay + delay;
      if (last !== undefined) day = Math.max(day, rule.minInterval ? addDuration(last, rule.minInterval) : last + 1);
      if (day > on) break;
      const n = (numbers.get(rule.vaccine) ?? 0) + 1;
      numbers.set(rule.vaccine, n);
      given.push({ vaccine: rule.vaccine, dose: n, date: formatDay(day) });
      last = day;
    }
  });
  return { birthDate: formatDay(birth), given, on: formatDay(on) };
}
