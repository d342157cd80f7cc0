/**
 * The immunization plan of one child on one day: for every dose of every series, done (and whether timely), due,
 * overdue, not yet due, or not to give, with the earliest date each missing dose may be given.
 *
 * Rules (see README.md for the choices made where the reference is silent):
 * - Never restart a series: given doses fill the series' doses in date order; only the missing ones are planned.
 * - Alternatives (JE-L / JE-I, HepA-L / HepA-I): the default (live) series unless the child already has a dose of
 *   the other one; the doses of the series not followed are not to give.
 * - Missing doses are placed one at a time, earliest first, each no earlier than the plan date, its minimum age,
 *   the previous dose of its series plus the interval, the other series it waits for, and ≥28 days from every
 *   other live injectable vaccine given or planned on another day (same day is allowed).
 * - due from the due date (minimum age); overdue from the timely limit, or for doses without one, from the
 *   version's `overdueAfter` grace after the due date. A done dose is timely when given before that same day.
 */
import { addDuration, formatDay, formatDuration, type Day } from './calendar.ts';
import { governingRule } from './choose-version.ts';
import { NIP_SCHEDULES } from './schedules/index.ts';
import type { ScheduleSet } from './schedules/load.ts';
import type { VaccineCode } from './schedules/schema.ts';
import type { GivenDose, ImmunizationPlan, NotToGiveReason, PlannedDose } from './types.ts';
import { validateInput, type CheckedDose } from './validate-input.ts';

export interface PlanOptions {
  /** Schedules to plan with; the National Immunization Program by default. */
  schedules?: ScheduleSet;
}

const LIVE_GAP_DAYS = 28;

/** Doses of one series not given yet, in order, for the series' chosen alternative. */
interface PendingSeries {
  series: number;
  option: number;
  slots: number[];
}

