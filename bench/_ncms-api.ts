/**
 * Settlement API under load: the real server (`bin/jiceng.js serve`, its own process) on a fresh PostgreSQL database,
 * C closed-loop clients settling over HTTP for S seconds (village clinics and the township health centre settle
 * outpatient and chronic visits in one call, the county hospitals register an admission then settle it; half the
 * requests go to a few "hot" patients already near their caps, so several clients settle one person at once), plus one
 * NCMS clerk reversing (冲销) a recent claim now and then. Two phases by default: a closed loop (each client sends
 * its next request as soon as the last is answered: the server saturated, latency mostly queueing) and a paced one
 * (each client pauses ~1 s between settlements, up to 50/s offered: far above a county's own load, about 1 million
 * claims a year, ≈ 4 000 a working day, ≈ 0.15/s on average). Then, from the database: cap violations per person-year
 * (settled minus reversed pay per bucket against the scheme's annual caps, and the saved year-to-date rows against
 * those sums; must be 0) and the fund check. While it runs, the lock waits of the server's sessions are sampled.
 * `runSettlementApiBench({ clients, seconds })` returns markdown table rows (API_BENCH_HEADER); standalone:
 * `node bin/run-ts.js bench/_ncms-api.ts [--clients 50] [--seconds 30] [--pool 10] [--think 0,1000] [--cpu-profile DIR]
 * [--log-slow-ms N]`. Before the phases, 5 s of paced load warm the server up, unmeasured; paced clients start at a
 * random point of their pause.
 * Target (issue): API p99 under 50 ms at 50 clients, 0 cap violations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Db, type DbHandle } from '../src/core/db/connection.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { migrationSources } from '../src/modules.ts';
import { actorForUser } from '../src/core/auth/sessions.ts';
import type { Actor } from '../src/core/auth/actor.ts';
import { addDays, todayInShanghai } from '../src/core/dates.ts';
import { createTinyCounty, TEST_PASSWORD } from '../src/testing/fixtures.ts';
import { claimsWorld, patients } from '../src/ncms/testing/claim-fixtures.ts';
import type { FixtureMember } from '../src/ncms/testing/enrollment-fixtures.ts';
import { registerClaim } from '../src/ncms/claims/claims.ts';
import { settleAtDischarge, settleVisit } from '../src/ncms/claims/settle.ts';
import { capLines } from '../src/ncms/claims/breakdown.ts';
import { checkSchemeDocument } from '../src/ncms/schemes/scheme-store.ts';
import { checkFund } from '../src/ncms/fund/fund-check.ts';
import { createRandom } from '../src/core/demo/random.ts';
import { markdownTable, percentile } from './_measure.ts';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const P99_TARGET_MS = 50;
const HOT_PATIENTS = 8;
const COLD_PATIENTS = 160;
const WARMUP_SECONDS = 5;
let requestSequence = 0; // request ids unique across the warm-up and the phases

export const API_BENCH_HEADER = ['measurement', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'per second', 'target', 'result'];

export interface ApiBenchOptions {
  clients?: number;
  seconds?: number;
  /** Server of the throw-away database (default postgres://postgres@127.0.0.1:5432). */
  databaseUrl?: string;
  /** The server's connection pool (JICENG_PG_POOL), default the server's own default (10). */
  pool?: number;
  /**
   * Each client's mean pause between settlements (exponential), one phase per value, each `seconds` long. 0 is a
   * closed loop: every client sends its next request as soon as the last is answered, so the server is saturated and
   * latency is mostly queueing (Little's law: mean latency = clients ÷ throughput).
   */
  thinkMs?: number[];
  /** Where the server process writes a V8 CPU profile (node --cpu-prof) when it stops; none by default. */
  cpuProfileDir?: string;
  /**
   * Log the bench database's statements slower than this (and lock waits over 20 ms) to the PostgreSQL server's log,
   * with the database's name in each line; off by default.
   */
  logSlowMs?: number;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function actorOf(db: Db, userId: number): Promise<Actor> {
  return (await actorForUser(db, userId))!;
}

