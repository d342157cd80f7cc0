/**
 * Visit demo: a year of outpatient visits up to the day before the as-of day from the demo county's county hospital,
 * TCM hospital, township centres and village clinics, with the everyday diagnosis mix, the notifiable diseases at
 * plausible incidence (demo-plan.ts) and one village's mumps outbreak (≥10 school children in a week). Hospitals send
 * through the API, village clinics by file; some patients come without an ID number (matched by name, birth date and
 * village) and a few with a misspelt name and no ID (left unmatched for manual linking). Deterministic from the seed;
 * written column-wise with the tables' indexes rebuilt after (withBulkLoad). Volume for 530 000 residents: 60 000 everyday
 * visits (a real county has about a million) plus every notifiable case, about 3 000.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { addDays, ageOn } from '../../../core/dates.ts';
import { nextIds } from '../../../core/db/next-ids.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { withBulkLoad } from '../../../core/demo/bulk-load.ts';
import { createRandom, weighted, type Random, type Weighted } from '../../../core/demo/random.ts';
import { personBasics } from '../../../core/people/person-basics.ts';
import { villagesWithTownships } from '../../../core/areas/village-list.ts';
import type { ModuleDemoContext, ModuleDemoStep, ModuleDemoSummary } from '../../../module-demos.ts';
import type { VisitMatchMethod, VisitSource } from '../db/intake-schema.ts';
import { EVERYDAY_MIX, IDENTIFICATION, monthWeight, MUMPS_CLUSTER, NOTIFIABLE_PLAN, SECOND_DIAGNOSIS, VISIT_SITES, type NotifiablePlan } from './demo-plan.ts';
import { visitContentHash } from './validate-visit.ts';
import { addVisitsToRollup } from '../ranking/visit-rollup.ts';
import { startOfDay } from './visit-lists.ts';

/** Everyday visits per resident and year: 60 000 for the 530 000 of the demo county, about a 17th of a real county's. */
export const EVERYDAY_VISITS_PER_RESIDENT = 0.115;
/** Visits are drawn from one living resident in this many (at least 1): still every age in every village, less to read. */
const sampleEvery = (population: number) => Math.max(1, Math.floor(population / 100_000));
/** The codes of the demo's notifiable cases: the report-card demo finds them with visitsWithDiagnoses (visit-lists.ts). */
export const DEMO_NOTIFIABLE_CODES: readonly string[] = NOTIFIABLE_PLAN.map((p) => p.code);

interface Resident {
  id: number;
  name: string;
  idNumber: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  villageId: number;
}

interface Sites {
  /** Per village: its clinic (or community station), its township centre. */
  clinicOf: Map<number, number>;
  centreOf: Map<number, number>;
  county: number | undefined;
  tcm: number | undefined;
  sourceOf: Map<number, VisitSource>;
}

interface PlannedVisit {
  resident: Resident;
  institutionId: number;
  visitedAt: Date;
  diagnoses: string[];
}

const MISSPELL = ['伟', '维', '华', '化', '明', '铭', '军', '君', '英', '瑛', '芳', '方'];

export const visitDemoSteps: ModuleDemoStep[] = [
  {
    module: 'disease_visits',
    label: '就诊数据演示',
    unit: '条',
    tables: ['disease_visit', 'disease_visit_diagnosis', 'disease_visit_batch', 'disease_visit_rollup'],
    generate: generateVisits,
  },
];

