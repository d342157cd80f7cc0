/**
 * The records demo step: 居民健康档案 for 82-90 % of the living residents of each township (a rate per township from
 * the seed; residents who died or moved away this year with the same chance), opened from 2010 (the programme's first
 * years the busiest) to the as-of day, newborns within half a year of birth; a few rural villages still on paper
 * (registered by number, no sections); 74-90 % of a township's records complete, the rest missing a few items; and
 * 健康体检 (demo-health-checks.ts), so 45-62 % of a township's records are in dynamic use where other modules' services
 * leave it lower. Loaded in bulk (10 000 rows a statement) inside the caller's transaction; the same seed and as-of day
 * give the same data. Runs after the death marking (who is alive) and the other services, before supervision.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { addDays, ageOn } from '../../../core/dates.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { withBulkLoad } from '../../../core/demo/bulk-load.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { createRandom, type Random } from '../../../core/demo/random.ts';
import type { ModuleDemoContext, ModuleDemoStep, ModuleDemoSummary } from '../../../module-demos.ts';
import { SECTION_KEYS, type BasicInfo } from '../basic-info.ts';
import { completeness } from '../completeness.ts';
import { recordNumber } from '../record-number.ts';
import { recordRows } from '../indicators.ts';
import { drawBasicInfo, leaveEmpty } from './demo-basic-info.ts';
import { drawHealthChecks, insertHealthChecks, type CheckedRecord } from './demo-health-checks.ts';

const RECORD_RATE: readonly [number, number] = [0.82, 0.9];
/** Share of all records (paper ones included, they have no sections) with every required item filled. */
const COMPLETE_RATE: readonly [number, number] = [0.74, 0.9];
/** Share of the residents due a yearly check (65+, hypertension, diabetes) who had one in the last 12 months. */
const CHECK_RATE: readonly [number, number] = [0.55, 0.8];
/** Share of the records in dynamic use in the year that health checks bring a township up to (see demo-health-checks.ts). */
const USE_RATE: readonly [number, number] = [0.45, 0.62];
/** Villages still on paper: about one in thirty, rural, at most one per township. */
const PAPER_VILLAGE_SHARE = 1 / 30;
const PAPER_SHARE_IN_PAPER_VILLAGE = 0.85;
/** Records opened by the township centre rather than the village clinic (outreach, the centre's own village). */
const BY_CENTRE_SHARE = 0.2;
const PROGRAMME_START = '2010-01-01';
const BATCH = 10_000;
const BY = '演示数据';
const DOCTOR_ROLES = new Set(['village_doctor', 'doctor', 'public_health']);

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.parse(date) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const between = (random: Random, [lo, hi]: readonly [number, number]) => lo + (hi - lo) * random.next();

interface Village {
  id: number;
  code: string;
  townshipId: number;
  urban: boolean;
  clinicId: number | undefined;
  paper: boolean;
}

interface Person {
  id: number;
  areaId: number;
  sex: 'M' | 'F';
  birthDate: string;
  alive: boolean;
  /** The last day the record can be opened: the as-of day, or the day of death or moving away. */
  lastDay: string;
}

interface Row {
  id: number;
  person: Person;
  village: Village;
  recordNo: string;
  createdOn: string;
  createdAt: string;
  medium: 'electronic' | 'paper';
  institutionId: number;
  doctor: string | null;
  basicInfo: BasicInfo;
  missing: string[];
}