interface World {
  year: number;
  dates: string[];
  hot: FixtureMember[];
  cold: FixtureMember[];
}

/** County, designated institutions and their clerks, the active scheme, enrolled patients; the hot ones near their caps. */
async function prepare(db: Db): Promise<World> {
  const today = todayInShanghai();
  const year = Number(addDays(today, -40).slice(0, 4));
  const last = `${year}-12-31` < today ? `${year}-12-31` : today;
  const dates = Array.from({ length: 30 }, (_, i) => addDays(`${year}-01-10`, i * 9)).filter((d) => d <= last);
  await migrate(db, migrationSources);
  const county = await createTinyCounty(db);
  await claimsWorld(db, county, [year]);
  const villages = [county.areas.eastVillage, county.areas.westVillage];
  const cold: FixtureMember[] = [];
  for (let h = 0; h < COLD_PATIENTS / 8; h++) cold.push(...(await patients(db, villages[h % 2]!, Array.from({ length: 8 }, (_, i) => `患者${h}-${i}`), [year])));
  const hot = await patients(db, county.areas.eastVillage, Array.from({ length: HOT_PATIENTS }, (_, i) => `临界${i}`), [year]);

  // Near the caps (example scheme: outpatient 200 元, chronic 10 000 元, inpatient + chronic 150 000 元, major 180 000 元).
  const userId = async (username: string) => (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const clinic = await actorOf(db, await userId('clinic_east'));
  const hospital = await actorOf(db, await userId('hospital'));
  const early = dates[0]!;
  for (const p of hot) {
    for (let v = 0; v < 12; v++) await settleVisit(db, clinic, { personId: p.id, kind: 'outpatient', admittedOn: early, total: 40 }); // 12 × 15 = 180 of 200 元
    const big = await registerClaim(db, hospital, { personId: p.id, kind: 'inpatient', admittedOn: early, dischargedOn: early, diagnosis: 'K35', lines: [{ name: '综合', category: 'treatment', inCatalog: true, quantity: 1, unitPrice: 195_000 }] });
    await settleAtDischarge(db, hospital, big.id); // (195 000 − 400) × 0.75 = 145 950 of 150 000 元
    const major = await registerClaim(db, hospital, { personId: p.id, kind: 'inpatient', admittedOn: early, dischargedOn: early, diagnosis: 'C92.0', lines: [{ name: '化疗', category: 'treatment', inCatalog: true, quantity: 1, unitPrice: 254_000 }] });
    await settleAtDischarge(db, hospital, major.id); // 254 000 × 0.7 = 177 800 of 180 000 元
  }
  await sql`analyze`.execute(db);
  return { year, dates, hot, cold };
}

interface Sample {
  op: 'visit' | 'register' | 'settle' | 'reverse';
  ms: number;
  status: number;
}

class Client {
  private cookie = '';
  constructor(private readonly base: string) {}
  async login(username: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
    if (res.status !== 200) throw new Error(`登录 ${username} 失败：${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
  async post(path: string, body: unknown): Promise<{ status: number; json: any; ms: number }> {
    const start = performance.now();
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: this.cookie }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    return { status: res.status, json, ms: performance.now() - start };
  }
}

// Who settles what: [username, share of the clients]. Village clinics: outpatient visits; the health centre: outpatient
// and chronic visits; the county hospitals: admissions (some of them a major disease), registered then settled.
const CLERKS = ['clinic_east', 'clinic_west', 'centre', 'hospital', 'tcm'] as const;

async function startServer(databaseUrl: string, pool: number | undefined, cpuProfileDir: string | undefined): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const bin = fileURLToPath(new URL('../bin/jiceng.js', import.meta.url));
  const env = { ...process.env, DATABASE_URL: databaseUrl, ...(pool ? { JICENG_PG_POOL: String(pool) } : {}) };
  const child = spawn(process.execPath, [...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []), bin, 'serve', '--port', String(port), '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`服务进程退出：\n${output}`);
    if (output.includes('已启动')) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`服务 60 秒内未启动：\n${output}`);
}

/** Lock waits of the bench database's sessions, sampled every 200 ms: what the waiting sessions wait for. */
function sampleWaits(admin: Db, database: string) {
  const waits = new Map<string, number>();
  let samples = 0;
  let active = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      // A session waiting for a lock is named by the statement it waits in (which row it wants says who holds it).
      const rows = await sql<{ what: string; n: number }>`
        select case when a.state = 'idle in transaction' then 'idle in transaction (the server between statements)'
                    when a.wait_event_type = 'Lock' then 'lock wait in: ' || left(regexp_replace(a.query, '[[:space:]]+', ' ', 'g'), 90)
                    else coalesce(a.wait_event_type || ':' || a.wait_event, 'on CPU') end as what,
               count(*)::int as n
        from pg_stat_activity a
        where a.datname = ${database} and a.state in ('active', 'idle in transaction') and a.pid <> pg_backend_pid()
        group by 1`.execute(admin);
      samples += 1;
      for (const r of rows.rows) {
        waits.set(r.what, (waits.get(r.what) ?? 0) + r.n);
        active += r.n;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { samples, active, waits: [...waits.entries()].sort((a, b) => b[1] - a[1]) };
  };
}

interface ClientWork {
  samples: Sample[];
  errors: Map<string, number>;
  settledIds: number[];
}

async function runClients(base: string, world: World, clients: number, seconds: number, thinkMs: number): Promise<{ work: ClientWork; wallMs: number }> {
  const work: ClientWork = { samples: [], errors: new Map(), settledIds: [] };
  const fail = (op: string, status: number, json: any) => {
    const key = `${op} ${status} ${json?.error?.code ?? ''}`.trim();
    work.errors.set(key, (work.errors.get(key) ?? 0) + 1);
  };
  const logins = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const c = new Client(base);
      const username = CLERKS[i % CLERKS.length]!;
      await c.login(username);
      return { c, username, next: createRandom(1000 + i + thinkMs).next }; // seeded: every run sends the same mix
    }),
  );
  const reverser = new Client(base);
  await reverser.login('ncms');
  const until = performance.now() + seconds * 1000;
  const started = performance.now();

  const record = (op: Sample['op'], r: { status: number; json: any; ms: number }) => {
    work.samples.push({ op, ms: r.ms, status: r.status });
    if (r.status !== 200) fail(op, r.status, r.json);
    return r.status === 200;
  };
  const pause = (next: () => number) => new Promise((r) => setTimeout(r, -Math.log(1 - next()) * thinkMs));
  const settlingClient = async ({ c, username, next }: (typeof logins)[number]) => {
    // Paced clients start at a random point of their pause, as clerks at work do: not all 50 in the same millisecond.
    if (thinkMs > 0) await pause(next);
    while (performance.now() < until) {
      const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
      const person = next() < 0.5 ? pick(world.hot) : pick(world.cold);
      const date = pick(world.dates);
      const requestId = `bench-${process.pid}-${++requestSequence}`;
      if (username === 'hospital' || username === 'tcm') {
        const major = next() < 0.2;
        const total = major ? 3000 : 1500 + Math.floor(next() * 3000);
        const reg = await c.post('/api/ncms/claims', { personId: person.id, kind: 'inpatient', admittedOn: date, dischargedOn: date, diagnosis: major ? 'C92.0' : 'K35', lines: [{ name: '住院费用', category: 'treatment', inCatalog: true, quantity: 1, unitPrice: total }, { name: '自费药', category: 'drug', inCatalog: false, quantity: 1, unitPrice: 80 }] });
        if (!record('register', reg)) continue;
        const settled = await c.post(`/api/ncms/claims/${reg.json.id}/settle`, { requestId });
        if (record('settle', settled) && settled.json.status === 'settled') work.settledIds.push(settled.json.id);
      } else {
        const chronic = username === 'centre' && next() < 0.5;
        const total = chronic ? 300 + Math.floor(next() * 400) : 20 + Math.floor(next() * 60);
        const visit = await c.post('/api/ncms/claims/visits', { personId: person.id, kind: chronic ? 'chronic' : 'outpatient', admittedOn: date, diagnosis: chronic ? 'I10' : undefined, total, outOfCatalog: 5, requestId });
        if (record('visit', visit) && visit.json.status === 'settled') work.settledIds.push(visit.json.id);
      }
      if (thinkMs > 0) await pause(next);
    }
  };
  // One NCMS clerk reverses a recently settled claim twice a second: freed room is taken again by later claims.
  const reversingClient = async () => {
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      const id = work.settledIds.splice(Math.floor(work.settledIds.length / 2), 1)[0];
      if (id === undefined) continue;
      record('reverse', await reverser.post(`/api/ncms/claims/${id}/reverse`, { reason: '基准测试冲销' }));
    }
  };
  await Promise.all([...logins.map(settlingClient), reversingClient()]);
  return { work, wallMs: performance.now() - started };
}

interface CapCheck {
  personYears: number;
  capViolations: string[];
  yearToDateMismatches: string[];
}

/**
 * Caps from the database (read-only): per person-year and bucket, settled minus reversed pay, against the scheme's
 * annual caps (breakdown.capLines: outpatient, chronic, inpatient + chronic, major) and against the saved
 * year-to-date row.
 */
async function checkCaps(db: Db): Promise<CapCheck> {
  const sums = await db
    .selectFrom('ncms_claim as c')
    .leftJoin('ncms_claim_reversal as r', 'r.claim_id', 'c.id')
    .select(['c.person_id', 'c.year', 'c.scheme_id', 'c.bucket'])
    .select(sql<string>`sum(c.pay_fen) - coalesce(sum(r.pay_fen), 0)`.as('net'))
    .where('c.status', 'in', ['settled', 'reversed'])
    .where('c.bucket', 'is not', null)
    .groupBy(['c.person_id', 'c.year', 'c.scheme_id', 'c.bucket'])
    .execute();
  const schemes = new Map<number, ReturnType<typeof checkSchemeDocument>['scheme']>();
  for (const row of await db.selectFrom('ncms_scheme').select(['id', 'document']).execute()) schemes.set(row.id, checkSchemeDocument(row.document).scheme);
  const keyOf = (person: number, year: number) => `${person}|${year}`;
  const people = new Map<string, { person: number; year: number; schemeId: number; outpatientFen: number; chronicFen: number; inpatientFen: number; majorFen: number }>();
  for (const s of sums) {
    const key = keyOf(s.person_id, s.year!);
    const p = people.get(key) ?? { person: s.person_id, year: s.year!, schemeId: s.scheme_id!, outpatientFen: 0, chronicFen: 0, inpatientFen: 0, majorFen: 0 };
    p[`${s.bucket!}Fen` as 'outpatientFen'] += Number(s.net);
    people.set(key, p);
  }
  const capViolations: string[] = [];
  const yearToDateMismatches: string[] = [];
  const none = { person: '', year: 0, outpatientFen: 0, chronicFen: 0, inpatientFen: 0, majorFen: 0 };
  for (const p of people.values()) {
    const totals = { ...none, person: String(p.person), year: p.year, outpatientFen: p.outpatientFen, chronicFen: p.chronicFen, inpatientFen: p.inpatientFen, majorFen: p.majorFen };
    for (const line of capLines(schemes.get(p.schemeId)!, { ...none, person: totals.person, year: p.year }, totals)) {
      if (line.afterFen > line.limitFen) capViolations.push(`person ${p.person} ${p.year} ${line.cap}: ${line.afterFen} > ${line.limitFen} fen`);
    }
  }
  const rows = await db.selectFrom('ncms_year_to_date').selectAll().execute();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = keyOf(r.person_id, r.year);
    seen.add(key);
    const p = people.get(key) ?? { outpatientFen: 0, chronicFen: 0, inpatientFen: 0, majorFen: 0 };
    for (const [column, sum] of [['outpatient_fen', p.outpatientFen], ['chronic_fen', p.chronicFen], ['inpatient_fen', p.inpatientFen], ['major_fen', p.majorFen]] as const) {
      if (Number(r[column]) !== sum) yearToDateMismatches.push(`person ${r.person_id} ${r.year} ${column}: row ${r[column]} ≠ claims ${sum}`);
    }
  }
  for (const [key, p] of people) if (!seen.has(key)) yearToDateMismatches.push(`person ${p.person} ${p.year}: claims paid but no year-to-date row`);
  return { personYears: people.size, capViolations, yearToDateMismatches };
}

export async function runSettlementApiBench(options: ApiBenchOptions = {}): Promise<string[][]> {
  const { clients = 50, seconds = 30, databaseUrl = POSTGRES_URL, pool, thinkMs = [0, 1000], cpuProfileDir, logSlowMs } = options;
  let admin: DbHandle;
  try {
    admin = await openDatabase({ url: `${databaseUrl}/postgres` });
  } catch {
    console.log(`（${databaseUrl} 上没有 PostgreSQL 应答，跳过结算接口压测）`);
    return [];
  }
  const name = `jiceng_bench_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  let handle: DbHandle | undefined;
  let server: ChildProcess | undefined;
  try {
    handle = await openDatabase({ url: `${databaseUrl}/${name}` });
    const t0 = performance.now();
    process.stdout.write(`[结算接口] 准备数据库 ${name}：县、定点机构、结算员、${COLD_PATIENTS + HOT_PATIENTS} 名参合患者（${HOT_PATIENTS} 名接近封顶）…`);
    const world = await prepare(handle.db);
    if (logSlowMs !== undefined) {
      // Database settings: they reach the server's sessions, opened after this, and no other database.
      for (const setting of [sql`log_min_duration_statement = ${sql.lit(logSlowMs)}`, sql`log_lock_waits = on`, sql`deadlock_timeout = '20ms'`]) {
        await sql`alter database ${sql.id(name)} set ${setting}`.execute(admin.db);
      }
    }
    console.log(` ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const started = await startServer(`${databaseUrl}/${name}`, pool, cpuProfileDir);
    server = started.child;
    console.log(`[结算接口] 服务已在独立进程启动（${started.base}，连接池 ${pool ?? process.env.JICENG_PG_POOL ?? 10}）`);
    // Untimed: the server compiles its code paths and fills its connection pool before anything is measured.
    process.stdout.write(`[结算接口] 预热 ${WARMUP_SECONDS} 秒（不计入结果）…`);
    await runClients(started.base, world, clients, WARMUP_SECONDS, 1000);
    console.log(' 完成');
    const phases: Array<{ thinkMs: number; work: ClientWork; wallMs: number; waits: Awaited<ReturnType<ReturnType<typeof sampleWaits>>>; load: [number, number] }> = [];
    for (const think of thinkMs) {
      const pace = think > 0 ? `每个客户端平均间隔 ${think} ms` : '不间断（闭环压满）';
      process.stdout.write(`[结算接口] ${clients} 个客户端持续结算 ${seconds} 秒，${pace}…`);
      const before = loadavg()[0]!;
      const stopSampling = sampleWaits(admin.db, name);
      const ticker = setInterval(() => process.stdout.write('.'), 1000);
      const { work, wallMs } = await runClients(started.base, world, clients, seconds, think);
      clearInterval(ticker);
      const waits = await stopSampling();
      const after = loadavg()[0]!;
      console.log(` 完成（负载 ${before.toFixed(1)} → ${after.toFixed(1)}）`);
      phases.push({ thinkMs: think, work, wallMs, waits, load: [before, after] });
    }

    process.stdout.write('[结算接口] 核对封顶与基金…');
    const caps = await checkCaps(handle.db);
    const fund = await checkFund(handle.db, { year: world.year });
    console.log(` ${caps.personYears} 个人年度`);

    const ms = (v: number) => v.toFixed(1);
    const ok = (s: Sample) => s.status === 200;
    const rows: string[][] = [];
    for (const { thinkMs: think, work, wallMs } of phases) {
      const rowFor = (label: string, picked: Sample[], target: boolean): string[] => {
        const sorted = picked.map((s) => s.ms).sort((a, b) => a - b);
        if (sorted.length === 0) return [label, '0', '—', '—', '—', '—', '—', '—', '—'];
        const p99 = percentile(sorted, 0.99);
        return [label, String(sorted.length), ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.95)), ms(p99), ms(sorted.at(-1)!), ((sorted.length / wallMs) * 1000).toFixed(1), target ? `p99 < ${P99_TARGET_MS} ms` : '—', target ? (p99 < P99_TARGET_MS ? 'PASS' : 'FAIL') : '—'];
      };
      const pace = think > 0 ? `each pausing ~${think} ms` : 'closed loop, no pause';
      rows.push(
        rowFor(`settlements (visit + settle), ${clients} clients, ${pace}`, work.samples.filter((s) => ok(s) && (s.op === 'visit' || s.op === 'settle')), true),
        rowFor('  outpatient/chronic visit, one call', work.samples.filter((s) => ok(s) && s.op === 'visit'), false),
        rowFor('  inpatient settle', work.samples.filter((s) => ok(s) && s.op === 'settle'), false),
        rowFor('  inpatient register', work.samples.filter((s) => ok(s) && s.op === 'register'), false),
        rowFor('  reversal (1 client, 2/s)', work.samples.filter((s) => ok(s) && s.op === 'reverse'), false),
      );
    }
    const errors = phases.flatMap((p) => p.work.samples).filter((s) => !ok(s)).length;
    rows.push(
      ['errors (non-200 answers)', String(errors), '—', '—', '—', '—', '—', '0', errors === 0 ? 'PASS' : 'FAIL'],
      ['cap violations', String(caps.capViolations.length), '—', '—', '—', '—', '—', '0', caps.capViolations.length === 0 ? 'PASS' : 'FAIL'],
      ['year-to-date ≠ settled − reversed', String(caps.yearToDateMismatches.length), '—', '—', '—', '—', '—', '0', caps.yearToDateMismatches.length === 0 ? 'PASS' : 'FAIL'],
      ['fund check', fund.ok ? 'clean' : `${fund.problems.length} problems`, '—', '—', '—', '—', '—', 'clean', fund.ok ? 'PASS' : 'FAIL'],
    );
    for (const [what, n] of new Map(phases.flatMap((p) => [...p.work.errors]))) console.log(`  错误 ${what}: ${n}`);
    for (const v of [...caps.capViolations, ...caps.yearToDateMismatches].slice(0, 10)) console.log(`  ${v}`);
    for (const p of fund.problems.slice(0, 5)) console.log(`  基金：${p.message}`);
    for (const { thinkMs: think, waits, load } of phases) {
      const share = (n: number) => `${((n / Math.max(1, waits.active)) * 100).toFixed(0)}%`;
      console.log(`  ${think > 0 ? `间隔 ${think} ms` : '闭环压满'}：服务端会话（每 200 ms 采样 ${waits.samples} 次，平均在用 ${(waits.active / Math.max(1, waits.samples)).toFixed(1)} 个）在等：${waits.waits.slice(0, 6).map(([w, n]) => `\n    ${share(n).padStart(4)}  ${w}`).join('')}`);
      console.log(`    机器负载（1 分钟）开始 ${load[0].toFixed(1)}，结束 ${load[1].toFixed(1)}`);
    }
    return rows;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await handle?.close();
    // Not "with (force)": terminating a session a pool is still ending throws an unhandled error in that pool.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await admin.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { clients: { type: 'string', default: '50' }, seconds: { type: 'string', default: '30' }, pool: { type: 'string' }, think: { type: 'string', default: '0,1000' }, 'cpu-profile': { type: 'string' }, 'log-slow-ms': { type: 'string' } } });
  const thinkMs = values.think.split(',').map(Number);
  const rows = await runSettlementApiBench({ clients: Number(values.clients), seconds: Number(values.seconds), pool: values.pool ? Number(values.pool) : undefined, thinkMs, cpuProfileDir: values['cpu-profile'], logSlowMs: values['log-slow-ms'] === undefined ? undefined : Number(values['log-slow-ms']) });
  if (rows.length) console.log(`\n${markdownTable(API_BENCH_HEADER, rows)}`);
  if (rows.some((r) => r.at(-1) === 'FAIL')) process.exitCode = 1;
}
