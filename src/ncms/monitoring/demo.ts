/**
 * Monitoring demo data, after the NCMS demo: cost control targets for every institution with admissions, a few
 * planted cases of the alert kinds the drawn claims never show (the NCMS demo draws no duplicates, no claims after a
 * move, no bursts), made through the claims service (`settleVisit`, `registerClaim`, `settleAtDischarge`) as the
 * institution's clerk would (the surge: at the village clinic closest to its alert line), and the monthly run for the last complete months. Deterministic: candidates are read in
 * id order and picked with the demo seed. Not planted: a claim after a registered death (the claims service refuses
 * it; the case the rule catches is a death registered late, which would mean changing the people register).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { addDays, todayInShanghai } from '../../core/dates.ts';
import { createRandom, type Random } from '../../core/demo/random.ts';
import { personsByIds } from '../../core/people/persons.ts';
import type { ModuleDemoContext, ModuleDemoStep, ModuleDemoSummary } from '../../module-demos.ts';
import { registerClaim } from '../claims/claims.ts';
import { settleAtDischarge, settleVisit } from '../claims/settle.ts';
import { surgeLine } from './alert-rules.ts';
import { clinicMonths, findAlerts, storeAlerts } from './monitoring-run.ts';
import { monthDates, monthOf, shiftMonth, type MonthText } from './months.ts';
import { loadRuleParams } from './rule-config.ts';

/** How many complete months before the as-of day the demo monitors. */
const DEMO_MONTHS = 4;
/** Targets: the previous year's average inpatient cost + 5 % (the first year: its own average + 5 %), to 100 元. */
const TARGET_GROWTH = 1.05;

/** A clerk of an institution, as the claims service sees one (demo plants are made at that institution). */
const clerkOf = (institutionId: number, name: string, role: 'village_doctor' | 'institution_clerk'): Actor => ({ userId: null, name: `${name}结算员（演示）`, role, scope: { areaId: null, path: '/' }, institutionId });

async function setTargets(db: Db, years: number[]): Promise<number> {
  const averages = await db
    .selectFrom('ncms_claim')
    .select(['institution_id', 'year', sql<string>`avg(total_fen)`.as('avg')])
    .where('status', '=', 'settled')
    .where('kind', 'in', ['inpatient', 'delivery'])
    .where('year', 'in', years)
    .groupBy(['institution_id', 'year'])
    .execute();
  const avg = new Map(averages.map((a) => [`${a.institution_id}:${a.year}`, Number(a.avg)]));
  const rows = averages.map((a) => {
    const base = avg.get(`${a.institution_id}:${a.year! - 1}`) ?? Number(a.avg);
    return { institution_id: a.institution_id, year: a.year!, avg_inpatient_fen: Math.round((base * TARGET_GROWTH) / 10_000) * 10_000, set_by: null, set_by_name: '演示数据' };
  });
  if (rows.length) await db.insertInto('ncms_cost_target').values(rows).onConflict((oc) => oc.columns(['institution_id', 'year']).doNothing()).execute();
  return rows.length;
}

type Visit = { id: number; institution_id: number; institution_name: string; person_id: number; admitted_on: string; total_fen: number; diagnosis: string; discharged_on: string | null };