async function loadCounty(db: Db, random: Random, yearStart: string, asOf: string) {
  const areas = await db.selectFrom('area').select(['id', 'code', 'level', 'parent_id', 'urban']).where('valid_to', 'is', null).orderBy('code').execute();
  const institutions = await db
    .selectFrom('institution')
    .select(['id', 'name', 'kind', 'area_id'])
    .where('active', '=', true)
    .where('kind', 'in', ['village_clinic', 'community_station', 'township_hc', 'community_hc'])
    .orderBy('id')
    .execute();
  const staff = await db.selectFrom('staff').select(['institution_id', 'name', 'role']).where('active', '=', true).orderBy('id').execute();
  const doctors = new Map<number, string[]>();
  for (const s of staff) if (DOCTOR_ROLES.has(s.role)) doctors.set(s.institution_id, [...(doctors.get(s.institution_id) ?? []), s.name]);
  const clinicOf = new Map(institutions.filter((i) => i.kind === 'village_clinic' || i.kind === 'community_station').map((i) => [i.area_id, i.id]));
  const centreOf = new Map(institutions.filter((i) => i.kind === 'township_hc' || i.kind === 'community_hc').map((i) => [i.area_id, i.id]));

  const townships = areas.filter((a) => a.level === 'township');
  const villages = new Map<number, Village>();
  for (const a of areas) {
    if (a.level === 'village' && a.parent_id !== null) villages.set(a.id, { id: a.id, code: a.code, townshipId: a.parent_id, urban: a.urban, clinicId: clinicOf.get(a.id), paper: false });
  }
  // A few rural villages of larger townships still on paper, each in a different township.
  const rural = [...villages.values()].filter((v) => !v.urban && [...villages.values()].filter((w) => w.townshipId === v.townshipId).length >= 5);
  const paperTownships = new Set<number>();
  for (let n = Math.max(1, Math.round(villages.size * PAPER_VILLAGE_SHARE)); n > 0 && rural.length > 0; n--) {
    const candidates = rural.filter((v) => !paperTownships.has(v.townshipId));
    if (candidates.length === 0) break;
    const v = random.pick(candidates);
    v.paper = true;
    paperTownships.add(v.townshipId);
  }
  const rates = new Map(townships.map((t) => [t.id, { record: between(random, RECORD_RATE), complete: between(random, COMPLETE_RATE), check: between(random, CHECK_RATE), use: between(random, USE_RATE) }]));

  const rows = await db
    .selectFrom('person')
    .select(['id', 'area_id', 'sex', 'birth_date', 'status', 'status_date'])
    .where('area_id', 'is not', null)
    .where('birth_date', '<=', asOf)
    .where((eb) => eb.or([eb('status', '=', 'alive'), eb('status_date', '>=', yearStart)]))
    .orderBy('id')
    .execute();
  const people: Person[] = rows
    .filter((p) => villages.has(p.area_id!))
    .map((p) => ({
      id: p.id,
      areaId: p.area_id!,
      sex: p.sex === 'F' ? 'F' : 'M',
      birthDate: p.birth_date,
      alive: p.status === 'alive',
      lastDay: p.status === 'alive' || !p.status_date || p.status_date > asOf ? asOf : p.status_date,
    }));
  return { townships, villages, rates, people, doctors, centreOf, names: new Map(institutions.map((i) => [i.id, i.name])) };
}

/** The first day a resident's record can be opened: a week after birth, not before the programme began. */
const firstDay = (p: Person) => {
  const week = addDays(p.birthDate, 7);
  return week > PROGRAMME_START ? week : PROGRAMME_START;
};

/**
 * Who gets a record: in each township exactly its rate of the living residents (a partial shuffle, so small
 * townships are not left short by chance), and those who died or moved away this year with the same chance.
 */
