/**
 * Settlement at discharge, through the HTTP API in-process (app.inject: routing, session, validation, the settle
 * transaction, the answer): latency of one settlement at a time, then with C clients settling at once.
 * `npm run bench claims -- --count 200 --concurrency 50`; with JICENG_TEST_DATABASE_URL=postgres://… it runs on
 * PostgreSQL (a throw-away schema), else on PGlite in memory (one connection: concurrent clients queue).
 */
import { parseArgs } from 'node:util';
import { createTestApp } from '../src/testing/test-app.ts';
import { claimsWorld, patients } from '../src/ncms/testing/claim-fixtures.ts';
import { markdownTable, percentile, timeEach } from './_measure.ts';

const { values: options } = parseArgs({ options: { count: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '50' } } });
const count = Number(options.count);
const concurrency = Number(options.concurrency);
const YEAR = 2026;

const t = await createTestApp();
await claimsWorld(t.handle.db, t.county, [YEAR]);
const names = Array.from({ length: 50 }, (_, i) => `结算${i}`);
const people = [
  ...(await patients(t.handle.db, t.county.areas.eastVillage, names.slice(0, 25), [YEAR])),
  ...(await patients(t.handle.db, t.county.areas.westVillage, names.slice(25), [YEAR])),
];
const { cookie } = await t.as('hospital');

async function admit(i: number): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/ncms/claims',
    headers: { cookie },
    payload: {
      personId: people[i % people.length]!.id,
      kind: 'inpatient',
      admittedOn: `${YEAR}-03-01`,
      dischargedOn: `${YEAR}-03-05`,
      diagnosis: 'K35',
      lines: [
        { name: '药品', category: 'drug', inCatalog: true, quantity: 10, unitPrice: 50 },
        { name: '检查', category: 'exam', inCatalog: true, quantity: 1, unitPrice: 300 },
        { name: '材料', category: 'material', inCatalog: false, quantity: 1, unitPrice: 120 },
      ],
    },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}
async function settle(id: number): Promise<number> {
  const start = performance.now();
  const res = await t.app.inject({ method: 'POST', url: `/api/ncms/claims/${id}/settle`, headers: { cookie }, payload: {} });
  if (res.statusCode !== 200) throw new Error(res.body);
  return performance.now() - start;
}

const serialIds: number[] = [];
for (let i = 0; i < count + 20; i++) serialIds.push(await admit(i));
for (const id of serialIds.slice(0, 20)) await settle(id); // warm-up
const serial = await timeEach(serialIds.slice(20), settle, 0);

const parallelIds: number[] = [];
for (let i = 0; i < count * 2; i++) parallelIds.push(await admit(i));
const samples: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < parallelIds.length) samples.push(await settle(parallelIds[next++]!));
  }),
);
const wall = performance.now() - started;
samples.sort((a, b) => a - b);

const ms = (x: number) => x.toFixed(1);
console.log(`database: ${t.handle.kind}; ${people.length} patients; each settle = one HTTP request (inject)`);
console.log(
  markdownTable(
    ['run', 'settlements', 'p50 ms', 'p99 ms', 'max ms', 'per second'],
    [
      ['one at a time', String(count), ms(serial.median), ms(serial.p99), ms(serial.max), (1000 / serial.median).toFixed(0)],
      [`${concurrency} clients at once`, String(samples.length), ms(percentile(samples, 0.5)), ms(percentile(samples, 0.99)), ms(samples.at(-1)!), ((samples.length / wall) * 1000).toFixed(0)],
    ],
  ),
);
await t.close();
