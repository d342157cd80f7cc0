/**
 * Immunization plan engine throughput: ~100 000 synthetic children born 2015-2026, seen at ages up to 8 years, with
 * plausible histories (doses near their due ages, some late, some series stopped), generated deterministically before
 * timing. Best of N runs of planning every child, against input validation alone, and per age band.
 *
 * Then the lists and indicators on a database: all coverage indicators of a year for the whole county (by village,
 * loading included; target < 2 s on PostgreSQL), the same computed in memory only, and the due list and overdue list
 * of the township with most children. On DATABASE_URL when it holds immunization data (the demo county's, read
 * only); otherwise on a throw-away database (PostgreSQL at 127.0.0.1:5432 when one answers, else PGlite) filled with
 * a synthetic registry (bench/_immunization-cohort.ts, --births-per-year, default 6 000 as in the demo county).
 * Run: node bin/run-ts.js bench/immunization.ts [children] [runs] [--births-per-year N] [--no-db]
 *      (or: npm run bench immunization)
 */
import { dayFromParts, parseDay } from '../src/publichealth/immunization/calendar.ts';
import { plan } from '../src/publichealth/immunization/plan.ts';
import { NIP_SCHEDULES } from '../src/publichealth/immunization/schedules/index.ts';
import { random, syntheticChild, type SyntheticChild } from '../src/publichealth/immunization/testing/synthetic-children.ts';
import { validateInput } from '../src/publichealth/immunization/validate-input.ts';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../src/core/db/connection.ts';
import type { Actor } from '../src/core/auth/actor.ts';
import { coverageIndicators } from '../src/publichealth/immunization/indicators/coverage-service.ts';
import { computeCoverage } from '../src/publichealth/immunization/indicators/coverage.ts';
import { parsePeriod } from '../src/publichealth/immunization/indicators/period.ts';
import { loadCohort } from '../src/publichealth/immunization/lists/load-children.ts';
import { dueListFor, overdueListFor } from '../src/publichealth/immunization/lists/lists.ts';
import { villagesWithTownships } from '../src/core/areas/village-list.ts';
import { markdownTable } from './_measure.ts';
import { buildSyntheticCohort } from './_immunization-cohort.ts';
import { withThrowawayDatabase } from './_demo-county.ts';

/** Best wall time of `runs` calls, in ms. */
function best(runs: number, task: () => unknown): number {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    task();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'births-per-year': { type: 'string', default: '6000' }, 'no-db': { type: 'boolean', default: false } },
});
const [countArg, runsArg] = positionals.map(Number);
const count = countArg || 100_000;
const runs = runsArg || 3;

const next = random(20250101);
const children = Array.from({ length: count }, () => syntheticChild(next, dayFromParts(2026, 11, 30)));
const doses = children.reduce((sum, c) => sum + c.given.length, 0);
const ageYears = (c: SyntheticChild) => (parseDay(c.on)! - parseDay(c.birthDate)!) / 365.25;
const bands: [string, SyntheticChild[]][] = [
  ['plan, age < 1 y', children.filter((c) => ageYears(c) < 1)],
  ['plan, age 1-3 y', children.filter((c) => ageYears(c) >= 1 && ageYears(c) < 3)],
  ['plan, age ≥ 3 y', children.filter((c) => ageYears(c) >= 3)],
];

let sink = 0;
const planAll = (list: SyntheticChild[]) => () => {
  for (const c of list) sink += plan(c.birthDate, c.given, c.on).doses.length;
};
planAll(children.slice(0, 5_000))(); // warm-up, so the first timed run is not the JIT's
const rows: [string, number, number][] = [
  ['validate input only', count, best(runs, () => children.forEach((c) => (sink += validateInput(NIP_SCHEDULES, c.birthDate, c.given, c.on).doses.length)))],
  ['plan, all children', count, best(runs, planAll(children))],
  ...bands.map(([name, list]): [string, number, number] => [name, list.length, best(runs, planAll(list))]),
];
if (sink === 0) console.log(''); // keeps the work observable

console.log(`Immunization plans: ${count.toLocaleString('en')} synthetic children, ${doses.toLocaleString('en')} doses given, best of ${runs}`);
console.log(
  markdownTable(
    ['run', 'children', 'ms', 'plans/s', 'µs/plan'],
    rows.map(([name, n, ms]) => [name, n.toLocaleString('en'), ms.toFixed(0), Math.round((n / ms) * 1000).toLocaleString('en'), ((ms * 1000) / n).toFixed(1)]),
  ),
);

// ---- Lists and indicators on a database ----

/** Best wall time of `runs` awaited calls, in ms. */
async function bestAsync(task: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    await task();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}