function chooseResidents(random: Random, people: Person[], villages: Map<number, Village>, rates: Map<number, { record: number }>): Person[] {
  const living = new Map<number, { count: number; eligible: Person[] }>();
  const chosen = new Set<Person>();
  for (const p of people) {
    const township = villages.get(p.areaId)!.townshipId;
    const eligible = firstDay(p) <= p.lastDay;
    if (!p.alive) {
      if (eligible && random.chance(rates.get(township)!.record)) chosen.add(p);
      continue;
    }
    const entry = living.get(township) ?? { count: 0, eligible: [] };
    entry.count++;
    if (eligible) entry.eligible.push(p);
    living.set(township, entry);
  }
  for (const [township, { count, eligible }] of [...living].sort((a, b) => a[0] - b[0])) {
    const wanted = Math.min(eligible.length, Math.round(count * rates.get(township)!.record));
    for (let i = 0; i < wanted; i++) {
      const j = random.int(i, eligible.length - 1);
      [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
      chosen.add(eligible[i]!);
    }
  }
  return people.filter((p) => chosen.has(p));
}

/**
 * 建档日期: newborns within half a year of birth; the others from the programme's start, the first years the busiest
 * (a density falling linearly to the as-of day, for seven in ten; evenly spread for the rest).
 */
function openingDay(random: Random, p: Person): string {
  const lo = dayOf(firstDay(p));
  const span = dayOf(p.lastDay) - lo;
  const share = random.chance(0.3) ? random.next() : 1 - Math.sqrt(1 - random.next());
  const offset = p.birthDate >= PROGRAMME_START ? random.int(0, Math.min(180, span)) : Math.floor(span * share);
  return dateOf(lo + offset);
}

export async function generateRecordsDemo(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary> {
  const started = Date.now();
  const { asOf } = context;
  const random = createRandom(`${context.seed}:records`);
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const county = await loadCounty(db, random, yearStart, asOf);
  const chosen = chooseResidents(random, county.people, county.villages, county.rates);
  const doctorOf = (institutionId: number) => {
    const names = county.doctors.get(institutionId);
    return names?.length ? random.pick(names) : null;
  };

  // Paper records first, so each township's electronic records can make up its completeness rate.
  const media = chosen.map((p) => {
    const village = county.villages.get(p.areaId)!;
    return village.paper && random.chance(PAPER_SHARE_IN_PAPER_VILLAGE) ? ('paper' as const) : ('electronic' as const);
  });
  const electronicShare = new Map<number, { all: number; electronic: number }>();
  chosen.forEach((p, i) => {
    const t = county.villages.get(p.areaId)!.townshipId;
    const e = electronicShare.get(t) ?? { all: 0, electronic: 0 };
    e.all++;
    if (media[i] === 'electronic') e.electronic++;
    electronicShare.set(t, e);
  });

  // completeness() on the first record of each shape (medium, doctor or not, the items taken out; every other item is
  // answered by construction), reused for the others: it costs 6 µs a call, 3 s over the full county. The test
  // checks every stored list against completeness() of its own record.
  const shapes = new Map<string, string[]>();
  const missingOf = (shape: string, input: Parameters<typeof completeness>[0]) => {
    let missing = shapes.get(shape);
    if (!missing) shapes.set(shape, (missing = completeness(input).missing.map((m) => m.key)));
    return missing;
  };
  const rows: Row[] = chosen.map((person, i) => {
    const village = county.villages.get(person.areaId)!;
    const createdOn = openingDay(random, person);
    const institutionId = village.clinicId !== undefined && !random.chance(BY_CENTRE_SHARE) ? village.clinicId : county.centreOf.get(village.townshipId)!;
    let doctor = doctorOf(institutionId);
    const medium = media[i]!;
    let basicInfo: BasicInfo = {};
    let emptied: string[] = [];
    if (medium === 'electronic') {
      basicInfo = drawBasicInfo(random, { sex: person.sex, birthDate: person.birthDate, age: ageOn(person.birthDate, createdOn), urban: village.urban }, createdOn);
      const share = electronicShare.get(village.townshipId)!;
      const completeChance = Math.min(0.97, county.rates.get(village.townshipId)!.complete / (share.electronic / share.all));
      if (!random.chance(completeChance)) {
        const left = leaveEmpty(random, basicInfo);
        if (left.noDoctor) doctor = null;
        emptied = left.emptied;
      }
    }
    const missing = missingOf(`${medium}|${doctor === null}|${emptied.join(',')}`, { institutionName: county.names.get(institutionId) ?? null, responsibleDoctor: doctor, basicInfo });
    const createdAt = `${createdOn}T${String(random.int(8, 16)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00+08:00`;
    return { id: 0, person, village, recordNo: '', createdOn, createdAt, medium, institutionId, doctor, basicInfo, missing };
  });

  // 档案编号 in the order the records were opened in each village; ids in the same order.
  rows.sort((a, b) => (a.village.code < b.village.code ? -1 : a.village.code > b.village.code ? 1 : a.createdOn < b.createdOn ? -1 : a.createdOn > b.createdOn ? 1 : a.person.id - b.person.id));
  const counters = new Map<string, number>();
  const { first } = (await sql<{ first: number }>`select coalesce(max(id), 0) + 1 as first from health_record`.execute(db)).rows[0]!;
  rows.forEach((r, i) => {
    const seq = (counters.get(r.village.code) ?? 0) + 1;
    counters.set(r.village.code, seq);
    r.recordNo = recordNumber(r.village.code, seq);
    r.id = Number(first) + i;
  });

  let total = rows.length;
  const progress = (done: number) => context.onProgress?.({ done, total: (total = Math.max(total, done)), elapsedMs: Date.now() - started });
  progress(0);
  const checks = await withBulkLoad(db, ['health_record', 'health_record_version', 'health_check'], async () => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await insertRecords(db, rows.slice(i, i + BATCH), county.names);
      progress(i + Math.min(BATCH, rows.length - i));
    }
    // Version 1 of each record, as createRecord writes it: the sections given and the record as opened.
    await sql`insert into health_record_version (record_id, version, sections, before, after, changed_by_name, changed_at)
      select r.id, 1, array(select k from unnest(${SECTION_KEYS}::text[]) with ordinality as s(k, n) where r.basic_info ? k order by n), null,
        jsonb_build_object('recordNo', r.record_no, 'medium', r.medium, 'createdOn', r.created_on, 'institutionId', r.institution_id,
          'institutionName', r.institution_name, 'responsibleDoctor', r.responsible_doctor, 'sections', r.basic_info),
        r.created_by_name, r.created_at
      from health_record r where r.id >= ${Number(first)}`.execute(db);

    // Who the other modules served this year, counted exactly as the use rate counts it (no health checks yet).
    const period = { from: yearStart, to: asOf };
    const served = await sql<{ person_id: number }>`select person_id from (${recordRows(db, systemActor(BY), period)}) r where dynamic`.execute(db);
    const checks = drawHealthChecks(random, rows.map(checkedRecord), { asOf, rates: county.rates, centreOf: county.centreOf, doctors: county.doctors }, new Set(served.rows.map((r) => r.person_id)));
    total = rows.length + checks.length;
    for (let i = 0; i < checks.length; i += BATCH) {
      await insertHealthChecks(db, checks.slice(i, i + BATCH), county.names, BY);
      progress(rows.length + i + Math.min(BATCH, checks.length - i));
    }
    return checks;
  });
  // The last sequence given in each village, so the next record opened there goes on from it.
  await insertColumns(db, 'health_record_counter', [
    ['village_code', 'text', [...counters.keys()]],
    ['last_seq', 'int', [...counters.values()]],
  ]);

  const paper = rows.filter((r) => r.medium === 'paper').length;
  const complete = rows.filter((r) => r.missing.length === 0).length;
  const paperVillages = [...county.villages.values()].filter((v) => v.paper).length;
  const percent = (n: number, d: number) => (d ? ((n * 100) / d).toFixed(1) : '0.0');
  const residents = county.people.filter((p) => p.alive).length;
  const living = rows.filter((r) => r.person.alive).length;
  return {
    text: `健康档案 ${rows.length} 份（在册居民建档率 ${percent(living, residents)}%，纸质档案 ${paper} 份，${paperVillages} 个村仍用纸质档案），完整 ${percent(complete, rows.length)}%；近一年健康体检 ${checks.length} 人次`,
    counts: { records: rows.length, paper, paperVillages, complete, healthChecks: checks.length },
  };
}