async function generateVisits(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary> {
  const started = Date.now();
  const random = createRandom(`${context.seed}:disease-visits`);
  const villages = await villagesWithTownships(db, systemActor('演示数据生成'));
  const villageName = new Map(villages.map((v) => [v.id, `${v.townshipName}${v.name}`]));
  const sites = await loadSites(db, villages.map((v) => ({ id: v.id, townshipId: v.townshipId })));
  const { n: population } = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'alive').executeTakeFirstOrThrow();
  const residents = await loadResidents(db, sampleEvery(population));
  const first = addDays(context.asOf, -365);

  // Residents by age band of the plans, as of the middle of the year (ages move by at most one year within it).
  const midYear = addDays(context.asOf, -182);
  const inAges = (ages: readonly [number, number]) => residents.filter((r) => r.birthDate <= midYear && ageOn(r.birthDate, midYear) >= ages[0] && ageOn(r.birthDate, midYear) <= ages[1]);

  const planned: PlannedVisit[] = [];
  const siteTables = new Map(Object.entries(VISIT_SITES).map(([kind, w]) => [kind, weighted(w.map((weight, i) => [i, weight] as const))]));
  const place = (resident: Resident, kind: keyof typeof VISIT_SITES) => siteFor(sites, resident.villageId, siteTables.get(kind)!.draw(random));

  // Everyday visits: a random resident (born before the visit), the mix of their age band.
  const mixes = EVERYDAY_MIX.map((band) => ({ ages: band.ages, table: weighted(band.diagnoses) }));
  const second = weighted(SECOND_DIAGNOSIS.codes);
  const everyday = Math.round(population * EVERYDAY_VISITS_PER_RESIDENT);
  while (planned.length < everyday) {
    const resident = random.pick(residents);
    const day = dayInYear(random, first, undefined);
    if (resident.birthDate > day) continue;
    const age = ageOn(resident.birthDate, day);
    const diagnoses = [mixes.find((m) => age >= m.ages[0] && age <= m.ages[1])!.table.draw(random)];
    if (age >= SECOND_DIAGNOSIS.fromAge && random.chance(SECOND_DIAGNOSIS.share)) {
      const extra = second.draw(random);
      if (!diagnoses.includes(extra)) diagnoses.push(extra);
    }
    planned.push({ resident, institutionId: place(resident, 'everyday'), visitedAt: timeOn(random, day), diagnoses });
  }

  // Notifiable cases: each disease's expected count for the population, among residents of its ages.
  const notifiable: Record<string, number> = {};
  for (const plan of NOTIFIABLE_PLAN) {
    const pool = inAges(plan.ages);
    const cases = Math.round((plan.per100k * population) / 100_000);
    notifiable[plan.code] = cases;
    for (let i = 0; i < cases && pool.length; i++) planned.push(notifiableVisit(random, plan, random.pick(pool), first, place));
  }

  // The outbreak: school children of one village (the one with most of them) within a few days.
  const [lo, hi] = MUMPS_CLUSTER.ages;
  const outbreakStart = addDays(context.asOf, -MUMPS_CLUSTER.daysBeforeAsOf);
  const children = residents.filter((r) => ageOn(r.birthDate, outbreakStart) >= lo && ageOn(r.birthDate, outbreakStart) <= hi && sites.clinicOf.has(r.villageId));
  const byVillage = new Map<number, Resident[]>();
  for (const child of children) {
    if (!byVillage.has(child.villageId)) byVillage.set(child.villageId, []);
    byVillage.get(child.villageId)!.push(child);
  }
  const [clusterVillage, pupils] = [...byVillage.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0]!;
  for (const child of pupils.slice(0, MUMPS_CLUSTER.cases)) {
    const day = addDays(outbreakStart, random.int(0, MUMPS_CLUSTER.days - 1));
    planned.push({ resident: child, institutionId: random.chance(0.6) ? sites.clinicOf.get(clusterVillage)! : sites.centreOf.get(clusterVillage)!, visitedAt: timeOn(random, day), diagnoses: [MUMPS_CLUSTER.code] });
  }
  context.onProgress?.({ done: 0, total: planned.length, elapsedMs: Date.now() - started });

  const { firstId, ...counts } = await withBulkLoad(db, ['disease_visit', 'disease_visit_diagnosis'], () => writeVisits(db, random, planned, sites, villageName, context, started));
  await addVisitsToRollup(db, { idsFrom: firstId }); // the 疾病谱's counts
  context.onProgress?.({ done: planned.length, total: planned.length, elapsedMs: Date.now() - started });
  const cluster = villageName.get(clusterVillage)!;
  return {
    text: `就诊 ${planned.length} 条（其中法定传染病 ${Object.values(notifiable).reduce((a, b) => a + b, 0) + MUMPS_CLUSTER.cases} 例，${cluster}腮腺炎聚集 ${MUMPS_CLUSTER.cases} 例），未匹配居民 ${counts.unmatched} 条`,
    counts: { visits: planned.length, ...counts, notifiable, mumpsClusterVillage: cluster },
  };
}

function notifiableVisit(random: Random, plan: NotifiablePlan, resident: Resident, first: string, place: (r: Resident, kind: 'any' | 'county') => number): PlannedVisit {
  let day = dayInYear(random, first, plan.season);
  while (day < resident.birthDate) day = dayInYear(random, first, plan.season);
  return { resident, institutionId: place(resident, plan.at), visitedAt: timeOn(random, day), diagnoses: [plan.code] };
}

