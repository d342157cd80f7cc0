import { DEFAULT_SEED } from './seed.ts';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { createUser } from '../auth/users.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { isRealDate, todayInShanghai } from '../dates.ts';
import { AppError, invalid } from '../errors.ts';
import { createCountyAreas, type CountyAreas, type Place } from './areas.ts';
import { COUNTY, FULL_POPULATION, PLACE_WEIGHT } from './county-plan.ts';
import { DEMO_AUDIT, DEMO_PASSWORD, DEMO_USERS } from './demo-users.ts';
import { drawHousehold } from './households.ts';
import { RowBatch } from './bulk-insert.ts';
import { createInstitutions } from './institutions.ts';
import { villageSurnames } from './names.ts';
import { createRandom, type Random } from './random.ts';
import { drawEthnicity, register, ResidentIdAllocator, type RegisterContext, type Resident } from './residents.ts';

export interface DemoProgress {
  /** People written so far. */
  done: number;
  /** People planned in all. */
  total: number;
  /** Time spent on people so far (the areas, institutions and users before them take a few seconds). */
  elapsedMs: number;
}

export interface DemoOptions {
  /** Residents to generate; the areas and institutions stay the same at any size. */
  population?: number;
  seed?: string | number;
  /** The day the register is as of (ages, recent births, status dates); default today in the county. */
  asOf?: string;
  /** Called after each batch of people is written, so a terminal or a web page can show progress. */
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoSummary {
  seed: string;
  asOf: string;
  areas: number;
  institutions: number;
  staff: number;
  households: number;
  persons: number;
  users: string[];
  elapsedMs: number;
}

const BATCH = 10_000;
const MAX_HOUSEHOLDS_PER_PLACE = 9_999; // household_no has four digits

/** A database without areas holds nothing else either (everything hangs on an area). */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  return !(await db.selectFrom('area').select('id').limit(1).executeTakeFirst());
}

/** Refuses to mix a demo county into real (or earlier demo) data. */
export async function assertEmptyDatabase(db: Db): Promise<void> {
  if (!(await isEmptyDatabase(db))) {
    throw new AppError(
      'database_not_empty',
      '数据库中已有区划等数据，演示县只能生成到空数据库中。请换一个空的数据目录（设置 JICENG_DATA）或新建一个空数据库（DATABASE_URL）后重试。',
      409,
    );
  }
}

/**
 * Generates the demo county 清河县 into an empty database: areas, institutions and staff,
 * demo users and households with their people, in one transaction, with one audit entry
 * summarising it. The same seed, population and date give the same data.
 */
export async function generateDemoCounty(db: Db, options: DemoOptions = {}): Promise<DemoSummary> {
  const started = Date.now();
  const population = options.population ?? FULL_POPULATION;
  if (!Number.isInteger(population) || population < 1 || population > 2_000_000) {
    throw invalid('population', `人口数应为 1 到 2000000 之间的整数，收到「${population}」`);
  }
  const seed = String(options.seed ?? DEFAULT_SEED);
  const asOf = options.asOf ?? todayInShanghai();
  if (!isRealDate(asOf)) throw invalid('asOf', `截至日期应为 YYYY-MM-DD 格式的有效日期，收到「${asOf}」`);
  const random = createRandom(seed);
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const ids = new ResidentIdAllocator(random);
  const actor = systemActor('演示数据生成');

  await assertEmptyDatabase(db);
  const counts = await db.transaction().execute(async (trx) => {
    await assertEmptyDatabase(trx);
    const areas = await createCountyAreas(trx, actor);
    const institutions = await createInstitutions(trx, areas, random, ids, asOfMs);
    const users = await createDemoUsers(trx, actor, areas, institutions.idsByName);
    const peopleStarted = Date.now();
    const people = await createPeople(trx, areas, population, { random, ids, asOfMs, year: Number(asOf.slice(0, 4)) }, (done, total) =>
      options.onProgress?.({ done, total, elapsedMs: Date.now() - peopleStarted }),
    );
    const counts: Omit<DemoSummary, 'elapsedMs'> = {
      seed,
      asOf,
      areas: 1 + areas.townships.length + areas.places.length,
      institutions: institutions.institutions,
      staff: institutions.staff,
      households: people.households,
      persons: people.persons,
      users,
    };
    await recordAudit(trx, actor, { ...DEMO_AUDIT, entityId: COUNTY.code, areaId: areas.countyId, after: counts });
    return counts;
  });
  // Half a million fresh rows: without statistics the planner guesses, and without the visibility map
  // and hint bits the first searches pay for checking every row they touch (planning alone took 40 ms).
  await sql`vacuum (analyze) person, household, staff, institution, area`.execute(db);
  return { ...counts, elapsedMs: Date.now() - started };
}

async function createDemoUsers(trx: Db, actor: Actor, areas: CountyAreas, institutionIds: Map<string, number>): Promise<string[]> {
  for (const user of DEMO_USERS) {
    const { scope } = user;
    const areaId =
      'township' in scope
        ? areas.townships.find((t) => t.name === scope.township)!.id
        : 'place' in scope
          ? areas.places.find((p) => p.name === scope.place)!.id
          : areas.countyId;
    const institutionId = user.institution ? institutionIds.get(user.institution)! : null;
    await createUser(trx, actor, { username: user.username, displayName: user.displayName, password: DEMO_PASSWORD, role: user.role, areaId, institutionId });
  }
  return DEMO_USERS.map((u) => u.username);
}