/**
 * One batch of records in one statement, the rows as one JSON parameter (jsonb_to_recordset): the sections are JSON
 * already, and a single string is cheaper for the driver than arrays of escaped JSON texts; missing_items arrive as
 * JSON arrays and become text[].
 */
async function insertRecords(db: Db, batch: Row[], names: Map<number, string>): Promise<void> {
  const rows = batch.map((r) => ({
    id: r.id,
    person_id: r.person.id,
    record_no: r.recordNo,
    medium: r.medium,
    created_on: r.createdOn,
    institution_id: r.institutionId,
    institution_name: names.get(r.institutionId) ?? null,
    responsible_doctor: r.doctor,
    basic_info: r.basicInfo,
    missing_items: r.missing,
    at: r.createdAt,
  }));
  await sql`insert into health_record (id, person_id, record_no, medium, created_on, institution_id, institution_name, responsible_doctor,
      basic_info, missing_items, created_by_name, created_at, updated_at)
    select id, person_id, record_no, medium, created_on, institution_id, institution_name, responsible_doctor, basic_info, missing_items, ${BY}, at, at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(id int, person_id int, record_no text, medium text, created_on date,
      institution_id int, institution_name text, responsible_doctor text, basic_info jsonb, missing_items text[], at timestamptz)`.execute(db);
}

/** What the health checks need to know of a record. */
function checkedRecord(r: Row): CheckedRecord {
  const chronic = (r.basicInfo.history?.diseases ?? []).filter((d) => d.disease === 'hypertension' || d.disease === 'diabetes').map((d) => d.disease);
  const p = r.person;
  return { id: r.id, personId: p.id, sex: p.sex, birthDate: p.birthDate, townshipId: r.village.townshipId, createdOn: r.createdOn, lastDay: p.lastDay, alive: p.alive, electronic: r.medium === 'electronic', chronic };
}

/** After the death marking (records follow who is alive) and before supervision, which reads the records. */
export const recordsDemoSteps: ModuleDemoStep[] = [
  {
    module: 'records',
    label: '居民健康档案演示数据',
    unit: '行',
    generate: generateRecordsDemo,
    tables: ['health_record', 'health_record_counter', 'health_record_version', 'health_check'],
  },
];
