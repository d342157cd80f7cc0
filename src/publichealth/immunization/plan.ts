/**
 * The immunization plan of one child on one day: for every dose of every series, done (and whether timely), due,
 * overdue, not yet due, or not to give, with the earliest date each missing dose may be given.
 *
 * Rules (see README.md for the choices made where the reference is silent):
 * - Never restart a series: given doses fill the series' doses in date order; only the missing ones are planned.
 * - Alternatives (JE-L / JE-I, HepA-L / HepA-I): the default (live) series unless the child already has a dose of
 *   another one; the missing doses of the series not followed are not to give.
 * - Missing doses are placed one at a time, earliest first, each no earlier than the plan date, its minimum age,
 *   the previous dose of its series plus the interval, the other series it waits for, and ≥28 days from every
 *   other live injectable vaccine given or planned on another day (the same day is allowed).
 * - Status of a missing dose: not yet due before its due date (minimum age), overdue from its timely limit (or, for
 *   doses without one, the version's `overdueAfter` grace after the due date), due in between; not to give when it
 *   cannot be given before its age limit or the catch-up limit. A done dose is timely when given before that limit.
 */
import { addDuration, formatDay, formatDuration, type Day } from './calendar.ts';
import { governingRule, type GoverningRule } from './choose-version.ts';
import { NIP_SCHEDULES } from './schedules/index.ts';
import { scheduleForChild, type ScheduleSet, type Series } from './schedules/load.ts';
import type { ChildCondition, VaccineCode } from './schedules/schema.ts';
import type { GivenDose, ImmunizationPlan, NotToGiveReason, PlannedDose, PlannedDoseBase } from './types.ts';
import { validateInput, type CheckedDose } from './validate-input.ts';

export interface PlanOptions {
  /** Schedules to plan with; the National Immunization Program by default. */
  schedules?: ScheduleSet;
  /** What is known about the child that changes its schedule (mother HBsAg-positive, birth weight under 2000 g). */
  conditions?: readonly ChildCondition[];
}

const LIVE_GAP_DAYS = 28;

interface Context {
  set: ScheduleSet;
  birth: Day;
  today: Day;
  series: Series[];
  /** Governing rule of every dose and its limits as days, by series, alternative and place in the series. */
  rules: DoseDays[][][];
  /** Last dose (given or planned) of each series, for intervals. */
  lastDay: (Day | undefined)[];
  /** Days of live injectable vaccines given or planned, for the 28-day rule. */
  liveDays: Day[];
  /** Highest dose number per product so far. */
  numbers: Map<VaccineCode, number>;
  placed: PlannedDose[][][];
}

interface DoseDays extends GoverningRule {
  /** Overdue from this day; a done dose is timely when given before it. */
  overdueFrom: Day;
  /** Not given from this day: its own age limit, or the catch-up limit if that comes first. */
  endDay: Day;
  endReason: 'age_limit' | 'catch_up_limit';
}

/** The followed alternative of a series and its doses still to place. */
interface Pending {
  series: number;
  option: number;
  next: number;
  count: number;
  /** Index of the series the next dose waits for (MPSV-AC after MPSV-A), resolved once. */
  after: number[][];
}

interface Candidate {
  day: Day;
  blocked?: NotToGiveReason;
  message?: string;
}

