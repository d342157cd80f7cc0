import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { countOf as count, rowsHash, sharedDemoCounty } from '../../testing/demo-fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { activeScheme } from '../schemes/scheme-store.ts';
import { enrollmentRates } from '../enrollment/enrollment-rate.ts';
import { checkFund } from '../fund/fund-check.ts';
import { monthlyStatements } from '../fund/statements.ts';
import { settle } from '../settlement/settle.ts';
import type { Claim } from '../settlement/claim.ts';
import { villageCardRegister } from '../cards/card-register.ts';
import { ncmsDemoStep } from './ncms-demo.ts';

const AS_OF = '2026-11-23';
const POPULATION = 4_000;
const actor = systemActor('测试');

async function keyRowsHash(db: Db): Promise<string> {
  const enrollments = await db.selectFrom('ncms_enrollment').select(['id', 'person_id', 'year', 'category', 'amount_fen', 'payer', 'receipt_no', 'collected_on']).orderBy('id').execute();
  const claims = await db
    .selectFrom('ncms_claim')
    .select(['id', 'person_id', 'institution_id', 'kind', 'level', 'admitted_on', 'discharged_on', 'diagnosis', 'referred', 'total_fen', 'out_of_catalog_fen', 'pay_fen', 'status'])
    .orderBy('id')
    .execute();
  const fund = await db.selectFrom('ncms_fund_transaction').select(['id', 'date', 'kind', 'reference_id', 'memo']).orderBy('id').execute();
  return rowsHash(enrollments, claims, fund);
}

