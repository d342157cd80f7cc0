/**
 * What the coverage indicators need of each child, without the full plan: for every dose of the series alternatives
 * the child follows, the day the dose should be complete (应完成日) and the day it was given, if it was.
 *
 * This mirrors the engine exactly (dose-outcomes.test.ts checks it against `plan` on synthetic children):
 * - the day a dose should be complete is the day the engine starts calling it overdue — the timely limit of the
 *   table (`timelyBefore`, tightened by the child's conditions) or, for a dose without one, the version's
 *   `overdueAfter` grace after its due date; a given dose is timely when given before that day;
 * - the governing version of each dose comes from `governingRule` (birth date and place in the series only);
 * - given doses fill their series' alternative in date order; a child follows the first alternative (the live
 *   vaccine) unless it has a dose of another one.
 * About 1-2 µs a child instead of the plan's 30-70 µs: the indicators for a whole county stay well under a second.
 */
import { addDuration, dayFromParts, parseDay, type Day } from '../calendar.ts';
import { governingRule } from '../choose-version.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { scheduleForChild, type ScheduleSet } from '../schedules/load.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { GivenDose } from '../types.ts';

/** One row of the indicator tables: a dose of a series alternative (乙肝疫苗 第3剂, 乙脑减毒活疫苗 第1剂). */
export interface DoseRow {
  /** Stable key: the alternative's id and the dose number ('HepB-3', 'polio-3', 'JE-L-1', 'DTP-5'). */
  key: string;
  series: number;
  option: number;
  slot: number;
  /** '乙肝疫苗 第3剂' */
  name: string;
  /** Products that may be given for this dose across versions ('DT', 'DTaP' for DTP 5). */
  vaccines: string[];
}

/** Every dose row of a schedule set, in schedule order; alternatives with a longer variant get its extra doses. */
export function doseRows(set: ScheduleSet = NIP_SCHEDULES): DoseRow[] {
  const rows: DoseRow[] = [];
  set.versions[0]!.series.forEach((s, si) =>
    s.options.forEach((o, oi) => {
      const count = Math.max(o.doses.length, ...o.variants.map((v) => v.doses.length));
      for (let slot = 0; slot < count; slot++) {
        const vaccines = new Set<string>();
        for (const v of set.versions) {
          const option = v.series[si]!.options[oi]!;
          for (const doses of [option.doses, ...option.variants.map((x) => x.doses)]) {
            if (doses[slot]) vaccines.add(doses[slot]!.vaccine);
          }
        }
        rows.push({ key: `${o.id}-${slot + 1}`, series: si, option: oi, slot, name: `${o.name} 第${slot + 1}剂`, vaccines: [...vaccines] });
      }
    }),
  );
  return rows;
}

export interface ChildDoses {
  birthDate: string;
  given: readonly GivenDose[];
  conditions?: readonly ChildCondition[] | undefined;
}

const NO_CONDITIONS: readonly ChildCondition[] = [];

/** Called once per dose row the child follows: the row index, the day it should be complete, the day given. */
export type DoseVisitor = (row: number, completeDay: Day, givenDay: Day | undefined) => void;

/**
 * Walks a child's doses. One instance per schedule set: it caches the days doses should be complete by birth date
 * and conditions (a county's children share a few thousand birth dates).
 */
export class DoseOutcomes {
  readonly rows: DoseRow[];
  private readonly rowIndex: number[][][];
  /** By birth day for children without conditions (most), by birth day and conditions for the others. */
  private readonly completeDays = new Map<number, Int32Array[][]>();
  private readonly completeDaysWith = new Map<string, Int32Array[][]>();
  /** Each product's series alternative, as an index into the scratch buffer's alternatives. */
  private readonly slotOf: Map<string, number>;
  private readonly scratch: { given: Int32Array; count: Int32Array; base: Int32Array; width: number };

