/**
 * Which schedule version governs a dose (the rule also described in README.md):
 *
 * A dose follows the version in force on the day it falls due. Starting from the oldest loaded version (which also
 * stands in for older editions), a dose moves to the next version when its due date under the current version
 * (birth date + minimum age) is on or after the next version's effective date. A dose already due before a change
 * keeps the old timing even if it is given later (so its status never jumps back from due to not yet due); a dose
 * falling due after the change follows the new schedule, and is never due before the change's effective date.
 *
 * Example: born 2024-06-01 — DTaP 1 was due at 3 months (2024-09-01) under the 2021 edition and keeps that; the
 * 6-year dose falls due in 2030 and is DTaP under the 2025 change. Born 2024-10-15 — DTaP 1 would be due 2025-01-15
 * under 2021, after the change, so the 2025 schedule applies: 2 months is 2024-12-15, moved to 2025-01-01.
 *
 * The version depends only on the birth date and the dose's place in the series, not on when it is given or on the
 * plan date, so the same child's plan never changes version from one day to the next.
 */
import { addDuration, type Day } from './calendar.ts';
import type { DoseRule, ScheduleSet, ScheduleVersion } from './schedules/load.ts';

export interface GoverningRule {
  version: ScheduleVersion;
  rule: DoseRule;
  /** Birth + minimum age, not before the version's effective date (except the oldest version). */
  dueDay: Day;
}

export function governingRule(set: ScheduleSet, birth: Day, series: number, option: number, slot: number): GoverningRule {
  let version = set.versions[0]!;
  let rule = version.series[series]!.options[option]!.doses[slot]!;
  let dueDay = addDuration(birth, rule.minAge);
  for (let i = 1; i < set.versions.length; i++) {
    const next = set.versions[i]!;
    if (dueDay < next.effectiveDay) break;
    version = next;
    rule = next.series[series]!.options[option]!.doses[slot]!;
    dueDay = Math.max(addDuration(birth, rule.minAge), next.effectiveDay);
  }
  return { version, rule, dueDay };
}
