/**
 * Foundation benchmark: generates the demo county into a fresh PGlite (and, when a server answers at
 * postgres://postgres@127.0.0.1:5432 or DATABASE_URL's server, into a fresh PostgreSQL database), then times person search
 * (exact ID; name prefix of 1 and 2 characters) for a county-wide and a village actor, and scoped
 * household listing for a village doctor and a township.
 * Run: npm run bench foundation   (options: --population N, --queries N, --no-postgres, --only pglite|postgres,
 * --data DIR keeps the PGlite county in DIR and measures it again next time without generating,
 * --pg-database NAME does the same with a PostgreSQL database instead of a throw-away one)
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Db, type DbHandle } from '../src/core/db/connection.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { migrationSources } from '../src/modules.ts';
import type { Actor } from '../src/core/auth/actor.ts';
import { actorForUser } from '../src/core/auth/sessions.ts';
import { generateDemoCounty } from '../src/core/demo/generate.ts';
import { FULL_POPULATION } from '../src/core/demo/county-plan.ts';
import { createRandom } from '../src/core/demo/random.ts';
import { searchPersons } from '../src/core/people/persons.ts';
import { listHouseholds } from '../src/core/people/households.ts';
import { markdownTable, timeEach, type Timing } from './_measure.ts';
import { postgresAnswers, withThrowawayDatabase } from './_demo-county.ts';

const { values: options } = parseArgs({
  options: {
    population: { type: 'string', default: String(FULL_POPULATION) },
    queries: { type: 'string', default: '1000' },
    'no-postgres': { type: 'boolean', default: false },
    only: { type: 'string' },
    data: { type: 'string' },
    'pg-database': { type: 'string' },
  },
});
const POPULATION = Number(options.population);
const QUERIES = Number(options.queries);
const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';

// Targets: person search answers within 20 ms at p99; the full county generates within 2 minutes.
const SEARCH_P99_MS = 20;
const GENERATION_LIMIT_S = 120;

interface Row {
  database: string;
  what: string;
  median: string;
  p99: string;
  target: string;
  result: string;
}
const rows: Row[] = [];

const ms = (v: number) => v.toFixed(2);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function actorOf(db: Db, username: string): Promise<Actor> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await actorForUser(db, user.id))!;
}

/** Existing ID numbers and names inside an actor's scope, sampled with a fixed seed so every database gets the same queries. */
async function sampleQueries(db: Db, actor: Actor, count: number) {
  const people = await db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .innerJoin('area', 'area.id', 'household.area_id')
    .select(['person.id_number', 'person.name'])
    .where('area.path', 'like', `${actor.scope.path}%`)
    .where('person.id_number', 'is not', null)
    .orderBy('person.id')
    .execute();
  const random = createRandom(`bench:${actor.name}`);
  const picked = Array.from({ length: count }, () => random.pick(people));
  return {
    ids: picked.map((p) => p.id_number!),
    surnames: picked.map((p) => p.name.slice(0, 1)),
    surnameAndFirst: picked.map((p) => p.name.slice(0, 2)),
  };
}

// Clerks page through the first screens of a list and search for the rest; deep OFFSET pages are not the workload.
const DEEPEST_PAGE = 50;

async function householdPages(db: Db, actor: Actor, count: number): Promise<number[]> {
  const { total } = await listHouseholds(db, actor, { pageSize: 20 });
  const pages = Math.min(DEEPEST_PAGE, Math.max(1, Math.ceil(total / 20)));
  const random = createRandom(`pages:${actor.name}`);
  return Array.from({ length: count }, () => random.int(1, pages));
}

function record(database: string, what: string, timing: Timing, limitMs: number | null) {
  rows.push({
    database,
    what,
    median: ms(timing.median),
    p99: ms(timing.p99),
    target: limitMs === null ? '—' : `p99 < ${limitMs} ms`,
    result: limitMs === null ? '—' : verdict(timing.p99 < limitMs),
  });
}

/** Generates the county unless a kept database already holds one (then only new migrations run, followed by ANALYZE). */
async function prepareCounty(label: string, db: Db): Promise<void> {
  const applied = await migrate(db, migrationSources);
  const { n } = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) === 0) return generate(label, db);
  console.log(`[${label}] 沿用已生成的 ${Number(n).toLocaleString('en')} 人${applied.length ? `（新迁移 ${applied.length} 个，已 ANALYZE）` : ''}`);
  if (applied.length) await sql`vacuum analyze`.execute(db);
}