/** A day of the year from `first`, months weighted by the season (rejection sampling: a few draws at most). */
function dayInYear(random: Random, first: string, season: Readonly<Record<number, number>> | undefined): string {
  const top = season ? Math.max(1, ...Object.values(season)) : 1;
  for (;;) {
    const day = addDays(first, random.int(0, 364));
    if (random.next() * top < monthWeight(season, Number(day.slice(5, 7)))) return day;
  }
}

/** Office hours, Beijing time. */
const timeOn = (random: Random, day: string) => new Date(startOfDay(day).getTime() + (random.int(8 * 60, 17 * 60 + 30) * 60 + random.int(0, 59)) * 1000);

/** 0 village clinic, 1 township centre, 2 county hospital, 3 TCM hospital; whichever is missing falls to the centre. */
function siteFor(sites: Sites, villageId: number, choice: number): number {
  const centre = sites.centreOf.get(villageId)!;
  const pick = [sites.clinicOf.get(villageId), centre, sites.county, sites.tcm][choice];
  return pick ?? centre;
}

async function loadSites(db: Db, villages: ReadonlyArray<{ id: number; townshipId: number }>): Promise<Sites> {
  const rows = await db
    .selectFrom('institution')
    .select(['id', 'kind', 'area_id'])
    .where('active', '=', true)
    .where('kind', 'in', ['county_hospital', 'tcm_hospital', 'township_hc', 'community_hc', 'village_clinic', 'community_station'])
    .orderBy('id')
    .execute();
  const firstOf = (kind: string) => rows.find((r) => r.kind === kind)?.id;
  const byArea = new Map<string, number>();
  for (const r of rows) if (!byArea.has(`${r.kind}:${r.area_id}`)) byArea.set(`${r.kind}:${r.area_id}`, r.id);
  const sites: Sites = { clinicOf: new Map(), centreOf: new Map(), county: firstOf('county_hospital'), tcm: firstOf('tcm_hospital'), sourceOf: new Map() };
  for (const v of villages) {
    const clinic = byArea.get(`village_clinic:${v.id}`) ?? byArea.get(`community_station:${v.id}`);
    const centre = byArea.get(`township_hc:${v.townshipId}`) ?? byArea.get(`community_hc:${v.townshipId}`);
    if (clinic !== undefined) sites.clinicOf.set(v.id, clinic);
    if (centre !== undefined) sites.centreOf.set(v.id, centre);
  }
  for (const r of rows) sites.sourceOf.set(r.id, r.kind === 'village_clinic' || r.kind === 'community_station' ? 'file' : 'api');
  return sites;
}

