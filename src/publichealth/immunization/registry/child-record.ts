/**
 * The child's record (接种档案): person, certificate, every dose and the engine's plan. The card (接种卡), the clinic's
 * register (登记册) and the certificate (接种证) are all views of this one record, so they cannot disagree.
 */
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { idNumberQuery, listAreaIds } from '../../../core/people/person-query.ts';
import { findPersonAnywhere, personsByIds } from '../../../core/people/persons.ts';
import { personBasics } from '../../../core/people/person-basics.ts';
import { pageRequest, type Page, type PageRequest } from '../../../core/list-page.ts';
import type { Sex } from '../../../core/db/schema.ts';
import { plan } from '../plan.ts';
import { PlanInputError } from '../validate-input.ts';
import type { ImmunizationPlan, InputProblem } from '../types.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { ChildResidence, ChildStatus, DoseSource } from '../db/schema.ts';
import { todayInShanghai } from '../../../core/dates.ts';
import { batchNumbers, vaccineName } from '../batches/batches.ts';
import { childInScope } from './access.ts';

export interface ChildSummary {
  id: number;
  personId: number;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string | null;
  /** Where the household is registered (户籍所在村). */
  householdAreaName: string;
  /** Where the child lives now (居住地) and is managed. */
  areaId: number;
  areaName: string;
  address: string;
  residence: ChildResidence;
  status: ChildStatus;
  statusDate: string | null;
  clinicId: number;
  clinicName: string;
  certificateNo: string | null;
  certificateIssuedOn: string | null;
  guardianName: string;
  guardianPhone: string | null;
  conditions: ChildCondition[];
}

export interface DoseView {
  id: number;
  vaccine: string;
  vaccineName: string;
  dose: number;
  date: string;
  source: DoseSource;
  institutionId: number | null;
  /** The clinic's name, or the place written for a dose given elsewhere. */
  placeName: string | null;
  batchId: number | null;
  batchNo: string | null;
  manufacturer: string | null;
  vaccinator: string | null;
  site: string | null;
  route: string | null;
  enteredByName: string;
}

export interface ChildRecord extends ChildSummary {
  doses: DoseView[];
  /** The plan on today's date; null when the record no longer passes the engine's checks (see planProblems). */
  plan: ImmunizationPlan | null;
  /** Why there is no plan, e.g. a birth date corrected in the people module to after a recorded dose. */
  planProblems: InputProblem[];
}

function childQuery(db: Db) {
  return db
    .selectFrom('imm_child')
    .innerJoin('area', 'area.id', 'imm_child.area_id')
    .innerJoin('institution', 'institution.id', 'imm_child.clinic_id')
    .selectAll('imm_child')
    .select(['area.name as area_name', 'institution.name as clinic_name']);
}
type ChildRow = Awaited<ReturnType<ReturnType<typeof childQuery>['executeTakeFirstOrThrow']>>;

async function summaries(db: Db, rows: ChildRow[]): Promise<ChildSummary[]> {
  const persons = await personsByIds(db, rows.map((r) => r.person_id));
  return rows.map((r) => {
    const p = persons.get(r.person_id)!;
    return {
      id: r.id,
      personId: r.person_id,
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      idNumber: p.idNumber,
      householdAreaName: p.areaName,
      areaId: r.area_id,
      areaName: r.area_name,
      address: r.address,
      residence: r.residence,
      status: r.status,
      statusDate: r.status_date,
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      certificateNo: r.certificate_no,
      certificateIssuedOn: r.certificate_issued_on,
      guardianName: r.guardian_name,
      guardianPhone: r.guardian_phone,
      conditions: r.conditions,
    };
  });
}

export async function getChildRecord(db: Db, actor: Actor, childId: number): Promise<ChildRecord> {
  requirePermission(actor, 'immunization.read');
  await childInScope(db, actor, childId);
  const row = await childQuery(db).where('imm_child.id', '=', childId).executeTakeFirstOrThrow();
  const [summary] = await summaries(db, [row]);
  const doseRows = await db
    .selectFrom('imm_dose')
    .leftJoin('institution', 'institution.id', 'imm_dose.institution_id')
    .selectAll('imm_dose')
    .select('institution.name as institution_name')
    .where('child_id', '=', childId)
    .orderBy('given_on')
    .orderBy('imm_dose.id')
    .execute();
  const batches = await batchNumbers(db, doseRows.flatMap((d) => (d.batch_id === null ? [] : [d.batch_id])));
  const doses: DoseView[] = doseRows.map((d) => {
    const batch = d.batch_id === null ? undefined : batches.get(d.batch_id);
    return {
      id: d.id,
      vaccine: d.vaccine,
      vaccineName: vaccineName(d.vaccine),
      dose: d.dose,
      date: d.given_on,
      source: d.source,
      institutionId: d.institution_id,
      placeName: d.institution_name ?? d.place_name,
      batchId: d.batch_id,
      batchNo: batch?.batchNo ?? d.batch_no,
      manufacturer: batch?.manufacturer ?? null,
      vaccinator: d.vaccinator,
      site: d.site,
      route: d.route,
      enteredByName: d.entered_by_name,
    };
  });
  let childPlan: ImmunizationPlan | null = null;
  let planProblems: InputProblem[] = [];
  try {
    childPlan = plan(summary!.birthDate, doses.map((d) => ({ vaccine: d.vaccine, dose: d.dose, date: d.date })), todayInShanghai(), { conditions: row.conditions });
  } catch (e) {
    if (!(e instanceof PlanInputError)) throw e;
    planProblems = e.problems;
  }
  return { ...summary!, doses, plan: childPlan, planProblems };
}

export interface ChildFilter extends Partial<PageRequest> {
  /** Within scope; includes the areas below it. */
  areaId?: number | undefined;
  status?: ChildStatus | undefined;
  residence?: ChildResidence | undefined;
  clinicId?: number | undefined;
  /** A certificate number, a whole resident ID or a whole name. */
  q?: string | undefined;
}

/** Children managed in the caller's scope, by where they live; newest registrations first. */
export async function listChildren(db: Db, actor: Actor, filter: ChildFilter = {}): Promise<Page<ChildSummary>> {
  requirePermission(actor, 'immunization.read');
  const { page, pageSize, offset } = pageRequest(filter);
  const areaIds = await listAreaIds(db, actor, filter.areaId);
  let query = childQuery(db);
  if (areaIds) query = query.where('imm_child.area_id', 'in', areaIds);
  if (filter.status) query = query.where('imm_child.status', '=', filter.status);
  if (filter.residence) query = query.where('imm_child.residence', '=', filter.residence);
  if (filter.clinicId !== undefined) query = query.where('imm_child.clinic_id', '=', filter.clinicId);
  const q = filter.q?.trim();
  if (q) {
    const idNumber = idNumberQuery(q);
    if (idNumber) {
      const person = await findPersonAnywhere(db, { idNumber });
      query = query.where('imm_child.person_id', '=', person?.id ?? -1);
    } else {
      const named = personBasics(db, { names: [q] }).clearSelect().select('person.id');
      query = query.where((eb) => eb.or([eb('imm_child.certificate_no', '=', q), eb('imm_child.person_id', 'in', named)]));
    }
  }
  const [rows, count] = await Promise.all([
    query.orderBy('imm_child.registered_at', 'desc').orderBy('imm_child.id', 'desc').limit(pageSize).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await summaries(db, rows), total: Number(count.n), page, pageSize };
}