async function generate(label: string, db: Db): Promise<void> {
  process.stdout.write(`[${label}] 生成演示县 ${POPULATION.toLocaleString('en')} 人…`);
  const summary = await generateDemoCounty(db, { population: POPULATION, seed: 'bench', asOf: '2026-06-30' });
  const seconds = summary.elapsedMs / 1000;
  const rate = Math.round(summary.persons / seconds);
  console.log(` ${seconds.toFixed(1)} s，${rate.toLocaleString('en')} 人/秒`);
  const full = POPULATION >= FULL_POPULATION;
  rows.push({
    database: label,
    what: `generate ${summary.persons.toLocaleString('en')} people (${rate.toLocaleString('en')} people/s)`,
    median: '—',
    p99: `${seconds.toFixed(1)} s`,
    target: full ? `< ${GENERATION_LIMIT_S} s` : '—',
    result: full ? verdict(seconds < GENERATION_LIMIT_S) : '—',
  });
}

async function benchDatabase(label: string, handle: DbHandle): Promise<void> {
  const { db } = handle;
  await prepareCounty(label, db);
  const actors: Array<[string, Actor]> = [
    ['county', await actorOf(db, 'admin')],
    ['village doctor', await actorOf(db, 'cunyi_dongling')],
  ];
  for (const [who, actor] of actors) {
    const q = await sampleQueries(db, actor, QUERIES);
    const search = (text: string) => searchPersons(db, actor, { q: text, pageSize: 20 });
    record(label, `search by ID, ${who}`, await timeEach(q.ids, search), SEARCH_P99_MS);
    record(label, `search by surname, ${who}`, await timeEach(q.surnames, search), SEARCH_P99_MS);
    record(label, `search by surname + 1st char, ${who}`, await timeEach(q.surnameAndFirst, search), SEARCH_P99_MS);
  }
  for (const [who, username] of [
    ['village doctor', 'cunyi_dongling'],
    ['township', 'wsy_dongling'],
  ] as const) {
    const actor = await actorOf(db, username);
    const pages = await householdPages(db, actor, QUERIES);
    record(label, `household list, page 1-${DEEPEST_PAGE}, ${who}`, await timeEach(pages, (page) => listHouseholds(db, actor, { page, pageSize: 20 })), SEARCH_P99_MS);
  }
}

async function onPGlite(): Promise<void> {
  const kept = options.data;
  if (!kept) return withThrowawayDatabase('foundation', (handle) => benchDatabase('PGlite', handle), { postgres: false });
  const handle = await openDatabase({ dataDir: kept });
  try {
    await benchDatabase('PGlite', handle);
  } finally {
    await handle.close();
  }
}

async function onPostgres(): Promise<void> {
  const kept = options['pg-database'];
  if (!kept) {
    if (await postgresAnswers()) return withThrowawayDatabase('foundation', (handle) => benchDatabase('PostgreSQL', handle));
    console.log('（没有 PostgreSQL 应答，跳过 PostgreSQL 部分）');
    return;
  }
  let admin: DbHandle;
  try {
    admin = await openDatabase({ url: `${POSTGRES_URL}/postgres` });
  } catch {
    console.log(`（${POSTGRES_URL} 上没有 PostgreSQL 应答，跳过 PostgreSQL 部分）`);
    return;
  }
  // A kept database is created the first time and measured again on later runs, never dropped.
  const exists = await sql`select 1 from pg_database where datname = ${kept}`.execute(admin.db);
  if (exists.rows.length === 0) await sql`create database ${sql.id(kept)}`.execute(admin.db);
  await admin.close();
  const handle = await openDatabase({ url: `${POSTGRES_URL}/${kept}` });
  try {
    await benchDatabase('PostgreSQL', handle);
  } finally {
    await handle.close();
  }
}

if (options.only !== 'postgres') await onPGlite();
if (!options['no-postgres'] && options.only !== 'pglite') await onPostgres();

console.log(`\nFoundation benchmark — ${POPULATION.toLocaleString('en')} people, ${QUERIES} queries per row (times in ms)\n`);
console.log(
  markdownTable(
    ['database', 'measurement', 'median', 'p99', 'target', 'result'],
    rows.map((r) => [r.database, r.what, r.median, r.p99, r.target, r.result]),
  ),
);
if (rows.some((r) => r.result === 'FAIL')) process.exitCode = 1;