export function plan(birthDate: string, given: readonly GivenDose[], on: string, options: PlanOptions = {}): ImmunizationPlan {
  const set = scheduleForChild(options.schedules ?? NIP_SCHEDULES, options.conditions ?? []);
  const { birth, today, doses } = validateInput(set, birthDate, given, on);
  const series = set.versions[0]!.series;
  const cx: Context = {
    set,
    birth,
    today,
    series,
    rules: series.map((s, si) => s.options.map((o, oi) => o.doses.map((_, slot) => doseDays(birth, governingRule(set, birth, si, oi, slot))))),
    lastDay: series.map(() => undefined),
    liveDays: [],
    numbers: new Map(),
    placed: series.map((s) => s.options.map(() => [])),
  };

  // Given doses by series and alternative, in date order.
  const givenIn: CheckedDose[][][] = series.map((s) => s.options.map(() => []));
  for (const d of doses.sort(byDay)) {
    const place = set.placeOf.get(d.vaccine)!;
    givenIn[place.series]![place.option]!.push(d);
    if (d.dose > (cx.numbers.get(d.vaccine) ?? 0)) cx.numbers.set(d.vaccine, d.dose);
  }
  // The default alternative unless the child already has a dose of another one.
  const chosen = givenIn.map((options) => Math.max(0, options.findIndex((list, oi) => oi > 0 && list.length > 0)));

  const pending: Pending[] = [];
  for (let si = 0; si < series.length; si++) {
    for (let oi = 0; oi < series[si]!.options.length; oi++) {
      const list = givenIn[si]![oi]!;
      for (let slot = 0; slot < list.length; slot++) placeGiven(cx, si, oi, slot, list[slot]!);
      const count = series[si]!.options[oi]!.doses.length;
      if (oi === chosen[si]) {
        if (list.length < count) pending.push({ series: si, option: oi, next: list.length, count, after: afterIndexes(cx, si, oi) });
      } else {
        const to = series[si]!.options[chosen[si]!]!;
        for (let slot = list.length; slot < count; slot++) {
          placeNotToGive(cx, si, oi, slot, 'replaced', `已改用${to.name}（${to.id}），按该疫苗程序完成，不再接种${series[si]!.options[oi]!.name}`);
        }
      }
    }
  }

  // Place the missing doses one at a time, the earliest first, so the 28-day rule sees the doses planned before.
  for (;;) {
    let best: Pending | undefined;
    let bestCandidate: Candidate | undefined;
    for (const p of pending) {
      if (p.next >= p.count || waiting(p, pending)) continue;
      const c = candidate(cx, p);
      // Doses that can no longer be given go first (they add no day to keep apart from), then the earliest.
      if (!bestCandidate || (c.blocked ? !bestCandidate.blocked : !bestCandidate.blocked && c.day < bestCandidate.day)) {
        best = p;
        bestCandidate = c;
      }
    }
    if (!best || !bestCandidate) break;
    placeMissing(cx, best, bestCandidate);
  }

  // Series in schedule order, the followed alternative first.
  const ordered = cx.placed.flatMap((options, si) => [options[chosen[si]!]!, ...options.filter((_, oi) => oi !== chosen[si])].flat());
  return { birthDate, on, doses: ordered };
}

const byDay = (a: CheckedDose, b: CheckedDose) => a.day - b.day || a.index - b.index;

function nextNumber(cx: Context, code: VaccineCode): number {
  const n = (cx.numbers.get(code) ?? 0) + 1;
  cx.numbers.set(code, n);
  return n;
}

function isLiveInjectable(cx: Context, code: VaccineCode): boolean {
  const v = cx.set.vaccines.get(code)!;
  return v.live && v.route === 'injection';
}

/**
 * A planned dose of the given status with the fields every planned dose has; the caller sets the status' own
 * fields right away. (Built in place rather than by object spread, which cost a third of the planning time.)
 */
function entry<S extends PlannedDose['status']>(cx: Context, si: number, oi: number, slot: number, vaccine: VaccineCode, dose: number, status: S) {
  const s = cx.series[si]!;
  const base: PlannedDoseBase & { status: S } = {
    series: s.id,
    seriesName: s.name,
    seriesDose: slot + 1,
    vaccine,
    vaccineName: cx.set.vaccines.get(vaccine)!.name,
    dose,
    schedule: cx.rules[si]![oi]![slot]!.version.id,
    status,
  };
  return base as Extract<PlannedDose, { status: S }>;
}

function doseDays(birth: Day, g: GoverningRule): DoseDays {
  const { version, rule, dueDay } = g;
  const overdueFrom = rule.timelyBefore ? addDuration(birth, rule.timelyBefore) : addDuration(dueDay, version.overdueAfter);
  const catchUpEnd = addDuration(birth, version.catchUpBefore);
  const ageEnd = rule.maxAge ? addDuration(birth, rule.maxAge) : undefined;
  const byAge = ageEnd !== undefined && ageEnd <= catchUpEnd;
  return { version, rule, dueDay, overdueFrom, endDay: byAge ? ageEnd : catchUpEnd, endReason: byAge ? 'age_limit' : 'catch_up_limit' };
}

function placeGiven(cx: Context, si: number, oi: number, slot: number, g: CheckedDose): void {
  const limit = cx.rules[si]![oi]![slot]!.overdueFrom;
  const done = entry(cx, si, oi, slot, g.vaccine, g.dose, 'done');
  done.date = formatDay(g.day);
  done.timely = g.day < limit;
  cx.placed[si]![oi]![slot] = done;
  if (isLiveInjectable(cx, g.vaccine)) cx.liveDays.push(g.day);
  const last = cx.lastDay[si];
  if (last === undefined || g.day > last) cx.lastDay[si] = g.day;
}

