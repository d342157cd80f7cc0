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
import { addDuration, parseDay, type Day } from '../calendar.ts';
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

/** Called once per dose row the child follows: the row index, the day it should be complete, the day given. */
export type DoseVisitor = (row: number, completeDay: Day, givenDay: Day | undefined) => void;

/**
 * Walks a child's doses. One instance per schedule set: it caches the days doses should be complete by birth date
 * and conditions (a county's children share a few thousand birth dates).
 */
export class DoseOutcomes {
  readonly rows: DoseRow[];
  private readonly rowIndex: number[][][];
  private readonly completeDays = new Map<string, Int32Array[][]>();

  constructor(private readonly set: ScheduleSet = NIP_SCHEDULES) {
    this.rows = doseRows(set);
    this.rowIndex = set.versions[0]!.series.map((s) => s.options.map(() => []));
    this.rows.forEach((r, i) => (this.rowIndex[r.series]![r.option]![r.slot] = i));
  }

  /** The day each dose of each alternative should be complete, for a birth date and conditions. */
  completeDaysFor(birth: Day, conditions: readonly ChildCondition[]): Int32Array[][] {
    const key = conditions.length ? `${birth}|${[...conditions].sort().join(',')}` : String(birth);
    let days = this.completeDays.get(key);
    if (!days) {
      const set = scheduleForChild(this.set, conditions);
      days = set.versions[0]!.series.map((s, si) =>
        s.options.map((o, oi) => Int32Array.from(o.doses, (_, slot) => completeDay(birth, governingRule(set, birth, si, oi, slot)))),
      );
      this.completeDays.set(key, days);
    }
    return days;
  }

  /** Visits every dose of the alternatives the child follows. Doses of unknown products are ignored. */
  visit(child: ChildDoses, visitor: DoseVisitor): void {
    const birth = parseDay(child.birthDate);
    if (birth === undefined) return;
    const days = this.completeDaysFor(birth, child.conditions ?? []);
    const series = this.set.versions[0]!.series;
    // Given days by series and alternative; a few doses per series, so insertion into place keeps them sorted.
    const givenIn: Day[][][] = series.map((s) => s.options.map(() => []));
    for (const g of child.given) {
      const place = this.set.placeOf.get(g.vaccine as never);
      const day = parseDay(g.date);
      if (!place || day === undefined) continue;
      const list = givenIn[place.series]![place.option]!;
      let i = list.length;
      while (i > 0 && list[i - 1]! > day) i--;
      list.splice(i, 0, day);
    }
    for (let si = 0; si < series.length; si++) {
      const options = givenIn[si]!;
      let chosen = 0;
      for (let oi = 1; oi < options.length; oi++) {
        if (options[oi]!.length > 0) {
          chosen = oi;
          break;
        }
      }
      const given = options[chosen]!;
      const complete = days[si]![chosen]!;
      const rows = this.rowIndex[si]![chosen]!;
      for (let slot = 0; slot < complete.length; slot++) visitor(rows[slot]!, complete[slot]!, given[slot]);
    }
  }
}

/** The engine's overdue day of a dose (plan.ts `doseDays`): the timely limit, else the grace after the due date. */
function completeDay(birth: Day, g: ReturnType<typeof governingRule>): Day {
  return g.rule.timelyBefore ? addDuration(birth, g.rule.timelyBefore) : addDuration(g.dueDay, g.version.overdueAfter);
}

/** The National Immunization Program's outcomes, shared so its cache of birth dates is built once. */
export const NIP_OUTCOMES = new DoseOutcomes();