function visitsQuery(db: Db, kind: 'outpatient' | 'inpatient', level: 'village' | 'county', month: MonthText) {
  const { start, end } = monthDates(month);
  return db
    .selectFrom('ncms_claim')
    .select(['id', 'institution_id', 'institution_name', 'person_id', 'admitted_on', 'total_fen', 'diagnosis', 'discharged_on'])
    .where('status', '=', 'settled')
    .where('kind', '=', kind)
    .where('level', '=', level)
    .where('discharged_on', '>=', start)
    .where('discharged_on', '<', end)
    .orderBy('id')
    .limit(2000);
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Plants one case of each kind the drawn claims lack, in `month`; answers what was planted. */
async function plant(db: Db, random: Random, month: MonthText, asOf: string): Promise<Record<string, number>> {
  const planted = { duplicate_receipt: 0, frequent_visits: 0, split_admission: 0, ineligible_person: 0, village_surge: 0 };
  // The claims service refuses days after today: a demo dated ahead of the clock gets no plants.
  if (monthDates(month).end > addDays(todayInShanghai(), 1)) return planted;
  const visits = (await visitsQuery(db, 'outpatient', 'village', month).execute()) as Visit[];
  if (visits.length < 3) return planted;
  const last = monthDates(month).end;
  const dayIn = (from: string, days: number) => (addDays(from, days) < last && addDays(from, days) <= asOf ? addDays(from, days) : from);

  // The same receipt again: a clinic submits a visit a second time.
  const twice = random.pick(visits);
  await settleVisit(db, clerkOf(twice.institution_id, twice.institution_name, 'village_doctor'), { personId: twice.person_id, kind: 'outpatient', admittedOn: twice.admitted_on, total: yuan(twice.total_fen) });
  planted.duplicate_receipt += 1;

  // A burst: four more visits of one patient at the same clinic within five days.
  const burst = random.pick(visits.filter((v) => v.id !== twice.id));
  const frequent = (await loadRuleParams(db)).frequent_visits;
  for (let i = 1; i < frequent.visits; i += 1) {
    await settleVisit(db, clerkOf(burst.institution_id, burst.institution_name, 'village_doctor'), { personId: burst.person_id, kind: 'outpatient', admittedOn: dayIn(burst.admitted_on, Math.min(i, frequent.days - 1)), total: (18 + i * 3.5).toFixed(2) });
  }
  planted.frequent_visits += 1;

  // A split admission: re-admitted two days after discharge at the same hospital for the same diagnosis.
  const stays = (await visitsQuery(db, 'inpatient', 'county', month).execute()) as Visit[];
  const stay = stays.find((s) => s.discharged_on !== null && addDays(s.discharged_on, 7) < last && addDays(s.discharged_on, 7) <= asOf);
  if (stay) {
    const clerk = clerkOf(stay.institution_id, stay.institution_name, 'institution_clerk');
    const again = await registerClaim(db, clerk, {
      personId: stay.person_id,
      kind: 'inpatient',
      admittedOn: addDays(stay.discharged_on!, 2),
      diagnosis: stay.diagnosis,
      lines: [
        { name: '床位费', category: 'bed', inCatalog: true, quantity: 5, unitPrice: 60 },
        { name: '药品费', category: 'drug', inCatalog: true, quantity: 1, unitPrice: 1860.4 },
        { name: '检查化验费', category: 'exam', inCatalog: true, quantity: 1, unitPrice: 420 },
      ],
    });
    await settleAtDischarge(db, clerk, again.id, { dischargedOn: addDays(stay.discharged_on!, 7) });
    planted.split_admission += 1;
  }

  // A moved-out person's card used after the move: a visit at the clinic they used before.
  let gone: Visit | undefined;
  for (let back = 1; back <= 10 && !gone; back += 1) {
    const earlier = (await visitsQuery(db, 'outpatient', 'village', shiftMonth(month, -back)).execute()) as Visit[];
    const statuses = await personsByIds(db, earlier.map((v) => v.person_id));
    gone = earlier.find((v) => {
      const p = statuses.get(v.person_id);
      return p?.status === 'moved_out' && p.statusDate !== null && monthOf(p.statusDate) < month && p.statusDate > v.admitted_on;
    });
  }
  if (gone) {
    await settleVisit(db, clerkOf(gone.institution_id, gone.institution_name, 'village_doctor'), { personId: gone.person_id, kind: 'outpatient', admittedOn: dayIn(monthDates(month).start, 9), total: '36.00' });
    planted.ineligible_person += 1;
  }
  planted.village_surge = await plantSurge(db, month, asOf);
  return planted;
}

/** The most visits a surge plant makes (≈ 15 元 each): a clinic needing more is left alone. */
const MAX_SURGE_VISITS = 80;

/**
 * A surge at the village clinic closest to its alert line: extra visits of its own earlier patients (40 元 and up,
 * one per patient and day) spread over the month until the month's pooling passes the line. Answers 1 when planted.
 */
async function plantSurge(db: Db, month: MonthText, asOf: string): Promise<number> {
  const params = (await loadRuleParams(db)).village_surge;
  const lines = (await clinicMonths(db, month, params.historyMonths)).flatMap((clinic) => {
    const line = surgeLine(month, clinic, params);
    return line && line.current <= line.threshold ? [{ clinic, gap: line.threshold - line.current }] : [];
  });
  const target = lines.sort((a, b) => a.gap - b.gap || a.clinic.institutionId - b.clinic.institutionId)[0];
  if (!target || target.gap > MAX_SURGE_VISITS * 1500) return 0;
  const { start } = monthDates(shiftMonth(month, -params.historyMonths));
  const patients = await db
    .selectFrom('ncms_claim')
    .select('person_id')
    .distinct()
    .where('institution_id', '=', target.clinic.institutionId)
    .where('status', '=', 'settled')
    .where('discharged_on', '>=', start)
    .orderBy('person_id')
    .limit(MAX_SURGE_VISITS)
    .execute();
  const clerk = clerkOf(target.clinic.institutionId, target.clinic.institutionName, 'village_doctor');
  const { end } = monthDates(month);
  let added = 0;
  for (let i = 0; i < MAX_SURGE_VISITS && added <= target.gap && patients.length > 0; i += 1) {
    const day = addDays(monthDates(month).start, i % 28);
    if (day >= end || day > asOf) continue;
    const view = await settleVisit(db, clerk, { personId: patients[i % patients.length]!.person_id, kind: 'outpatient', admittedOn: day, total: (40 + i).toFixed(2) }); // totals differ: no twin receipts
    added += view.settlement?.payFen ?? 0;
  }
  return added > target.gap ? 1 : 0;
}

async function generate(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary> {
  const random = createRandom(`${context.seed}:monitoring`);
  const started = Date.now();
  const progress = (done: number) => context.onProgress?.({ done, total: DEMO_MONTHS + 2, elapsedMs: Date.now() - started });
  const asOfMonth = monthOf(context.asOf);
  const months = Array.from({ length: DEMO_MONTHS }, (_, i) => shiftMonth(asOfMonth, i - DEMO_MONTHS));
  const year = Number(context.asOf.slice(0, 4));
  const targets = await setTargets(db, [year - 1, year]);
  progress(1);
  const planted = await plant(db, random, months.at(-1)!, context.asOf);
  progress(2);
  const found: Record<string, number> = {};
  let alerts = 0;
  for (const [i, month] of months.entries()) {
    const drafts = await findAlerts(db, month);
    for (const d of drafts) found[d.rule] = (found[d.rule] ?? 0) + 1;
    alerts += (await storeAlerts(db, drafts)).added;
    progress(i + 3);
  }
  const byRule = Object.entries(found).map(([rule, n]) => `${rule} ${n}`).join('，');
  return {
    text: `控制标准 ${targets} 条，预警线索 ${alerts} 条（${months[0]} 至 ${months.at(-1)}：${byRule || '无'}）`,
    counts: { targets, alerts, months, found, planted },
  };
}

export const monitoringDemoStep: ModuleDemoStep = { module: 'ncms_monitoring', label: '新农合监测预警演示数据', unit: '步', generate, tables: ['ncms_cost_target', 'ncms_alert', 'ncms_alert_claim'] };

/** Demo data of this part, run after the core county and the earlier modules' demos. */
export const monitoringDemoSteps: ModuleDemoStep[] = [monitoringDemoStep];
