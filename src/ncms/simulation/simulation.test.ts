import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../../core/auth/actor.ts';
import { rowsHash } from '../../testing/demo-fixtures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { exampleSchemeDocument } from '../testing/example-scheme.ts';
import { prepareSimulation, runSimulation } from './simulation.ts';
import type { SchemeOutcome } from './outcome.ts';
import { generousSchemeDocument, SIMULATED_YEAR, simulationYear } from './simulation-fixtures.ts';

let t: TestApp;
const actor = systemActor('测试');
const db = () => t.handle.db;

beforeAll(async () => {
  t = await createTestApp();
  await simulationYear(t.handle.db, t.county);
}, 120_000);
afterAll(() => t.close());

const simulate = async (document: unknown) => runSimulation(db(), actor, await prepareSimulation(db(), actor, { document, year: SIMULATED_YEAR }));
const capPersons = (r: { outcome: SchemeOutcome }, cap: string) => r.outcome.caps.find((c) => c.cap === cap)!.persons;

/** Everything a simulation could touch if it wrote: claims, year-to-date sums, the fund, the audit log. */
const stateHash = async () =>
  rowsHash(
    ...(await Promise.all(
      ['ncms_claim', 'ncms_year_to_date', 'ncms_fund_balance', 'ncms_fund_line', 'ncms_scheme', 'audit_log'].map(
        async (table) => (await sql`select * from ${sql.table(table)} order by 1, 2`.execute(db())).rows,
      ),
    )),
  );

describe('补偿方案测算', () => {
  it('under the scheme in force reproduces what the stored claims were paid, leaving out reversed and not-enrolled claims', async () => {
    const report = await simulate(exampleSchemeDocument());
    const stored = await db()
      .selectFrom('ncms_claim')
      .select((eb) => [eb.fn.sum<string>('pay_fen').as('paid'), eb.fn.countAll<string>().as('n')])
      .where('status', '=', 'settled')
      .executeTakeFirstOrThrow();
    // 7 + 4 visits, one county admission, the uncovered county visit, one township admission, two chronic visits.
    expect(report.claims).toBe(16);
    expect(report.persons).toBe(4);
    expect(report.inForce.outcome.paidFen).toBe(Number(stored.paid));
    expect(report.storedPaidFen).toBe(Number(stored.paid));
    expect(report.inForce.outcome.paidFen).toBe(20_000 + 6_000 + 645_000 + 15_000_000 + 2 * 25_500);
    expect(report.proposed.outcome).toEqual(report.inForce.outcome);
    expect(report.inForce.outcome.rejected).toEqual([{ reason: 'level_not_covered', name: expect.stringContaining('不予报销'), claims: 1 }]);
    expect(capPersons(report.inForce, 'outpatientAnnual')).toBe(1);
    expect(capPersons(report.inForce, 'annual')).toBe(1);
    // 实际补偿比 by level: the county admission 6 450 of 10 000; the township one 150 000 of 200 000.
    expect(report.inForce.outcome.inpatientByLevel.map((s) => [s.level, s.ratio])).toEqual([
      ['township', 0.75],
      ['county', 0.645],
    ]);
    expect(report.inForce.outcome.outpatientByLevel.map((s) => [s.level, s.claims, s.paidFen])).toEqual([
      ['village', 4, 6_000],
      ['township', 7, 20_000],
      ['county', 1, 0],
    ]);
    // Raised: the ledger's contributions of 4 enrolled persons × (400 + 700).
    expect(report.inForce.outcome.raisedFen).toBe(4 * 110_000);
    expect(report.assumedEnrolled).toBe(4);
    expect(report.inForce.outcome.selfPay.persons).toBe(4);
    expect(report.inForce.outcome.selfPay.maxFen).toBe(200_000_00 - 150_000_00);
  });

  it('a more generous scheme pays more, hits the caps more, and its financing changes the funds raised', async () => {
    const report = await simulate(generousSchemeDocument());
    const [a, b] = [report.inForce.outcome, report.proposed.outcome];
    expect(b.paidFen).toBeGreaterThan(a.paidFen);
    expect(b.balanceFen).toBe(b.raisedFen - b.paidFen);
    expect(capPersons(report.proposed, 'outpatientAnnual')).toBe(2); // 4 × 56 元 now passes 200 元
    expect(capPersons(report.proposed, 'outpatientAnnual')).toBeGreaterThan(capPersons(report.inForce, 'outpatientAnnual'));
    expect(b.inpatientByLevel.find((s) => s.level === 'county')!.ratio).toBe(0.7395); // (9 000 − 300) × 0.85 / 10 000
    expect(b.raisedFen).toBe(4 * 118_000);
    expect(report.proposed.year).toBe(2026);
    expect(report.notes.join()).toContain('拟议方案为 2026 年度方案，按其规则重算 2025 年度的报销单据');
    expect(report.notes.join()).toContain('人均筹资 1,180.00 元（现行 1,100.00 元）');
    expect(b.selfPay.meanFen).toBeLessThan(a.selfPay.meanFen);
  });

  it('writes nothing: claims, year-to-date sums, fund and audit log are unchanged by a simulation through the API', async () => {
    const { cookie } = await t.as('ncms'); // logging in writes the audit log: before the state is taken
    const auditor = await t.as('auditor');
    const before = await stateHash();
    const started = await t.app.inject({ method: 'POST', url: '/api/ncms/simulations', headers: { cookie }, payload: { year: SIMULATED_YEAR, document: generousSchemeDocument() } });
    expect(started.statusCode, started.body).toBe(202);
    let job = started.json();
    for (let i = 0; i < 100 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await t.app.inject({ method: 'GET', url: `/api/ncms/simulations/${job.id}`, headers: { cookie } })).json();
    }
    expect(job.status).toBe('done');
    expect(job.progress.share).toBe(1);
    expect(job.report.proposed.outcome.paidFen).toBeGreaterThan(job.report.inForce.outcome.paidFen);
    expect(await stateHash()).toBe(before);

    // An auditor (ncms.read) may read the result but not run a simulation.
    expect((await t.app.inject({ method: 'GET', url: `/api/ncms/simulations/${job.id}`, headers: auditor })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/ncms/simulations', headers: auditor, payload: { year: SIMULATED_YEAR, document: exampleSchemeDocument() } })).statusCode).toBe(403);
  });

  it('refuses an invalid scheme with the field named, and years with nothing to compare or replay', async () => {
    const { cookie } = await t.as('ncms');
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/ncms/simulations', headers: { cookie }, payload });
    const bad = exampleSchemeDocument();
    const invalid = await post({ year: SIMULATED_YEAR, document: { ...bad, inpatient: { ...bad.inpatient, county: { deductible: 400, ratio: 1.5 } } } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: 'invalid_scheme', field: 'document.inpatient.county.ratio' });
    expect(invalid.json().error.message).toContain('inpatient.county.ratio：');

    const otherPool = await post({ year: SIMULATED_YEAR, pool: '430703', document: bad });
    expect(otherPool.json().error).toMatchObject({ field: 'document.pool', message: expect.stringContaining('与要测算的统筹区 430703 不一致') });
    const noScheme = await post({ year: 2024, document: bad });
    expect(noScheme.json().error).toMatchObject({ code: 'no_active_scheme', field: 'year', message: expect.stringContaining('2024 年度没有执行中的补偿方案') });
    const noClaims = await post({ year: SIMULATED_YEAR + 1, document: bad });
    expect(noClaims.json().error).toMatchObject({ code: 'no_claims', field: 'year', message: expect.stringContaining('没有已结算的报销单据') });
  });
});
