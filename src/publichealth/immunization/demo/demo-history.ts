/**
 * A demo child's dose history, walked along the engine's plan: `plan(birth, [], birth)` places every dose of the
 * followed series on the earliest day the schedule allows (minimum ages, intervals, the 28-day live-vaccine rule, the
 * series a dose waits for), cached per birth date and conditions. The child attends visits — the doses planned for one
 * day are given together — each some days late (a few days mostly, weeks sometimes), and a family may drop a series
 * (missed: the rest of that series is never given).
 *
 * Delays keep the plan's constraints: a dose is at least as late as every earlier dose it is tied to (the previous
 * dose of its series, the series it waits for, earlier live injectable vaccines; those of one day stay together), so
 * every gap the plan kept is kept or widened, while a dose with nothing late behind it is on time again after a late
 * visit for another vaccine.
 */
import { formatDay, parseDay, type Day } from '../calendar.ts';
import { plan } from '../plan.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { GivenDose } from '../types.ts';
import type { Random } from '../../../core/demo/random.ts';

/** How a village's families keep appointments. */
export interface Propensity {
  /** Chance, at each dose, that the family drops the rest of the series (missed). */
  drop: number;
  /** Chance a visit is within a few days of the planned day; otherwise weeks late. */
  onTime: number;
}

interface PlannedDose {
  vaccine: string;
  dose: number;
  series: string;
  live: boolean;
  /** Indexes (in the visit list's dose order) of earlier doses this one must not come before. */
  after: number[];
}

interface Visit {
  day: Day;
  /** Indexes of its doses in the flat dose list. */
  doses: number[];
}

interface IdealPlan {
  visits: Visit[];
  doses: PlannedDose[];
}

const LIVE_INJECTED: ReadonlySet<string> = new Set([...NIP_SCHEDULES.vaccines.values()].filter((v) => v.live && v.route === 'injection').map((v) => v.code as string));
/** Series a dose of a series waits for (MPSV-AC after MPSV-A), from the schedule data. */
const WAITS_FOR = new Map(
  NIP_SCHEDULES.versions.flatMap((v) => v.series).map((s) => [s.id, new Set(s.options.flatMap((o) => o.doses.flatMap((d) => d.after.map((a) => a.series))))] as const),
);

const plans = new Map<string, IdealPlan>();

/** The plan's doses from birth grouped into visits by day, each dose with the earlier doses it is tied to. */
function idealPlan(birthDate: string, conditions: readonly ChildCondition[]): IdealPlan {
  const key = `${birthDate}|${conditions.join(',')}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const planned = plan(birthDate, [], birthDate, { conditions }).doses.flatMap((d) => (d.status === 'not_to_give' || d.status === 'done' ? [] : [{ day: parseDay(d.earliest)!, vaccine: d.vaccine as string, dose: d.dose, series: d.series }]));
  planned.sort((a, b) => a.day - b.day);
  const doses: PlannedDose[] = [];
  const visits: Visit[] = [];
  for (const d of planned) {
    const waits = WAITS_FOR.get(d.series) ?? new Set<string>();
    const live = LIVE_INJECTED.has(d.vaccine);
    const after = doses.flatMap((e, i) => (e.series === d.series || waits.has(e.series) || (live && e.live) ? [i] : []));
    doses.push({ vaccine: d.vaccine, dose: d.dose, series: d.series, live, after });
    const last = visits.at(-1);
    if (last && last.day === d.day) last.doses.push(doses.length - 1);
    else visits.push({ day: d.day, doses: [doses.length - 1] });
  }
  const result = { visits, doses };
  plans.set(key, result);
  return result;
}

/** Doses given up to `until` (the as-of day, or the day the child moved away). */
export function doseHistory(random: Random, birthDate: string, conditions: readonly ChildCondition[], propensity: Propensity, until: string): GivenDose[] {
  const { visits, doses } = idealPlan(birthDate, conditions);
  const last = parseDay(until)!;
  const delays: number[] = new Array(doses.length).fill(0);
  const dropped = new Set<string>();
  const given: Array<GivenDose & { day: Day }> = [];
  visits.forEach((visit, v) => {
    // Birth doses are given at the delivery on the day of birth (HBsAg-positive mothers' babies always), a few the next day.
    const own = v === 0 ? (conditions.includes('mother_hbsag_positive') || random.chance(0.92) ? 0 : 1) : random.chance(propensity.onTime) ? random.int(0, 6) : random.int(15, 75);
    for (const i of visit.doses) delays[i] = doses[i]!.after.reduce((m, j) => Math.max(m, delays[j]!), own);
    // Live injectable vaccines planned for the same day stay together (the same day is allowed, 1-27 days apart is not).
    const live = visit.doses.filter((i) => doses[i]!.live);
    const together = live.reduce((m, i) => Math.max(m, delays[i]!), 0);
    for (const i of live) delays[i] = together;
    for (const i of visit.doses) {
      const d = doses[i]!;
      if (dropped.has(d.series)) continue;
      if (v > 0 && random.chance(propensity.drop)) {
        dropped.add(d.series);
        continue;
      }
      const day = visit.day + delays[i]!;
      if (day <= last) given.push({ vaccine: d.vaccine, dose: d.dose, date: formatDay(day), day });
    }
  });
  return given.sort((a, b) => a.day - b.day).map(({ vaccine, dose, date }) => ({ vaccine, dose, date }));
}
