/**
 * The monthly run: loads the month's settled claims (with what each rule needs of the months before), applies the
 * pure rules of alert-rules.ts and stores what they find. Re-running a month adds nothing twice: an alert is unique
 * by (rule, key); a later run only links claims it did not link before (a late claim of the same pattern) and leaves
 * status and finding as they are. The loads are narrowed in SQL by a necessary condition of each rule (e.g. persons
 * with at least N visits around the month), the rules decide exactly.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { addDays } from '../../core/dates.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { personsByIds } from '../../core/people/persons.ts';
import { duplicateReceipts, frequentVisits, ineligiblePersons, splitAdmissions, villageSurges, type AlertDraft, type ClaimFact, type ClinicMonths, type PersonStatusFact } from './alert-rules.ts';
import { loadRuleParams, type AlertRule } from './rule-config.ts';
import { monthDates, parseMonth, shiftMonth, type MonthText } from './months.ts';

/** How far back an earlier admission may lie for the split-admission rule: its discharge ≤ 30 days before the month. */
const SPLIT_LOOKBACK_DAYS = 60;

function settledClaims(db: Db) {
  return db
    .selectFrom('ncms_claim as c')
    .where('c.status', '=', 'settled')
    .select(['c.id', 'c.institution_id', 'c.institution_name', 'c.person_id', 'c.person_name', 'c.kind', 'c.admitted_on', 'c.discharged_on', 'c.diagnosis', 'c.total_fen']);
}
type Row = Awaited<ReturnType<ReturnType<typeof settledClaims>['execute']>>[number];
const fact = (r: Row): ClaimFact => ({
  id: r.id,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  personId: r.person_id,
  personName: r.person_name,
  kind: r.kind,
  admittedOn: r.admitted_on,
  dischargedOn: r.discharged_on!,
  diagnosis: r.diagnosis,
  totalFen: Number(r.total_fen),
});

/** Outpatient pooling per village clinic and month, for the month and the `historyMonths` months before it. */
export async function clinicMonths(db: Db, month: MonthText, historyMonths: number): Promise<ClinicMonths[]> {
  const historyStart = monthDates(shiftMonth(month, -historyMonths)).start;
  const sums = await db
    .selectFrom('ncms_claim as c')
    .where('c.status', '=', 'settled')
    .where('c.kind', '=', 'outpatient')
    .where('c.level', '=', 'village')
    .where('c.discharged_on', '>=', historyStart)
    .where('c.discharged_on', '<', monthDates(month).end)
    .select(['c.institution_id', 'c.institution_name', sql<string>`to_char(c.discharged_on, 'YYYY-MM')`.as('month'), sql<string>`sum(c.pay_fen)`.as('pay')])
    .groupBy(['c.institution_id', 'c.institution_name', sql`to_char(c.discharged_on, 'YYYY-MM')`])
    .execute();
  const clinics = new Map<number, ClinicMonths>();
  for (const s of sums) {
    const clinic = clinics.get(s.institution_id) ?? { institutionId: s.institution_id, institutionName: s.institution_name, payByMonth: new Map() };
    clinics.set(s.institution_id, clinic);
    clinic.payByMonth.set(s.month, (clinic.payByMonth.get(s.month) ?? 0) + Number(s.pay));
  }
  return [...clinics.values()];
}

