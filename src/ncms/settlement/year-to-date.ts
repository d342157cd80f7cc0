/**
 * What one person has been paid so far in one scheme year, per cap bucket (integer fen). The settlement at
 * discharge loads it, settles one claim with settleClaim and saves the returned state; `settle` builds it
 * in memory for a batch, optionally starting from saved states.
 */
import type { Fen } from '../scheme/decimal.ts';

export interface PersonYearToDate {
  person: string;
  year: number;
  outpatientFen: Fen; // 门诊统筹, against outpatient.annualCap
  chronicFen: Fen; // 特殊慢病, against chronic.annualCap and (with inpatient) annualCap
  inpatientFen: Fen; // 普通住院 (not major), against annualCap together with chronic
  majorFen: Fen; // 重大疾病, against major.annualCap only
}

export const emptyYearToDate = (person: string, year: number): PersonYearToDate => ({
  person,
  year,
  outpatientFen: 0,
  chronicFen: 0,
  inpatientFen: 0,
  majorFen: 0,
});

/** A copy, so a saved state handed in is never changed (and a state from another year starts from zero). */
export const startingYearToDate = (person: string, year: number, saved: PersonYearToDate | undefined): PersonYearToDate =>
  saved && saved.year === year ? { ...saved, person } : emptyYearToDate(person, year);
