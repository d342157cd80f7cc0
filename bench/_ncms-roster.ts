/**
 * Roster import (花名册) throughput for `bench/ncms.ts`: a core demo county (default 60 000 people) into a throw-away
 * database — PGlite in a temporary directory, or a fresh database on the PostgreSQL server of DATABASE_URL when it is
 * set (dropped afterwards) — the worked-example scheme active for 2026, then a roster .xlsx of real people of the
 * county (default 50 000 rows, whole households, some subsidised) imported by `importRoster` end to end: parse, checks,
 * write, as the upload route does it. Returns the timings; the caller prints them in its table.
 */
import ExcelJS from 'exceljs';
import type { Db, DbHandle } from '../src/core/db/connection.ts';
import { actorForUser } from '../src/core/auth/sessions.ts';
import { generateDemoCounty } from '../src/core/demo/generate.ts';
import { createRandom } from '../src/core/demo/random.ts';
import { ROSTER_COLUMNS } from '../src/ncms/enrollment/roster-columns.ts';
import { importRoster } from '../src/ncms/enrollment/roster-import.ts';
import { checkFund } from '../src/ncms/fund/fund-check.ts';
import { activeExampleScheme } from '../src/ncms/testing/enrollment-fixtures.ts';
import { withThrowawayDatabase } from './_demo-county.ts';

const YEAR = 2026;

export interface RosterTiming {
  database: string;
  rows: number;
  households: number;
  fileBytes: number;
  wallMs: number;
  cpuMs: number;
}

/** Alive people of the county, whole households in village order, until `rows` are taken. */
async function rosterPeople(db: Db, rows: number) {
  const people = await db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .leftJoin('person as head', 'head.id', 'household.head_person_id')
    .select(['person.name', 'person.id_number', 'person.household_id', 'household.household_no', 'head.name as head_name', 'person.birth_date'])
    .where('person.status', '=', 'alive')
    .where('person.id_number', 'is not', null)
    .orderBy('household.area_id')
    .orderBy('household.household_no')
    .orderBy('person.id')
    .execute();
  if (people.length < rows) throw new Error(`演示县只有 ${people.length} 名在册居民，不够 ${rows} 行花名册：请加大 --population`);
  return people.slice(0, rows);
}

/** The roster as a village clerk fills it in (IDs as text), categories drawn with a fixed seed. */
async function rosterFile(people: Awaited<ReturnType<typeof rosterPeople>>, individualYuan: number): Promise<Buffer> {
  const random = createRandom('bench:roster');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header));
  for (const p of people) {
    const x = random.next();
    const [category, amount] = x < 0.05 ? ['低保', 0] : x < 0.08 ? ['计生户', individualYuan] : x < 0.09 ? ['五保', ''] : ['自缴', individualYuan];
    const cells: Record<string, string | number> = {
      householdNo: p.household_no,
      headName: p.head_name ?? '',
      name: p.name,
      idNumber: p.id_number!,
      relation: '',
      category,
      amount,
      receiptNo: `NH${YEAR}${p.household_no}`,
    };
    sheet.addRow(ROSTER_COLUMNS.map((c) => cells[c.key] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function measure(label: string, handle: DbHandle, population: number, rows: number): Promise<RosterTiming> {
  const { db } = handle;
  process.stdout.write(`[${label}] 生成演示县 ${population.toLocaleString('en')} 人…`);
  const county = await generateDemoCounty(db, { population, seed: 'bench', asOf: '2026-06-30' });
  console.log(` ${(county.elapsedMs / 1000).toFixed(1)} s`);
  await activeExampleScheme(db, YEAR); // pool 430702, individual contribution 400 元
  const people = await rosterPeople(db, rows);
  const file = await rosterFile(people, 400);
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'ncms').executeTakeFirstOrThrow();
  const actor = (await actorForUser(db, user.id))!;

  process.stdout.write(`[${label}] 导入 ${rows.toLocaleString('en')} 行花名册（${(file.length / 1e6).toFixed(1)} MB）…`);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await importRoster(db, actor, YEAR, file);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(` ${(wallMs / 1000).toFixed(1)} s`);
  if (result.enrollments !== rows) throw new Error(`导入了 ${result.enrollments} 人，应为 ${rows}`);
  const check = await checkFund(db, { year: YEAR });
  if (!check.ok) throw new Error(`导入后基金核对不通过：${check.problems.map((p) => p.message).join('；')}`);
  return { database: label, rows, households: result.households, fileBytes: file.length, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** On a throw-away PostgreSQL database on DATABASE_URL's server when one is configured, else on PGlite. */
export async function benchRosterImport(population: number, rows: number): Promise<RosterTiming> {
  return withThrowawayDatabase('roster', (handle, kind) => measure(kind, handle, population, rows), { postgres: Boolean(process.env.DATABASE_URL) });
}