/** Every rule's drafts for a month (no writes). */
export async function findAlerts(db: Db, month: MonthText): Promise<AlertDraft[]> {
  parseMonth(month);
  const params = await loadRuleParams(db);
  const { start, end } = monthDates(month);

  // (1) Outpatient pooling per village clinic and month, the month and its history window.
  const surges = villageSurges(month, await clinicMonths(db, month, params.village_surge.historyMonths), params.village_surge);
  for (const surge of surges) {
    const ids = await db.selectFrom('ncms_claim').select('id').where('institution_id', '=', surge.institutionId!).where('status', '=', 'settled').where('kind', '=', 'outpatient').where('discharged_on', '>=', start).where('discharged_on', '<', end).orderBy('id').execute();
    surge.claimIds = ids.map((r) => r.id);
  }

  // (2) Visits of persons with at least N visits in the month and the days before it.
  const visitsFrom = addDays(start, -(params.frequent_visits.days - 1));
  const frequent = db
    .selectFrom('ncms_claim')
    .select('person_id')
    .where('status', '=', 'settled')
    .where('kind', 'in', ['outpatient', 'chronic'])
    .where('discharged_on', '>=', visitsFrom)
    .where('discharged_on', '<', end)
    .groupBy('person_id')
    .having((eb) => eb.fn.countAll(), '>=', params.frequent_visits.visits);
  const visits = (await settledClaims(db).where('c.kind', 'in', ['outpatient', 'chronic']).where('c.discharged_on', '>=', visitsFrom).where('c.discharged_on', '<', end).where('c.person_id', 'in', frequent).execute()).map(fact);

  // (3) Inpatient admissions discharged in the month or shortly before, of persons with two or more of them.
  const admissionsFrom = addDays(start, -SPLIT_LOOKBACK_DAYS);
  const twice = db
    .selectFrom('ncms_claim')
    .select('person_id')
    .where('status', '=', 'settled')
    .where('kind', '=', 'inpatient')
    .where('discharged_on', '>=', admissionsFrom)
    .where('discharged_on', '<', end)
    .groupBy('person_id')
    .having((eb) => eb.fn.countAll(), '>=', 2);
  const admissions = (await settledClaims(db).where('c.kind', '=', 'inpatient').where('c.discharged_on', '>=', admissionsFrom).where('c.discharged_on', '<', end).where('c.person_id', 'in', twice).execute()).map(fact);

  // (4) The status of every person with a claim this month, through the people module; then their claims.
  const personIds = (await db.selectFrom('ncms_claim').select('person_id').distinct().where('status', '=', 'settled').where('discharged_on', '>=', start).where('discharged_on', '<', end).execute()).map((r) => r.person_id);
  const persons = new Map<number, PersonStatusFact>();
  for (const [id, p] of await personsByIds(db, personIds)) if (p.status !== 'alive') persons.set(id, { status: p.status, statusDate: p.statusDate });
  const gone = [...persons.keys()];
  const ofGone = gone.length === 0 ? [] : (await settledClaims(db).where('c.discharged_on', '>=', start).where('c.discharged_on', '<', end).where('c.person_id', 'in', gone).execute()).map(fact);

  // (5) Claims of the month that share institution, person, days and total with another.
  const same = db
    .selectFrom('ncms_claim')
    .select(['institution_id', 'person_id', 'admitted_on', 'discharged_on', 'total_fen'])
    .where('status', '=', 'settled')
    .where('discharged_on', '>=', start)
    .where('discharged_on', '<', end)
    .groupBy(['institution_id', 'person_id', 'admitted_on', 'discharged_on', 'total_fen'])
    .having((eb) => eb.fn.countAll(), '>=', 2);
  const twins = (
    await settledClaims(db)
      .where('c.discharged_on', '>=', start)
      .where('c.discharged_on', '<', end)
      .where(sql<boolean>`(c.institution_id, c.person_id, c.admitted_on, c.discharged_on, c.total_fen) in (${same})`)
      .execute()
  ).map(fact);

  return [
    ...surges,
    ...frequentVisits(month, visits, params.frequent_visits),
    ...splitAdmissions(month, admissions, params.split_admission),
    ...ineligiblePersons(month, ofGone, persons),
    ...duplicateReceipts(month, twins),
  ];
}

export interface MonitoringRunResult {
  month: MonthText;
  found: Record<AlertRule, number>;
  added: number; // alerts new in this run
  linked: number; // claims newly linked (to new or earlier alerts)
}

/** Stores drafts: new alerts inserted, existing ones (same rule and key) only get claims they lacked. */
export async function storeAlerts(trx: Db, drafts: readonly AlertDraft[]): Promise<{ added: number; linked: number }> {
  let added = 0, linked = 0;
  for (let i = 0; i < drafts.length; i += 500) {
    const chunk = drafts.slice(i, i + 500);
    const inserted = await trx
      .insertInto('ncms_alert')
      .values(chunk.map((d) => ({ rule: d.rule, key: d.key, month: d.month, institution_id: d.institutionId, person_id: d.personId, summary: d.summary, figures: JSON.stringify(d.figures) })))
      .onConflict((oc) => oc.columns(['rule', 'key']).doNothing())
      .returning('id')
      .execute();
    added += inserted.length;
    const ids = await trx
      .selectFrom('ncms_alert')
      .select(['id', 'rule', 'key'])
      .where(sql<boolean>`(rule, key) in (${sql.join(chunk.map((d) => sql`(${d.rule}, ${d.key})`))})`)
      .execute();
    const idOf = new Map(ids.map((r) => [`${r.rule}|${r.key}`, r.id]));
    const links = chunk.flatMap((d) => d.claimIds.map((claimId) => ({ alert_id: idOf.get(`${d.rule}|${d.key}`)!, claim_id: claimId })));
    for (let j = 0; j < links.length; j += 5000) {
      const rows = await trx.insertInto('ncms_alert_claim').values(links.slice(j, j + 5000)).onConflict((oc) => oc.doNothing()).returning('claim_id').execute();
      linked += rows.length;
    }
  }
  return { added, linked };
}

/** 运行月度监测 (ncms.manage): finds and stores the month's alerts; audited with the counts. */
export async function runMonthlyMonitoring(db: Db, actor: Actor, month: MonthText): Promise<MonitoringRunResult> {
  requirePermission(actor, 'ncms.manage');
  const drafts = await findAlerts(db, month);
  const found = { village_surge: 0, frequent_visits: 0, split_admission: 0, ineligible_person: 0, duplicate_receipt: 0 } satisfies Record<AlertRule, number>;
  for (const d of drafts) found[d.rule] += 1;
  return inTransaction(db, async (trx) => {
    const { added, linked } = await storeAlerts(trx, drafts);
    const result = { month, found, added, linked };
    await recordAudit(trx, actor, { action: 'run', entity: 'ncms_monitoring', entityId: month, after: result });
    return result;
  });
}