  constructor(private readonly set: ScheduleSet = NIP_SCHEDULES) {
    this.rows = doseRows(set);
    this.rowIndex = set.versions[0]!.series.map((s) => s.options.map(() => []));
    this.rows.forEach((r, i) => (this.rowIndex[r.series]![r.option]![r.slot] = i));
    const firstOption = set.versions[0]!.series.map((_, si, all) => all.slice(0, si).reduce((n, s) => n + s.options.length, 0));
    this.slotOf = new Map([...set.placeOf].map(([code, p]) => [code, firstOption[p.series]! + p.option]));
    const alternatives = firstOption.at(-1)! + set.versions[0]!.series.at(-1)!.options.length;
    const width = Math.max(...this.rowIndex.flatMap((options) => options.map((slots) => slots.length)));
    this.scratch = { given: new Int32Array(alternatives * width), count: new Int32Array(alternatives), base: Int32Array.from({ length: alternatives }, (_, i) => i * width), width };
  }

  /** The day each dose of each alternative should be complete, for a birth date and conditions. */
  completeDaysFor(birth: Day, conditions: readonly ChildCondition[]): Int32Array[][] {
    const key = conditions.length ? `${birth}|${[...conditions].sort().join(',')}` : undefined;
    let days = key === undefined ? this.completeDays.get(birth) : this.completeDaysWith.get(key);
    if (!days) {
      const set = scheduleForChild(this.set, conditions);
      days = set.versions[0]!.series.map((s, si) =>
        s.options.map((o, oi) => Int32Array.from(o.doses, (_, slot) => completeDay(birth, governingRule(set, birth, si, oi, slot)))),
      );
      if (key === undefined) this.completeDays.set(birth, days);
      else this.completeDaysWith.set(key, days);
    }
    return days;
  }

  /**
   * Visits every dose of the alternatives the child follows. Doses of unknown products are ignored. Not reentrant:
   * the visitor must not visit another child with the same instance.
   */
  visit(child: ChildDoses, visitor: DoseVisitor): void {
    const birth = dayOf(child.birthDate);
    if (birth === undefined) return;
    const days = this.completeDaysFor(birth, child.conditions ?? NO_CONDITIONS);
    // Given days by series alternative, kept sorted in a scratch buffer reused from child to child (no allocation).
    const { given, count, base, width } = this.scratch;
    count.fill(0);
    for (const g of child.given) {
      const place = this.slotOf.get(g.vaccine);
      const day = dayOf(g.date);
      if (place === undefined || day === undefined) continue;
      const n = count[place]!;
      if (n === width) continue; // more doses than the series holds: the engine refuses such records anyway
      const start = base[place]!;
      let i = start + n;
      for (; i > start && given[i - 1]! > day; i--) given[i] = given[i - 1]!;
      given[i] = day;
      count[place] = n + 1;
    }
    const series = this.set.versions[0]!.series;
    for (let si = 0, place = 0; si < series.length; place += series[si]!.options.length, si++) {
      // The first alternative (the live vaccine) unless the child has a dose of another one.
      let chosen = 0;
      for (let oi = 1; oi < series[si]!.options.length; oi++) {
        if (count[place + oi]! > 0) {
          chosen = oi;
          break;
        }
      }
      const complete = days[si]![chosen]!;
      const rows = this.rowIndex[si]![chosen]!;
      const from = base[place + chosen]!;
      const n = count[place + chosen]!;
      for (let slot = 0; slot < complete.length; slot++) visitor(rows[slot]!, complete[slot]!, slot < n ? given[from + slot] : undefined);
    }
  }
}

/**
 * A 'YYYY-MM-DD' date as a day number, read digit by digit (the indicators read a million dates); anything not in
 * that exact shape goes through the checking parser. No inner functions: tsx names every closure it creates, which
 * cost more than the parsing.
 */
export function dayOf(date: string): Day | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return parseDay(date);
  const m = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  const d = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
  if (m < 1 || m > 12 || d < 1 || d > 28) return parseDay(date); // month ends and nonsense: the full check
  const y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + date.charCodeAt(3) - 48;
  return dayFromParts(y, m, d);
}

/** The engine's overdue day of a dose (plan.ts `doseDays`): the timely limit, else the grace after the due date. */
function completeDay(birth: Day, g: ReturnType<typeof governingRule>): Day {
  return g.rule.timelyBefore ? addDuration(birth, g.rule.timelyBefore) : addDuration(g.dueDay, g.version.overdueAfter);
}

/** The National Immunization Program's outcomes, shared so its cache of birth dates is built once. */
export const NIP_OUTCOMES = new DoseOutcomes();
