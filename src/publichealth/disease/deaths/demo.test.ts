import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { countOf } from '../../../testing/demo-fixtures.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import { generateDemoCounty } from '../../../core/demo/generate.ts';
import { runModuleDemos } from '../../../module-demos.ts';
import { visitDemoSteps } from '../intake/demo.ts';
import { reportCardDemoSteps } from '../cards/demo.ts';
import { listClusters } from '../clusters/clusters.ts';
import { findIcd10 } from '../icd10/icd10.ts';
import { deathDemoSteps } from './demo.ts';
import { expectedDeathsByTownship } from './expected-deaths.ts';
import { addDays } from '../../../core/dates.ts';

const AS_OF = '2026-11-30';
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await generateDemoCounty(handle.db, { population: 12000, seed: 'deaths-demo', asOf: AS_OF });
  // With the visits and cards before it, as MODULE_DEMOS runs them, so the planted mumps cluster is there to find.
  await runModuleDemos(handle.db, { seed: county.seed, asOf: county.asOf }, {}, [...visitDemoSteps, ...reportCardDemoSteps, ...deathDemoSteps]);
});
afterAll(() => handle.close());

describe('deaths demo', () => {
  it('registers deaths of deceased residents with known codes, and the two lagging townships are flagged', async () => {
    const deaths = await handle.db.selectFrom('disease_death').select(['underlying_icd10', 'cause_a', 'cause_b', 'death_date']).execute();
    expect(deaths.length).toBeGreaterThan(20);
    for (const d of deaths) for (const code of [d.underlying_icd10, d.cause_a, d.cause_b]) if (code) expect(findIcd10(code), code).toBeDefined();
    expect(await countOf(handle.db, `select count(*) as n from disease_death d join person p on p.id = d.person_id where p.status <> 'deceased' or p.status_date <> d.death_date`)).toBe(0);
    const report = await expectedDeathsByTownship(handle.db, systemActor(), { from: addDays(AS_OF, -364), to: AS_OF });
    const audit = await handle.db.selectFrom('audit_log').select('after').where('entity', '=', 'demo_module').where('entity_id', '=', 'disease-deaths').executeTakeFirstOrThrow();
    const lagging = (audit.after as { underReporting: string[] }).underReporting;
    expect(lagging).toHaveLength(2);
    expect(report.townships.filter((t) => t.underReporting).map((t) => t.name).sort()).toEqual([...lagging].sort());
  });

  it('finds the mumps cluster the visits demo plants, as one open alert', async () => {
    const mumps = (await listClusters(handle.db, systemActor())).filter((c) => c.ruleKey === 'mumps');
    expect(mumps).toHaveLength(1);
    expect(mumps[0]).toMatchObject({ status: 'open' });
    expect(mumps[0]!.caseCount).toBeGreaterThanOrEqual(10);
  });
});
