/**
 * 接种通知单 and 漏种名单: pure, from registered children and the engine's plan.
 *
 * - Due list (应种名单) for a vaccination day: each child's doses that are due or overdue on that day (the plan made
 *   on that day, so doses reaching their age by then are included) and that may be given that day (`earliest` ≤ the
 *   day: a dose held back by an interval or the 28-day live-vaccine rule waits for a later session; such doses are
 *   counted in `heldBack`). Children in village order, then oldest first.
 * - Overdue list (漏种名单) on a day: every overdue dose (past the day it should be complete — its timely limit, or one
 *   month after its due age), each with how many days late; children sorted by their latest dose, most late first.
 */
import { formatDay, parseDay } from '../calendar.ts';
import { NIP_OUTCOMES } from '../indicators/dose-outcomes.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import type { ImmunizationPlan, PlannedDose } from '../types.ts';
import { ageText, isProblem, planOn, type ListChild, type PlanProblem } from './child-plan.ts';

type MissingDose = Extract<PlannedDose, { status: 'due' | 'overdue' | 'not_yet_due' }>;

export interface ListedDose {
  vaccine: string;
  vaccineName: string;
  dose: number;
  series: string;
  seriesName: string;
  seriesDose: number;
  status: 'due' | 'overdue';
  /** The day the child reached the dose's minimum age. */
  dueDate: string;
  /** The first day it may be given, from the list's day. */
  earliest: string;
  note?: string | undefined;
}

export interface OverdueDose extends ListedDose {
  /** The day the dose became overdue (the day it should have been complete by). */
  overdueSince: string;
  daysOverdue: number;
}

export interface ListedChild {
  childId: number;
  name: string;
  birthDate: string;
  age: string;
  areaId: number;
  areaName: string;
  address: string;
  guardianName: string;
  guardianPhone: string | null;
}

export interface DueList {
  date: string;
  children: Array<ListedChild & { doses: ListedDose[] }>;
  /** Doses due or overdue on the day that must wait for a later day (interval, 28-day rule). */
  heldBack: number;
  problems: PlanProblem[];
}

export interface OverdueList {
  date: string;
  children: Array<ListedChild & { maxDaysOverdue: number; doses: OverdueDose[] }>;
  problems: PlanProblem[];
}

const isMissing = (d: PlannedDose): d is MissingDose & { status: 'due' | 'overdue' } => d.status === 'due' || d.status === 'overdue';

function listedDose(d: MissingDose & { status: 'due' | 'overdue' }): ListedDose {
  return {
    vaccine: d.vaccine,
    vaccineName: d.vaccineName,
    dose: d.dose,
    series: d.series,
    seriesName: d.seriesName,
    seriesDose: d.seriesDose,
    status: d.status,
    dueDate: d.dueDate,
    earliest: d.earliest,
    note: d.note,
  };
}

function listedChild(c: ListChild, on: string): ListedChild {
  return {
    childId: c.childId,
    name: c.name,
    birthDate: c.birthDate,
    age: ageText(c.birthDate, on),
    areaId: c.areaId,
    areaName: c.areaName,
    address: c.address,
    guardianName: c.guardianName,
    guardianPhone: c.guardianPhone,
  };
}

/** Plans every child on the day; records the engine refuses go to `problems`. */
function plans(children: Iterable<ListChild>, on: string, problems: PlanProblem[]): Array<[ListChild, ImmunizationPlan]> {
  const out: Array<[ListChild, ImmunizationPlan]> = [];
  for (const c of children) {
    if (c.birthDate > on) continue;
    const p = planOn(c, on);
    if (isProblem(p)) problems.push(p);
    else out.push([c, p]);
  }
  return out;
}

const byPlace = (a: ListedChild, b: ListedChild) => a.areaName.localeCompare(b.areaName, 'zh') || a.birthDate.localeCompare(b.birthDate) || a.childId - b.childId;

export function dueList(children: Iterable<ListChild>, date: string): DueList {
  const problems: PlanProblem[] = [];
  let heldBack = 0;
  const listed: DueList['children'] = [];
  for (const [child, p] of plans(children, date, problems)) {
    const doses: ListedDose[] = [];
    for (const d of p.doses) {
      if (!isMissing(d)) continue;
      if (d.earliest > date) heldBack++;
      else doses.push(listedDose(d));
    }
    if (doses.length) listed.push({ ...listedChild(child, date), doses });
  }
  return { date, children: listed.sort(byPlace), heldBack, problems };
}

const seriesIndex = new Map(NIP_SCHEDULES.versions[0]!.series.map((s, i) => [s.id, i]));

export function overdueList(children: Iterable<ListChild>, date: string): OverdueList {
  const problems: PlanProblem[] = [];
  const today = parseDay(date)!;
  const listed: OverdueList['children'] = [];
  for (const [child, p] of plans(children, date, problems)) {
    const completeDays = NIP_OUTCOMES.completeDaysFor(parseDay(child.birthDate)!, child.conditions);
    const doses: OverdueDose[] = [];
    for (const d of p.doses) {
      if (d.status !== 'overdue' || !isMissing(d)) continue;
      const since = completeDays[seriesIndex.get(d.series)!]![NIP_SCHEDULES.placeOf.get(d.vaccine)!.option]![d.seriesDose - 1]!;
      doses.push({ ...listedDose(d), overdueSince: formatDay(since), daysOverdue: today - since });
    }
    if (!doses.length) continue;
    doses.sort((a, b) => b.daysOverdue - a.daysOverdue);
    listed.push({ ...listedChild(child, date), maxDaysOverdue: doses[0]!.daysOverdue, doses });
  }
  listed.sort((a, b) => b.maxDaysOverdue - a.maxDaysOverdue || byPlace(a, b));
  return { date, children: listed, problems };
}