export function plan(birthDate: string, given: readonly GivenDose[], on: string, options: PlanOptions = {}): ImmunizationPlan {
  const set = options.schedules ?? NIP_SCHEDULES;
  const { birth, today, doses } = validateInput(set, birthDate, given, on);
  const seriesList = set.versions[0]!.series;
  const isLiveInjectable = (code: VaccineCode) => {
    const v = set.vaccines.get(code)!;
    return v.live && v.route === 'injection';
  };

  // Given doses by series and alternative, in date order.
  const givenIn = seriesList.map((s) => s.options.map((): CheckedDose[] => []));
  for (const d of [...doses].sort((a, b) => a.day - b.day || a.index - b.index)) {
    const place = set.placeOf.get(d.vaccine)!;
    givenIn[place.series]![place.option]!.push(d);
  }

  /** Last dose (given or planned) of each series, for intervals. */
  const lastDay: (Day | undefined)[] = seriesList.map(() => undefined);
  /** Days of live injectable vaccines given or planned, for the 28-day rule. */
  const liveDays: Day[] = [];
  /** Next dose number per product. */
  const nextNumber = new Map<VaccineCode, number>();
  for (const d of doses) nextNumber.set(d.vaccine, Math.max(nextNumber.get(d.vaccine) ?? 0, d.dose));
  const takeNumber = (code: VaccineCode) => {
    const n = (nextNumber.get(code) ?? 0) + 1;
    nextNumber.set(code, n);
    return n;
  };

  const pending: PendingSeries[] = [];
  /** The plan of every dose, by series, alternative and place in the series. */
  const placed: PlannedDose[][][] = seriesList.map((s) => s.options.map(() => []));
  // The default alternative unless the child already has a dose of another one.
  const chosenOf = seriesList.map((s, si) => Math.max(0, s.options.findIndex((_, oi) => oi > 0 && givenIn[si]![oi]!.length > 0)));

  seriesList.forEach((s, si) => {
    const chosen = chosenOf[si]!;
    s.options.forEach((o, oi) => {
      const list = givenIn[si]![oi]!;
      o.doses.forEach((_, slot) => {
        const { version, rule, dueDay } = governingRule(set, birth, si, oi, slot);
        const base = { series: s.id, seriesName: s.name, seriesDose: slot + 1, schedule: version.id };
        const g = list[slot];
        if (g) {
          const limit = rule.timelyBefore ? addDuration(birth, rule.timelyBefore) : addDuration(dueDay, version.overdueAfter);
          placed[si]![oi]![slot] = { ...base, ...product(set, g.vaccine, g.dose), status: 'done', date: formatDay(g.day), timely: g.day < limit };
          if (isLiveInjectable(g.vaccine)) liveDays.push(g.day);
          if (lastDay[si] === undefined || g.day > lastDay[si]!) lastDay[si] = g.day;
        } else if (oi !== chosen) {
          placed[si]![oi]![slot] = {
            ...base,
            ...product(set, rule.vaccine, takeNumber(rule.vaccine)),
            status: 'not_to_give',
            reason: 'replaced',
            message: `已改用${s.options[chosen]!.name}（${s.options[chosen]!.id}），按该疫苗程序完成，不再接种${o.name}`,
          };
        }
      });
      if (oi === chosen && list.length < o.doses.length) pending.push({ series: si, option: oi, slots: o.doses.map((_, i) => i).slice(list.length) });
    });
  });

  /** Earliest day ≥ start keeping 28 days from every other-day live injectable dose. */
  const liveAdjusted = (start: Day): Day => {
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
  };

  const waitsFor = (p: PendingSeries) => {
    const rule = governingRule(set, birth, p.series, p.option, p.slots[0]!).rule;
    return rule.after.some((a) => pending.some((q) => q.slots.length > 0 && seriesList[q.series]!.id === a.series));
  };

  // Place the missing doses one at a time, the earliest first, so the 28-day rule sees the doses planned before.
  for (;;) {
    let best: { p: PendingSeries; day: Day; blocked?: NotToGiveReason; message?: string } | undefined;
    for (const p of pending) {
      if (p.slots.length === 0 || waitsFor(p)) continue;
      const c = candidate(p);
      if (!best || (c.blocked && !best.blocked) || (!c.blocked === !best.blocked && c.day < best.day)) best = { p, ...c };
    }
    if (!best) break;
    const { p } = best;
    const slot = p.slots.shift()!;
    const s = seriesList[p.series]!;
    const { version, rule, dueDay } = governingRule(set, birth, p.series, p.option, slot);
    const base = { series: s.id, seriesName: s.name, seriesDose: slot + 1, schedule: version.id, ...product(set, rule.vaccine, takeNumber(rule.vaccine)) };
    if (best.blocked) {
      placed[p.series]![p.option]![slot] = { ...base, status: 'not_to_give', reason: best.blocked, message: best.message! };
      for (const rest of p.slots.splice(0)) {
        const r = governingRule(set, birth, p.series, p.option, rest);
        placed[p.series]![p.option]![rest] = {
          series: s.id,
          seriesName: s.name,
          seriesDose: rest + 1,
          schedule: r.version.id,
          ...product(set, r.rule.vaccine, takeNumber(r.rule.vaccine)),
          status: 'not_to_give',
          reason: 'previous_not_given',
          message: `第${slot + 1}剂已不能接种，后续剂次不再接种`,
        };
      }
      continue;
    }
    const overdueFrom = rule.timelyBefore ? addDuration(birth, rule.timelyBefore) : addDuration(dueDay, version.overdueAfter);
    const status = today < dueDay ? 'not_yet_due' : today >= overdueFrom ? 'overdue' : 'due';
    const note = rule.testFrom && best.day >= addDuration(birth, rule.testFrom.age) ? { note: rule.testFrom.note } : {};
    placed[p.series]![p.option]![slot] = { ...base, status, dueDate: formatDay(dueDay), earliest: formatDay(best.day), ...note };
    lastDay[p.series] = best.day;
    if (isLiveInjectable(rule.vaccine)) liveDays.push(best.day);
  }

  function candidate(p: PendingSeries): { day: Day; blocked?: NotToGiveReason; message?: string } {
    const { version, rule, dueDay } = governingRule(set, birth, p.series, p.option, p.slots[0]!);
    let day = Math.max(today, dueDay);
    const previous = lastDay[p.series];
    if (previous !== undefined && rule.minInterval) day = Math.max(day, addDuration(previous, rule.minInterval));
    for (const a of rule.after) {
      const other = lastDay[seriesList.findIndex((x) => x.id === a.series)];
      if (other !== undefined) day = Math.max(day, addDuration(other, a.interval));
    }
    if (isLiveInjectable(rule.vaccine)) day = liveAdjusted(day);
    const catchUpEnd = addDuration(birth, version.catchUpBefore);
    const ageEnd = rule.maxAge ? addDuration(birth, rule.maxAge) : undefined;
    if (ageEnd !== undefined && ageEnd <= catchUpEnd && day >= ageEnd) {
      const instead = rule.instead ? `；改种${set.vaccines.get(rule.instead)!.name}（${rule.instead}）` : '';
      return { day, blocked: 'age_limit', message: `满${formatDuration(rule.maxAge!)}后不再接种${set.vaccines.get(rule.vaccine)!.name}${instead}` };
    }
    if (day >= catchUpEnd) return { day, blocked: 'catch_up_limit', message: `满${formatDuration(version.catchUpBefore)}后不再补种` };
    return { day };
  }

  // Series in schedule order, the alternative followed first.
  const ordered = placed.flatMap((options, si) => [options[chosenOf[si]!]!, ...options.filter((_, oi) => oi !== chosenOf[si])].flat());
  return { birthDate, on, doses: ordered };
}

function product(set: ScheduleSet, code: VaccineCode, dose: number) {
  return { vaccine: code, vaccineName: set.vaccines.get(code)!.name, dose };
}