interface PeopleContext {
  random: Random;
  ids: ResidentIdAllocator;
  asOfMs: number;
  year: number;
}

/** How many people each place gets: its kind's weight, varied by up to ±30 %, scaled to the population. */
function placeTargets(random: Random, places: Place[], population: number): number[] {
  const weights = places.map((p) => (p.urban ? PLACE_WEIGHT.urban : PLACE_WEIGHT.rural) * (0.7 + 0.6 * random.next()));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((population * w) / total));
}

// Household addresses: villages are divided into groups (村民小组, about 25-45 households each);
// city households live in numbered blocks of flats.
function addressOf(place: Place, index: number, groupSize: number): string {
  const prefix = `${place.township.name}${place.name}`;
  if (!place.urban) return `${prefix}${Math.floor(index / groupSize) + 1}组`;
  const block = Math.floor(index / 48) + 1;
  const unit = Math.floor((index % 48) / 16) + 1;
  const floor = Math.floor((index % 16) / 2) + 1;
  return `${prefix}${block}栋${unit}单元${floor}0${(index % 2) + 1}室`;
}

async function createPeople(
  trx: Db,
  areas: CountyAreas,
  population: number,
  ctx: PeopleContext,
  progress: (done: number, total: number) => void,
): Promise<{ households: number; persons: number }> {
  const { random } = ctx;
  const targets = placeTargets(random, areas.places, population);
  const total = targets.reduce((a, b) => a + b, 0);
  const households = householdBatch();
  const persons = personBatch();
  let personId = 0;
  let householdId = 0;

  for (const [p, place] of areas.places.entries()) {
    const surnames = villageSurnames(random);
    const groupSize = random.int(25, 45);
    let placed = 0;
    for (let index = 0; placed < targets[p]!; index++) {
      if (index >= MAX_HOUSEHOLDS_PER_PLACE) throw invalid('population', `人口数过大：${place.name}的户数超过了 4 位户编号的容量`);
      const members = drawHousehold(random, place.urban, surnames, ctx.year);
      const family: RegisterContext = { ...ctx, countyCode6: COUNTY.idAreaCode, ethnicity: drawEthnicity(random) };
      const id = ++householdId;
      // Old people living alone are the ones without a mobile phone.
      const headPhoneShare = members.length === 1 && members[0]!.age >= 65 ? 0.75 : 0.97;
      const residents = members.map((m, i) => register(family, m, i === 0, headPhoneShare));
      households.add({ id, areaId: place.id, no: String(index + 1).padStart(4, '0'), address: addressOf(place, index, groupSize), phone: residents[0]!.phone, headPersonId: personId + 1 });
      for (const resident of residents) persons.add({ ...resident, id: ++personId, householdId: id, areaId: place.id });
      placed += residents.length;
      if (persons.size >= BATCH) {
        await flush(trx, households, persons);
        progress(personId, Math.max(total, personId));
      }
    }
  }
  await flush(trx, households, persons);
  progress(personId, Math.max(total, personId));
  // Rows were written with their ids; move the sequences past them for whatever is added later.
  if (householdId > 0) await sql`select setval(pg_get_serial_sequence('household', 'id'), ${householdId})`.execute(trx);
  if (personId > 0) await sql`select setval(pg_get_serial_sequence('person', 'id'), ${personId})`.execute(trx);
  return { households: householdId, persons: personId };
}

async function flush(trx: Db, households: RowBatch<HouseholdRow>, persons: RowBatch<PersonRow>): Promise<void> {
  await households.write(trx);
  await persons.write(trx);
}

interface HouseholdRow {
  id: number;
  areaId: number;
  no: string;
  address: string;
  phone: string | null;
  headPersonId: number;
}

interface PersonRow extends Resident {
  id: number;
  householdId: number;
  areaId: number; // the household's village, passed so the bulk load skips the per-row lookup
}

const householdBatch = () =>
  new RowBatch<HouseholdRow>('household', [
    ['id', 'int', (h) => h.id],
    ['area_id', 'int', (h) => h.areaId],
    ['household_no', 'text', (h) => h.no],
    ['address', 'text', (h) => h.address],
    ['phone', 'text', (h) => h.phone],
    ['head_person_id', 'int', (h) => h.headPersonId],
  ]);

const personBatch = () =>
  new RowBatch<PersonRow>('person', [
    ['id', 'int', (p) => p.id],
    ['household_id', 'int', (p) => p.householdId],
    ['area_id', 'int', (p) => p.areaId],
    ['relation', 'text', (p) => p.relation],
    ['name', 'text', (p) => p.name],
    ['id_number', 'text', (p) => p.idNumber],
    ['sex', 'text', (p) => p.sex],
    ['birth_date', 'date', (p) => p.birthDate],
    ['ethnicity', 'text', (p) => p.ethnicity],
    ['phone', 'text', (p) => p.phone],
    ['status', 'text', (p) => p.status],
    ['status_date', 'date', (p) => p.statusDate],
  ]);