async function loadResidents(db: Db, every: number): Promise<Resident[]> {
  const rows = await personBasics(db)
    .select('person.area_id')
    .where('person.status', '=', 'alive')
    .where('person.area_id', 'is not', null)
    .where(sql<boolean>`person.id % ${every} = 0`)
    .orderBy('person.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, idNumber: r.id_number, sex: r.sex, birthDate: r.birth_date, villageId: r.area_id! }));
}

async function writeVisits(db: Db, random: Random, planned: PlannedVisit[], sites: Sites, villageName: Map<number, string>, context: ModuleDemoContext, started: number) {
  planned.sort((a, b) => a.visitedAt.getTime() - b.visitedAt.getTime() || a.resident.id - b.resident.id);
  const institutions = [...new Set(planned.map((v) => v.institutionId))].sort((a, b) => a - b);
  const batchIds = await nextIds(db, 'disease_visit_batch', institutions.length);
  const batchOf = new Map(institutions.map((id, i) => [id, batchIds[i]!]));
  const ids = await nextIds(db, 'disease_visit', planned.length);
  const identification = { api: weighted(IDENTIFICATION.api.map((w, i) => [i, w] as const)), file: weighted(IDENTIFICATION.file.map((w, i) => [i, w] as const)) } satisfies Record<VisitSource, Weighted<number>>;
  const serial = new Map<number, number>();
  const asOfEnd = startOfDay(context.asOf);

  const rows = planned.map((visit) => {
    const source = sites.sourceOf.get(visit.institutionId)!;
    const r = visit.resident;
    let how = identification[source].draw(random);
    if (how === 0 && !r.idNumber) how = 1;
    const method: VisitMatchMethod = how === 0 ? 'id_number' : how === 1 ? 'name_birth_village' : 'unmatched';
    const name = how === 2 ? r.name.slice(0, -1) + random.pick(MISSPELL.filter((c) => !r.name.endsWith(c))) : r.name;
    const n = (serial.get(visit.institutionId) ?? 0) + 1;
    serial.set(visit.institutionId, n);
    const address = villageName.get(r.villageId)!;
    const stored = { name, idNumber: how === 0 ? r.idNumber : null, birthDate: r.birthDate, sex: r.sex, address, village: null, department: department(visit, source), visitedAt: visit.visitedAt.toISOString(), diagnoses: visit.diagnoses };
    const delay = source === 'api' ? random.int(5, 120) * 60_000 : random.int(1, 7) * 86_400_000;
    const receivedAt = new Date(Math.min(visit.visitedAt.getTime() + delay, asOfEnd.getTime()));
    return { visit, stored, method, visitId: `MZ${String(n).padStart(7, '0')}`, source, receivedAt, hash: visitContentHash(stored) };
  });

  await insertColumns(db, 'disease_visit_batch', [
    ['id', 'bigint', batchIds],
    ['institution_id', 'int', institutions],
    ['source', 'text', institutions.map((id) => sites.sourceOf.get(id)!)],
    ['received_by_name', 'text', institutions.map(() => '演示数据生成')],
    ['visits_new', 'int', institutions.map((id) => serial.get(id)!)],
    ['visits_repeated', 'int', institutions.map(() => 0)],
    ['received_at', 'timestamptz', institutions.map(() => asOfEnd.toISOString())],
  ]);
  const matched = (row: (typeof rows)[number]) => row.method !== 'unmatched';
  for (let start = 0; start < rows.length; start += 20_000) {
    const part = rows.slice(start, start + 20_000);
    const partIds = ids.slice(start, start + 20_000);
    await insertColumns(db, 'disease_visit', [
      ['id', 'bigint', partIds],
      ['institution_id', 'int', part.map((r) => r.visit.institutionId)],
      ['sender_visit_id', 'text', part.map((r) => r.visitId)],
      ['batch_id', 'bigint', part.map((r) => batchOf.get(r.visit.institutionId)!)],
      ['content_hash', 'text', part.map((r) => r.hash)],
      ['person_id', 'int', part.map((r) => (matched(r) ? r.visit.resident.id : null))],
      ['match_method', 'text', part.map((r) => r.method)],
      ['patient_name', 'text', part.map((r) => r.stored.name)],
      ['id_number', 'text', part.map((r) => r.stored.idNumber)],
      ['birth_date', 'date', part.map((r) => r.stored.birthDate)],
      ['sex', 'text', part.map((r) => r.stored.sex)],
      ['address', 'text', part.map((r) => r.stored.address)],
      ['residence_area_id', 'int', part.map((r) => (matched(r) ? r.visit.resident.villageId : null))],
      ['department', 'text', part.map((r) => r.stored.department)],
      ['visited_at', 'timestamptz', part.map((r) => r.stored.visitedAt)],
      ['source', 'text', part.map((r) => r.source)],
      ['received_at', 'timestamptz', part.map((r) => r.receivedAt.toISOString())],
    ]);
    const diagnoses = part.flatMap((r, i) => r.visit.diagnoses.map((code, seq) => [partIds[i]!, seq + 1, code] as const));
    await insertColumns(db, 'disease_visit_diagnosis', [
      ['visit_id', 'bigint', diagnoses.map((d) => d[0])],
      ['seq', 'int', diagnoses.map((d) => d[1])],
      ['icd10', 'text', diagnoses.map((d) => d[2])],
    ]);
    context.onProgress?.({ done: start + part.length, total: rows.length, elapsedMs: Date.now() - started });
  }
  const unmatched = rows.filter((r) => r.method === 'unmatched').length;
  return { unmatched, byName: rows.filter((r) => r.method === 'name_birth_village').length, batches: institutions.length, firstId: ids[0]! };
}

/** Village clinics have one room; elsewhere children under 15 go to 儿科, adults to 内科. */
function department(visit: PlannedVisit, source: VisitSource): string {
  if (source === 'file') return '门诊';
  return ageOn(visit.resident.birthDate, visit.visitedAt.toISOString().slice(0, 10)) < 15 ? '儿科' : '内科';
}
