/**
 * A registered child as the lists see it, and its plan on a given day: the engine's plan from the doses given up to
 * that day (a list for a past day ignores doses given since). A record the engine refuses (a dose twice, a skipped
 * dose number...) yields its problem instead of failing the whole list.
 */
import { dayFromParts, parseDay } from '../calendar.ts';
import { plan } from '../plan.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { GivenDose, ImmunizationPlan } from '../types.ts';
import { PlanInputError } from '../validate-input.ts';

export interface ListChild {
  childId: number;
  name: string;
  idNumber: string | null;
  birthDate: string;
  given: readonly GivenDose[];
  conditions: readonly ChildCondition[];
  areaId: number;
  areaName: string;
  guardianName: string;
  guardianPhone: string | null;
  address: string;
}

/** Children whose records the engine could not plan, and why, so a clerk can correct them. */
export interface PlanProblem {
  childId: number;
  name: string;
  areaName: string;
  message: string;
}

export function planOn(child: ListChild, on: string): ImmunizationPlan | PlanProblem {
  try {
    return plan(
      child.birthDate,
      child.given.filter((g) => g.date <= on),
      on,
      { conditions: child.conditions },
    );
  } catch (e) {
    if (!(e instanceof PlanInputError)) throw e;
    return { childId: child.childId, name: child.name, areaName: child.areaName, message: `接种记录有误，无法排程：${e.message.replaceAll('\n', '；')}` };
  }
}

export const isProblem = (p: ImmunizationPlan | PlanProblem): p is PlanProblem => 'message' in p;

/** 月龄 as a clerk writes it on a list: '3岁2月', '8月龄', '12天'. */
export function ageText(birthDate: string, on: string): string {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let months = (oy - by) * 12 + (om - bm) - (od < bd ? 1 : 0);
  if (months < 1) return `${parseDay(on)! - dayFromParts(by, bm, bd)}天`;
  const years = Math.floor(months / 12);
  months -= years * 12;
  return years ? `${years}岁${months ? `${months}月` : ''}` : `${months}月龄`;
}
