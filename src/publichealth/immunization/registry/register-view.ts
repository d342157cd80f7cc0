/**
 * The clinic's register (接种登记册) as a view of the one record: the doses given in a period, day by day, with the
 * child and certificate. Nothing is kept apart from the child's record, so register and certificate always agree.
 */
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { areaIdsIn } from '../../../core/auth/scope-query.ts';
import { requireRealDates } from '../../../core/dates.ts';
import { invalid } from '../../../core/errors.ts';
import { pageRequest, type Page, type PageRequest } from '../../../core/list-page.ts';
import { personsByIds } from '../../../core/people/persons.ts';
import type { DoseSource } from '../db/schema.ts';
import { batchNumbers, vaccineName } from '../batches/batches.ts';

export interface RegisterFilter extends Partial<PageRequest> {
  from: string;
  to: string;
  /** Doses given at this institution only. */
  institutionId?: number | undefined;
  vaccine?: string | undefined;
}

export interface RegisterLine {
  doseId: number;
  date: string;
  childId: number;
  name: string;
  birthDate: string;
  certificateNo: string | null;
  vaccine: string;
  vaccineName: string;
  dose: number;
  batchNo: string | null;
  vaccinator: string | null;
  source: DoseSource;
}

/** Doses of the children in the caller's scope given between `from` and `to`, by date. */
export async function registerLines(db: Db, actor: Actor, filter: RegisterFilter): Promise<Page<RegisterLine>> {
  requirePermission(actor, 'immunization.read');
  requireRealDates({ from: filter.from, to: filter.to });
  if (filter.from > filter.to) throw invalid('to', `结束日期 ${filter.to} 早于开始日期 ${filter.from}`);
  if (filter.vaccine) vaccineName(filter.vaccine);
  const { page, pageSize, offset } = pageRequest(filter);
  let query = db
    .selectFrom('imm_dose')
    .innerJoin('imm_child', 'imm_child.id', 'imm_dose.child_id')
    .where('imm_child.area_id', 'in', areaIdsIn(db, actor.scope))
    .where('imm_dose.given_on', '>=', filter.from)
    .where('imm_dose.given_on', '<=', filter.to);
  if (filter.institutionId !== undefined) query = query.where('imm_dose.institution_id', '=', filter.institutionId);
  if (filter.vaccine) query = query.where('imm_dose.vaccine', '=', filter.vaccine);
  const [rows, count] = await Promise.all([
    query
      .select(['imm_dose.id', 'imm_dose.given_on', 'imm_dose.child_id', 'imm_child.person_id', 'imm_child.certificate_no', 'imm_dose.vaccine', 'imm_dose.dose', 'imm_dose.batch_id', 'imm_dose.batch_no', 'imm_dose.vaccinator', 'imm_dose.source'])
      .orderBy('imm_dose.given_on')
      .orderBy('imm_dose.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const persons = await personsByIds(db, rows.map((r) => r.person_id));
  const batches = await batchNumbers(db, rows.flatMap((r) => (r.batch_id === null ? [] : [r.batch_id])));
  return {
    items: rows.map((r) => ({
      doseId: r.id,
      date: r.given_on,
      childId: r.child_id,
      name: persons.get(r.person_id)!.name,
      birthDate: persons.get(r.person_id)!.birthDate,
      certificateNo: r.certificate_no,
      vaccine: r.vaccine,
      vaccineName: vaccineName(r.vaccine),
      dose: r.dose,
      batchNo: (r.batch_id === null ? null : batches.get(r.batch_id)?.batchNo) ?? r.batch_no,
      vaccinator: r.vaccinator,
      source: r.source,
    })),
    total: Number(count.n),
    page,
    pageSize,
  };
}
