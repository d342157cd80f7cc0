import type { VaccineCode } from './schedules/schema.ts';

/** A dose already given, as recorded: the product, its dose number for that product, the date given. */
export interface GivenDose {
  vaccine: string;
  dose: number;
  date: string;
}

export type DoseStatus = 'done' | 'due' | 'overdue' | 'not_yet_due' | 'not_to_give';

export type NotToGiveReason =
  /** The dose cannot be given before the age after which it is no longer given (BCG ≥4 y, MPSV-A ≥24 mo). */
  | 'age_limit'
  /** The general catch-up limit (under 18s) is reached. */
  | 'catch_up_limit'
  /** The child is on the alternative series (JE-I instead of JE-L). */
  | 'replaced'
  /** An earlier dose of the series can no longer be given, so this one cannot either. */
  | 'previous_not_given';

export interface PlannedDoseBase {
  /** Series id: one per disease, e.g. 'polio' covers IPV and bOPV, 'DTP' covers DTaP and DT. */
  series: string;
  seriesName: string;
  /** Position in the series (polio: 1-4 across IPV and bOPV). */
  seriesDose: number;
  vaccine: VaccineCode;
  vaccineName: string;
  /** Dose number of this product for the child (bOPV dose 1 is polio dose 3). */
  dose: number;
  /** Schedule version that governs this dose. */
  schedule: string;
}

export type PlannedDose = PlannedDoseBase &
  (
    | { status: 'done'; date: string; timely: boolean }
    | {
        status: 'due' | 'overdue' | 'not_yet_due';
        /** The date the child reaches the dose's minimum age (never before its version took effect). */
        dueDate: string;
        /** First day from the plan date on that respects minimum age, intervals and the 28-day live-vaccine rule. */
        earliest: string;
        /** Something to do before giving it (BCG from 3 months: PPD test). */
        note?: string;
      }
    | { status: 'not_to_give'; reason: NotToGiveReason; message: string }
  );

export interface ImmunizationPlan {
  birthDate: string;
  on: string;
  doses: PlannedDose[];
}

export interface InputProblem {
  /** The item at fault: 'birthDate', 'on', 'given[2]'. */
  field: string;
  message: string;
}