const YEAR = '2026';
const LIST_DAY = '2026-12-01';
const COVERAGE_TARGET_MS = 2000;

async function benchLists(label: string, handle: DbHandle): Promise<void> {
  const db = handle.db;
  const county = await db.selectFrom('area').select(['id', 'path']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
  const countyActor: Actor = { userId: null, name: 'bench', role: 'cdc_staff', institutionId: null, scope: { areaId: county.id, path: county.path } };
  const villages = await villagesWithTownships(db, countyActor);
  const biggest = await db
    .selectFrom('imm_child')
    .innerJoin('area as v', 'v.id', 'imm_child.area_id')
    .innerJoin('area as t', 't.id', 'v.parent_id')
    .select(['t.id', 't.path', 't.name', sql<number>`count(*)::int`.as('n')])
    .where('imm_child.status', '=', 'active')
    .groupBy(['t.id', 't.path', 't.name'])
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const townshipActor: Actor = { userId: null, name: 'bench', role: 'township_staff', institutionId: null, scope: { areaId: biggest.id, path: biggest.path } };

  const report = await coverageIndicators(db, countyActor, { period: YEAR, level: 'village' }); // warm-up, and the counts shown
  const period = parsePeriod(YEAR);
  const cohort = await loadCohort(db, { areaIds: villages.map((v) => v.id), bornFrom: '2018-12-01', bornTo: period.to });
  const due = await dueListFor(db, townshipActor, { date: LIST_DAY });
  const mmr1 = report.total.doses.find((d) => d.key === 'MMR-1')!;

  const coverageMs = await bestAsync(() => coverageIndicators(db, countyActor, { period: YEAR, level: 'village' }));
  const computeMs = best(runs, () => computeCoverage(cohort, villages, period));
  const dueMs = await bestAsync(() => dueListFor(db, townshipActor, { date: LIST_DAY }));
  const overdueMs = await bestAsync(() => overdueListFor(db, townshipActor, { date: LIST_DAY }));
  console.log(`\nLists and indicators on ${label}: ${cohort.length.toLocaleString('en')} children born from 2018-12 loaded for ${YEAR}, ${villages.length} villages; ${biggest.name}: ${biggest.n.toLocaleString('en')} children under management; best of ${runs}`);
  console.log(
    markdownTable(
      ['run', 'ms', 'target', 'result', 'what it gave'],
      [
        ['coverage, whole county, by village (load + compute)', coverageMs.toFixed(0), `< ${COVERAGE_TARGET_MS}`, coverageMs < COVERAGE_TARGET_MS ? 'PASS' : 'FAIL', `MMR 1: ${mmr1.given}/${mmr1.eligible} given, ${mmr1.timely} timely`],
        ['coverage, compute only (in memory)', computeMs.toFixed(0), '', '', `${report.doses.length} doses × ${villages.length} villages`],
        [`due list, ${biggest.name}, ${LIST_DAY}`, dueMs.toFixed(0), '', '', `${due.children.length} children, ${due.children.reduce((n, c) => n + c.doses.length, 0)} doses`],
        [`overdue list, ${biggest.name}`, overdueMs.toFixed(0), '', '', ''],
      ],
    ),
  );
}

async function hasImmunizationData(handle: DbHandle): Promise<boolean> {
  try {
    return (await handle.db.selectFrom('imm_child').select('id').limit(1).execute()).length > 0;
  } catch {
    return false; // not migrated
  }
}

/** A fresh database with the synthetic registry: PostgreSQL when a server answers, else PGlite in a temp dir. */
async function onThrowAway(): Promise<void> {
  const births = Number(options['births-per-year']);
  await withThrowawayDatabase('imm', async (handle, kind) => {
    const start = Date.now();
    const made = await buildSyntheticCohort(handle.db, { birthsPerYear: births }, (line) => console.log(line));
    console.log(`synthetic registry: ${made.children.toLocaleString('en')} children, ${made.doses.toLocaleString('en')} doses in ${((Date.now() - start) / 1000).toFixed(0)} s`);
    if (kind === 'PostgreSQL') await sql`analyze`.execute(handle.db);
    await benchLists(`a throw-away ${kind} database (synthetic registry)`, handle);
  });
}

if (!options['no-db']) {
  const configured = process.env.DATABASE_URL;
  const handle = configured ? await openDatabase({ url: configured }) : undefined;
  if (handle && (await hasImmunizationData(handle))) {
    try {
      await benchLists(`DATABASE_URL (${configured!.replace(/\/\/[^@]*@/, '//')})`, handle);
    } finally {
      await handle.close();
    }
  } else {
    await handle?.close();
    if (configured) console.log('\nDATABASE_URL has no immunization data yet: measuring a synthetic registry instead.');
    await onThrowAway();
  }
}
