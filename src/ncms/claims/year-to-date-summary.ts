/**
 * A person's year-to-date summary (年度累计): what the fund has paid them this scheme year per cap, and the room left
 * under each cap of the scheme in force for their village. A settling institution looks the patient up county-wide
 * (it treats everyone); NCMS readers only inside their area.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { pathInScope } from '../../core/auth/actor.ts';
import { can } from '../../core/auth/roles.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { findPersonAnywhere } from '../../core/people/persons.ts';
import { activeSchemeForArea } from '../schemes/scheme-store.ts';
import { isEnrolled } from '../enrollment/enrollment.ts';
import { capLines, type AnnualCap } from './breakdown.ts';
import { maskIdNumber } from './claim-input.ts';
import { requireClaimRead } from './access.ts';
import { readYearToDate } from './year-to-date-store.ts';

export interface YearToDateSummary {
  personId: number;
  personName: string;
  idNumberMasked: string | null;
  year: number;
  enrolled: boolean;
  schemeId: number | null;
  outpatientFen: number;
  chronicFen: number;
  inpatientFen: number;
  majorFen: number;
  caps: Array<{ cap: AnnualCap; name: string; limitFen: number; usedFen: number; remainingFen: number }>;
}

export async function personYearToDate(db: Db, actor: Actor, key: { personId?: number | undefined; idNumber?: string | undefined; year: number }): Promise<YearToDateSummary> {
  requireClaimRead(actor);
  if (!Number.isInteger(key.year) || key.year < 1900 || key.year > 2100) throw invalid('year', `年度应为四位年份，收到 ${key.year}`);
  const lookup = key.personId !== undefined ? { id: key.personId } : key.idNumber ? { idNumber: key.idNumber } : null;
  if (!lookup) throw invalid('personId', '请指定居民编号或身份证号');
  const person = await findPersonAnywhere(db, lookup);
  if (!person || (!can(actor.role, 'ncms.settle') && !pathInScope(actor.scope, person.areaPath))) throw notFound('人员');
  const [ytd, enrolled, active] = await Promise.all([
    readYearToDate(db, person.id, key.year),
    isEnrolled(db, person.id, key.year),
    activeSchemeForArea(db, person.areaCode, key.year),
  ]);
  return {
    personId: person.id,
    personName: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    year: key.year,
    enrolled,
    schemeId: active?.id ?? null,
    outpatientFen: ytd.outpatientFen,
    chronicFen: ytd.chronicFen,
    inpatientFen: ytd.inpatientFen,
    majorFen: ytd.majorFen,
    caps: active
      ? capLines(active.scheme, ytd, ytd).map((c) => ({ cap: c.cap, name: c.name, limitFen: c.limitFen, usedFen: c.afterFen, remainingFen: Math.max(0, c.limitFen - c.afterFen) }))
      : [],
  };
}