describe('NCMS demo data', () => {
  const demo = sharedDemoCounty(ncmsDemoStep, { population: POPULATION, asOf: AS_OF, keyRowsHash });
  let db: Db;
  beforeAll(() => {
    db = demo.db();
  });

  it('activates the schemes of last year and this year', async () => {
    const last = await activeScheme(db, '430702', 2025);
    const current = await activeScheme(db, '430702', 2026);
    expect(last?.scheme.financing).toEqual({ individualFen: 38000, governmentFen: 67000 });
    expect(current?.scheme.financing).toEqual({ individualFen: 40000, governmentFen: 70000 });
    expect(current!.scheme.chronic.diseases.length).toBeGreaterThanOrEqual(10);
  });

  it('enrolls near 95 % of the rural residents each year, every village within bounds, with realistic categories', async () => {
    for (const year of [2025, 2026]) {
      const rates = await enrollmentRates(db, actor, { year });
      expect(rates.total.rate!).toBeGreaterThan(0.92);
      expect(rates.total.rate!).toBeLessThan(0.975);
      // Households join whole, so a village of a few dozen people swings; the middle village is near the county.
      for (const v of rates.villages) expect(v.rate ?? 0).toBeLessThanOrEqual(1);
      for (const v of rates.villages.filter((v) => v.shouldEnroll >= 30)) expect(v.rate!).toBeGreaterThan(0.6);
      const sorted = rates.villages.map((v) => v.rate ?? 0).sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length / 2)]!).toBeGreaterThan(0.9);
      const rows = await db.selectFrom('ncms_enrollment').select(['category', 'payer', 'amount_fen', 'receipt_no', 'collected_on']).where('year', '=', year).execute();
      const selfPaid = rows.filter((r) => r.category === 'self_paid').length / rows.length;
      expect(selfPaid).toBeGreaterThan(0.85);
      expect(selfPaid).toBeLessThan(0.97);
      for (const r of rows) {
        expect(r.amount_fen).toBe(year === 2025 ? 38000 : 40000);
        expect(r.payer).toBe(r.category === 'self_paid' ? 'individual' : r.category === 'other_fund' ? 'other' : 'government');
        expect(r.receipt_no !== null).toBe(r.payer === 'individual');
        expect(r.collected_on >= `${year - 1}-09-01`).toBe(true);
      }
      // Most were collected in the autumn before the year.
      expect(rows.filter((r) => r.collected_on < `${year}-01-01`).length / rows.length).toBeGreaterThan(0.97);
    }
  });

  it('has claim volumes per enrolled person in the expected ranges for the full year', async () => {
    const enrolled = await count(db, `select count(*) as n from ncms_enrollment where year = 2025`);
    const visits = await count(db, `select count(*) as n from ncms_claim where year = 2025 and kind = 'outpatient'`);
    const admitted = await count(db, `select count(distinct person_id) as n from ncms_claim where year = 2025 and kind = 'inpatient'`);
    expect(visits / enrolled).toBeGreaterThan(1.6);
    expect(visits / enrolled).toBeLessThan(2.5);
    expect(admitted / enrolled).toBeGreaterThan(0.05);
    expect(admitted / enrolled).toBeLessThan(0.095);
    const levels = await db.selectFrom('ncms_claim').select(['level', (eb) => eb.fn.countAll<string>().as('n')]).where('kind', '=', 'inpatient').groupBy('level').execute();
    const byLevel = Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]));
    const admissions = Object.values(byLevel).reduce((a, b) => a + b, 0);
    expect(byLevel.township! / admissions).toBeGreaterThan(0.35);
    expect(byLevel.outside! / admissions).toBeGreaterThan(0.08);
    expect(await count(db, `select count(*) as n from ncms_claim where kind = 'chronic'`)).toBeGreaterThan(0);
    expect(await count(db, `select count(*) as n from ncms_claim where kind = 'delivery'`)).toBeGreaterThan(0);
    // Outside admissions are at out-of-county institutions, county ones at the county and TCM hospitals.
    const places = await db.selectFrom('ncms_claim').innerJoin('institution', 'institution.id', 'ncms_claim.institution_id').select(['ncms_claim.level', 'institution.level as il', 'institution.name']).where('ncms_claim.kind', '=', 'inpatient').execute();
    for (const p of places) expect(p.il).toBe(p.level);
    // This year's claims stop at the as-of day.
    expect(await count(db, `select count(*) as n from ncms_claim where discharged_on > '${AS_OF}'`)).toBe(0);
  });

  it('stores exactly what the engine pays when the stored claims are settled again', async () => {
    for (const year of [2025, 2026]) {
      const { scheme } = (await activeScheme(db, '430702', year))!;
      const rows = await db.selectFrom('ncms_claim').selectAll().where('year', '=', year).orderBy('id').execute();
      const enrolled = new Set((await db.selectFrom('ncms_enrollment').select('person_id').where('year', '=', year).execute()).map((r) => String(r.person_id)));
      const claims: Claim[] = rows.map((r) => ({
        id: String(r.id),
        person: String(r.person_id),
        date: r.discharged_on!,
        level: r.level,
        kind: r.kind,
        diagnosis: r.diagnosis,
        referred: r.referred,
        totalFen: Number(r.total_fen),
        outOfCatalogFen: Number(r.out_of_catalog_fen),
      }));
      const results = settle(scheme, claims, { enrolled });
      rows.forEach((r, i) => {
        expect(Number(r.pay_fen)).toBe(Math.round(results[i]!.pay * 100));
        expect(Number(r.self_pay_fen)).toBe(Number(r.total_fen) - Number(r.pay_fen));
      });
      expect(rows.some((r) => r.capped === 'perVisit')).toBe(true);
    }
  });

  it('gives admissions cost lines that add up to the claim, in and out of the catalogue', async () => {
    const sums = await sql<{ bad: string }>`
      select count(*) as bad from ncms_claim c
      join (select claim_id, sum(amount_fen) as total, sum(amount_fen) filter (where not in_catalog) as outside, count(*) as n,
                   bool_and(amount_fen = round(quantity * unit_price_fen)) as exact
            from ncms_claim_line group by claim_id) l on l.claim_id = c.id
      where l.total <> c.total_fen or coalesce(l.outside, 0) <> c.out_of_catalog_fen or l.n <> c.line_count or not l.exact`.execute(db);
    expect(Number(sums.rows[0]!.bad)).toBe(0);
    expect(await count(db, `select count(*) as n from ncms_claim where kind in ('inpatient', 'delivery') and line_count < 4`)).toBe(0);
  });

  it('keeps year-to-date rows equal to the sums of the settled claims, reversals taken out', async () => {
    const mismatches = await sql<{ n: string }>`
      select count(*) as n from ncms_year_to_date y
      full join (select person_id, year,
                   coalesce(sum(pay_fen) filter (where bucket = 'outpatient' and status = 'settled'), 0) as o,
                   coalesce(sum(pay_fen) filter (where bucket = 'chronic' and status = 'settled'), 0) as c,
                   coalesce(sum(pay_fen) filter (where bucket = 'inpatient' and status = 'settled'), 0) as i,
                   coalesce(sum(pay_fen) filter (where bucket = 'major' and status = 'settled'), 0) as m
                 from ncms_claim where status in ('settled', 'reversed') group by person_id, year) s
        on s.person_id = y.person_id and s.year = y.year
      where y.person_id is null or s.person_id is null or y.outpatient_fen <> s.o or y.chronic_fen <> s.c or y.inpatient_fen <> s.i or y.major_fen <> s.m`.execute(db);
    expect(Number(mismatches.rows[0]!.n)).toBe(0);
    expect(await count(db, `select count(*) as n from ncms_claim_reversal`)).toBeGreaterThanOrEqual(0);
  });

  it('passes the fund check, with statements that add up and both paid and owed months', async () => {
    const check = await checkFund(db);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    // Every claim's pay is in the ledger: expense = settled pays (reversed ones posted and taken back).
    const expense = await count(db, `select sum(debit_fen) - sum(credit_fen) as n from ncms_fund_line where account = 'compensation_expense'`);
    const paid = await count(db, `select sum(pay_fen) as n from ncms_claim where status = 'settled'`);
    expect(expense).toBe(paid);
    const march = await monthlyStatements(db, actor, { year: 2026, month: 3 });
    expect(march.length).toBeGreaterThan(0);
    for (const s of march) {
      expect(s.closingFen).toBe(s.openingFen + s.settledFen - s.reversedFen - s.paidFen - s.deductedFen + s.adjustedFen);
    }
    expect(march.some((s) => s.paidFen > 0)).toBe(true);
    const november = await monthlyStatements(db, actor, { year: 2026, month: 11 });
    expect(november.every((s) => s.paidFen === 0)).toBe(true);
    expect(november.some((s) => s.closingFen > 0)).toBe(true);
  });

  it('issues cards to the enrolled households, most handed over, a few villages lagging', async () => {
    const enrolledHouseholds = await count(db, `select count(distinct household_id) as n from ncms_enrollment`);
    const cards = await count(db, `select count(*) as n from ncms_card where status = 'valid'`);
    expect(cards).toBe(enrolledHouseholds);
    const registers = [];
    for (const v of (await enrollmentRates(db, actor, { year: 2026 })).villages) registers.push(await villageCardRegister(db, actor, v.areaId));
    const delivered = registers.reduce((s, r) => s + r.delivered, 0);
    expect(delivered / cards).toBeGreaterThan(0.85);
    expect(delivered / cards).toBeLessThan(1);
    expect(registers.filter((r) => r.issued >= 10 && r.notDelivered / r.issued > 0.2).length).toBeGreaterThanOrEqual(1);
  });


  it('leaves the NCMS tables with the same indexes and foreign keys as the migrations make (bulk load rebuilds them)', async () => {
    // Of the database's own schema only: on PostgreSQL other test files' schemas come and go meanwhile. The index
    // definitions name their schema, which differs between the two databases compared.
    const schema = async (d: Db) => ({
      indexes: (await sql<{ d: string }>`select replace(indexdef, ' ' || schemaname || '.', ' ') as d from pg_indexes where schemaname = current_schema() and tablename like 'ncms%' order by 1`.execute(d)).rows.map((r) => r.d),
      keys: (await sql<{ d: string }>`select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as d from pg_constraint where connamespace = current_schema()::regnamespace and conrelid::regclass::text like 'ncms%' order by 1`.execute(d)).rows.map((r) => r.d),
    });
    const fresh = await createTestDb();
    try {
      const expected = await schema(fresh.db);
      expect(expected.indexes.some((d) => d.includes('ncms_claim_area'))).toBe(true);
      expect(await schema(db)).toEqual(expected);
    } finally {
      await fresh.close();
    }
  });
});
