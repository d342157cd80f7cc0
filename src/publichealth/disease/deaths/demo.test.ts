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
import { ncmsDemoStep } from '../../../ncms/demo/ncms-demo.ts';
import { claimsTimelineProvider } from '../../../ncms/claims/timeline.ts';
import { immunizationDemoStep } from '../../immunization/demo/immunization-demo.ts';
import { immunizationTimelineProvider } from '../../immunization/timeline.ts';
import { deathDemoSteps, deathMarkingDemoSteps } from './demo.ts';
import { expectedDeathsByTownship } from './expected-deaths.ts';
import { addDays } from '../../../core/dates.ts';

const AS_OF = '2026-11-30';
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
  const county = await generateDemoCounty(handle.db, { population: 12000, seed: 'deaths-demo', asOf: AS_OF });
  // In MODULE_DEMOS order: the year's deaths marked first, the NCMS, immunization, visits and cards demos, then the
  // registration, so the planted mumps cluster is there to find and no service comes after a death.
  const steps = [...deathMarkingDemoSteps, ncmsDemoStep, immunizationDemoStep, ...visitDemoSteps, ...reportCardDemoSteps, ...deathDemoSteps];
  await runModuleDemos(handle.db, { seed: county.seed, asOf: county.asOf }, {}, steps);
}, 240_000);
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

  it('gives no one an NCMS claim, vaccination or visit after their death', async () => {
    const dead = await handle.db.selectFrom('person').select(['id', 'status_date']).where('status', '=', 'deceased').where('status_date', '>=', addDays(AS_OF, -364)).execute();
    expect(dead.length).toBeGreaterThan(20);
    const after: string[] = [];
    let claimsBefore = 0;
    for (const p of dead) {
      for (const provider of [claimsTimelineProvider, immunizationTimelineProvider]) {
        for (const e of await provider.fetch(handle.db, systemActor(), p.id, {})) {
          if (e.date > p.status_date!) after.push(`${p.id} ${p.status_date} ${e.module} ${e.date}`);
          else if (e.module === 'ncms') claimsBefore++;
        }
      }
    }
    expect(after).toEqual([]);
    expect(claimsBefore).toBeGreaterThan(0); // the dead did have claims, before their death
    expect(await countOf(handle.db, `select count(*) as n from disease_visit v join person p on p.id = v.person_id
      where p.status = 'deceased' and (v.visited_at at time zone 'Asia/Shanghai')::date > p.status_date`)).toBe(0);
  });

  it('finds the mumps cluster the visits demo plants, as one open alert', async () => {
    const mumps = (await listClusters(handle.db, systemActor())).filter((c) => c.ruleKey === 'mumps');
    expect(mumps).toHaveLength(1);
    expect(mumps[0]).toMatchObject({ status: 'open' });
    expect(mumps[0]!.caseCount).toBeGreaterThanOrEqual(10);
  });
});
