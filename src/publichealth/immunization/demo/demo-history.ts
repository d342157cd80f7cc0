/**
 * A demo child's dose history, walked along the engine's plan: `plan(birth, [], birth)` places every dose of the
 * followed series on the earliest day the schedule allows (minimum ages, intervals, the 28-day live-vaccine rule, the
 * series a dose waits for), cached per birth date and conditions. The child attends visits — the doses planned for one
 * day are given together — each some days late (a few days mostly, weeks sometimes), and a family may drop a series
 * (missed: the rest of that series is never given).
 *
 * Delays keep the plan's constraints: a visit is at least as late as every earlier visit it depends on (the previous
 * dose of each of its series, the series it waits for, earlier live injectable vaccines), so every gap the plan kept
 * is kept or widened, while a visit with nothing behind it can be on time again after a late one.
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

interface Visit {
  day: Day;
  doses: { vaccine: string; dose: number; series: string }[];
  /** Indexes of earlier visits this one must not come before (their gap is a schedule constraint). */
  after: number[];
}

const LIVE_INJECTED = new Set([...NIP_SCHEDULES.vaccines.values()].filter((v) => v.live && v.route === 'injection').map((v) => v.code as string));
/** Series a dose of a series waits for (MPSV-AC after MPSV-A), from the schedule data. */
const WAITS_FOR = new Map(
  NIP_SCHEDULES.versions.flatMap((v) => v.series).map((s) => [s.id, new Set(s.options.flatMap((o) => o.doses.flatMap((d) => d.after.map((a) => a.series))))] as const),
);

const visitsCache = new Map<string, Visit[]>();

/** The plan's ideal visits from birth, grouped by day, with the earlier visits each one is tied to. */
function idealVisits(birthDate: string, conditions: readonly ChildCondition[]): Visit[] {
  const key = `${birthDate}|${conditions.join(',')}`;
  const cached = visitsCache.get(key);
  if (cached) return cached;
  const planned = plan(birthDate, [], birthDate, { conditions }).doses.flatMap((d) => (d.status === 'not_to_give' || d.status === 'done' ? [] : [{ day: parseDay(d.earliest)!, vaccine: d.vaccine as string, dose: d.dose, series: d.series }]));
  planned.sort((a, b) => a.day - b.day);
  const visits: Visit[] = [];
  for (const d of planned) {
    const last = visits.at(-1);
    if (last && last.day === d.day) last.doses.push(d);
    else visits.push({ day: d.day, doses: [d], after: [] });
  }
  visits.forEach((v, i) => {
    const series = new Set(v.doses.map((d) => d.series));
    const waits = new Set(v.doses.flatMap((d) => [...(WAITS_FOR.get(d.series) ?? [])]));
    const live = v.doses.some((d) => LIVE_INJECTED.has(d.vaccine));
    for (let j = 0; j < i; j++) {
      const earlier = visits[j]!.doses;
      if (earlier.some((d) => series.has(d.series) || waits.has(d.series) || (live && LIVE_INJECTED.has(d.vaccine)))) v.after.push(j);
    }
  });
  visitsCache.set(key, visits);
  return visits;
}

/** Doses given up to `until` (the as-of day, or the day the child moved away). */
export function doseHistory(random: Random, birthDate: string, conditions: readonly ChildCondition[], propensity: Propensity, until: string): GivenDose[] {
  const visits = idealVisits(birthDate, conditions);
  const last = parseDay(until)!;
  const delays: number[] = [];
  const dropped = new Set<string>();
  const given: GivenDose[] = [];
  visits.forEach((visit, i) => {
    // Birth doses are given at the delivery on the day of birth (HBsAg-positive mothers' babies always), a few the next day.
    const own = i === 0 ? (conditions.includes('mother_hbsag_positive') || random.chance(0.92) ? 0 : 1) : random.chance(propensity.onTime) ? random.int(0, 6) : random.int(15, 75);
    const delay = visit.after.reduce((m, j) => Math.max(m, delays[j]!), own);
    delays.push(delay);
    const day = visit.day + delay;
    if (day > last) return;
    for (const d of visit.doses) {
      if (dropped.has(d.series)) continue;
      if (i > 0 && random.chance(propensity.drop)) {
        dropped.add(d.series);
        continue;
      }
      given.push({ vaccine: d.vaccine, dose: d.dose, date: formatDay(day) });
    }
  });
  return given;
}