function placeNotToGive(cx: Context, si: number, oi: number, slot: number, reason: NotToGiveReason, message: string): void {
  const code = cx.rules[si]![oi]![slot]!.rule.vaccine;
  const skipped = entry(cx, si, oi, slot, code, nextNumber(cx, code), 'not_to_give');
  skipped.reason = reason;
  skipped.message = message;
  cx.placed[si]![oi]![slot] = skipped;
}

function placeMissing(cx: Context, p: Pending, c: Candidate): void {
  const slot = p.next++;
  const g = cx.rules[p.series]![p.option]![slot]!;
  if (c.blocked) {
    placeNotToGive(cx, p.series, p.option, slot, c.blocked, c.message!);
    // Never restart a series: once a dose cannot be given, the ones after it cannot either.
    for (; p.next < p.count; p.next++) placeNotToGive(cx, p.series, p.option, p.next, 'previous_not_given', `第${slot + 1}剂已不能接种，后续剂次不再接种`);
    return;
  }
  const status = cx.today < g.dueDay ? 'not_yet_due' : cx.today >= g.overdueFrom ? 'overdue' : 'due';
  const planned = entry(cx, p.series, p.option, slot, g.rule.vaccine, nextNumber(cx, g.rule.vaccine), status);
  planned.dueDate = formatDay(g.dueDay);
  planned.earliest = formatDay(c.day);
  const test = g.rule.testFrom;
  const testNote = test && c.day >= addDuration(cx.birth, test.age) ? test.note : undefined;
  if (g.rule.note || testNote) planned.note = g.rule.note && testNote ? `${g.rule.note}；${testNote}` : (g.rule.note ?? testNote);
  cx.placed[p.series]![p.option]![slot] = planned;
  cx.lastDay[p.series] = c.day;
  if (isLiveInjectable(cx, g.rule.vaccine)) cx.liveDays.push(c.day);
}

/** Series indexes each dose of the alternative waits for. */
function afterIndexes(cx: Context, si: number, oi: number): number[][] {
  return cx.rules[si]![oi]!.map((g) => g.rule.after.map((a) => cx.series.findIndex((s) => s.id === a.series)));
}

/** True while a series the next dose waits for still has doses to place. */
function waiting(p: Pending, pending: Pending[]): boolean {
  for (const other of p.after[p.next]!) {
    for (const q of pending) if (q.series === other && q.next < q.count) return true;
  }
  return false;
}

function candidate(cx: Context, p: Pending): Candidate {
  const { version, rule, dueDay, endDay, endReason } = cx.rules[p.series]![p.option]![p.next]!;
  let day = Math.max(cx.today, dueDay);
  const previous = cx.lastDay[p.series];
  if (previous !== undefined && rule.minInterval) day = Math.max(day, addDuration(previous, rule.minInterval));
  rule.after.forEach((a, i) => {
    const other = cx.lastDay[p.after[p.next]![i]!];
    if (other !== undefined) day = Math.max(day, addDuration(other, a.interval));
  });
  if (isLiveInjectable(cx, rule.vaccine)) day = liveAdjusted(cx.liveDays, day);
  if (day < endDay) return { day };
  if (endReason === 'catch_up_limit') return { day, blocked: endReason, message: `满${formatDuration(version.catchUpBefore)}后不再补种` };
  const name = (code: VaccineCode) => cx.set.vaccines.get(code)!.name;
  const instead = rule.instead ? `；改种${name(rule.instead)}（${rule.instead}）` : '';
  return { day, blocked: endReason, message: `满${formatDuration(rule.maxAge!)}后不再接种${name(rule.vaccine)}${instead}` };
}

/** The first day from `start` that is the same day as, or ≥28 days from, every live injectable dose so far. */
function liveAdjusted(liveDays: Day[], start: Day): Day {
  let day = start;
  for (let moved = true; moved; ) {
    moved = false;
    for (const l of liveDays) {
      if (l !== day && Math.abs(l - day) < LIVE_GAP_DAYS) {
        day = Math.max(day, l + LIVE_GAP_DAYS);
        moved = true;
      }
    }
  }
  return day;
}
