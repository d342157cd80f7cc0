import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { generateDemoCounty } from '../../core/demo/generate.ts';
import { runModuleDemos, type ModuleDemoSummary } from '../../module-demos.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { countOf } from '../../testing/demo-fixtures.ts';
import { ncmsDemoStep } from '../demo/ncms-demo.ts';
import { checkFund } from '../fund/fund-check.ts';
import { monthlyStatements } from '../fund/statements.ts';
import { reviewDemoStep } from './demo.ts';

const AS_OF = '2026-11-23';
let handle: DbHandle;
let summary: ModuleDemoSummary;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await generateDemoCounty(handle.db, { population: 2_000, seed: 'test', asOf: AS_OF });
  const done = await runModuleDemos(handle.db, { seed: county.seed, asOf: county.asOf }, {}, [ncmsDemoStep, reviewDemoStep]);
  summary = done[1]!.summary;
});
afterAll(() => handle?.close());

it('selects every past month, decides most with a few adjustments and rejections, leaves some open', async () => {
  const db = handle.db;
  expect(summary.counts).toMatchObject({ rules: 2, runs: 22 }); // 2025 all year, 2026 January-October (run on 5 November)
  const c = summary.counts as Record<string, number>;
  expect(c.adjusted! > 0 && c.rejected! > 0 && c.open! > 0).toBe(true);
  expect(c.approved! > c.adjusted! + c.rejected!).toBe(true);
  expect(await countOf(db, `select count(*) as n from ncms_review_item where status = 'open' and year = 2025`)).toBeLessThan(c.open!);
  expect(await countOf(db, `select count(*) as n from ncms_review_item i join ncms_claim c on c.id = i.claim_id where c.status <> 'settled' or c.pay_fen <> i.settled_pay_fen`)).toBe(0);

  // The ledger agrees: deductions per institution in the statements equal the items', and the check is clean.
  expect((await checkFund(db)).problems).toEqual([]);
  const months = await db.selectFrom('ncms_review_decision').select(sql<string>`distinct to_char(booked_on, 'YYYY-MM')`.as('m')).where('posted_fen', '<>', 0).execute();
  let statementDeductions = 0;
  for (const { m } of months) for (const s of await monthlyStatements(db, systemActor(), { year: Number(m.slice(0, 4)), month: Number(m.slice(5)) })) statementDeductions += s.deductedFen;
  expect(statementDeductions).toBe(c.deductedFen);
});
