import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../../core/db/connection.ts';
import { countOf, demoCountyWith } from '../../../testing/demo-fixtures.ts';
import { findIcd10 } from '../icd10/icd10.ts';
import { EVERYDAY_MIX, NOTIFIABLE_PLAN, SECOND_DIAGNOSIS } from './demo-plan.ts';
import { visitDemoSteps } from './demo.ts';
import { senderAreaPath } from './sender-area.ts';

const AS_OF = '2026-06-30';
let handle: DbHandle;

beforeAll(async () => {
  handle = await demoCountyWith(visitDemoSteps[0]!, { population: 8000, seed: 'visits-demo', asOf: AS_OF });
}, 120_000);
afterAll(() => handle?.close());

describe('visit demo', () => {
  it('draws only known ICD-10 codes', () => {
    const codes = [...EVERYDAY_MIX.flatMap((b) => b.diagnoses.map(([c]) => c)), ...SECOND_DIAGNOSIS.codes.map(([c]) => c), ...NOTIFIABLE_PLAN.map((p) => p.code)];
    expect(codes.filter((c) => findIcd10(c)?.code !== c)).toEqual([]);
  });

  it('writes a year of visits before the as-of day, with notifiable cases, unmatched visits and a mumps outbreak', async () => {
    const db = handle.db;
    expect(await countOf(db, 'select count(*) as n from disease_visit')).toBeGreaterThan(900);
    const { rows: span } = await sql<{ first: string; last: string }>`select min(visited_at)::text as first, max(visited_at)::text as last from disease_visit`.execute(db);
    expect(span[0]!.last < '2026-06-30').toBe(true);
    expect(span[0]!.first >= '2025-06-29').toBe(true);
    expect(await countOf(db, "select count(*) as n from disease_visit_diagnosis where icd10 = 'B08.4'")).toBeGreaterThan(0);
    expect(await countOf(db, "select count(*) as n from disease_visit where match_method = 'unmatched' and person_id is null and id_number is null")).toBeGreaterThan(0);
    // ≥10 mumps visits in one village within 7 days
    const { rows } = await sql<{ n: number }>`
      select max(c)::int as n from (
        select count(*) over (partition by v.residence_area_id order by v.visited_at range between interval '7 days' preceding and current row) as c
        from disease_visit v join disease_visit_diagnosis d on d.visit_id = v.id where d.category = 'B26' and v.residence_area_id is not null) w`.execute(db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(10);
    // the 疾病谱's counts cover every visit once
    expect(await countOf(db, 'select sum(visits) as n from disease_visit_rollup')).toBe(await countOf(db, 'select count(*) as n from disease_visit'));
  });

  it('keeps village clinics and township centres to residents of their own township', async () => {
    const { rows } = await sql<{ level: 'village' | 'township' | 'county' | 'outside'; ipath: string; rpath: string }>`
      select distinct i.level, ia.path as ipath, ra.path as rpath from disease_visit v
      join institution i on i.id = v.institution_id join area ia on ia.id = i.area_id join area ra on ra.id = v.residence_area_id`.execute(handle.db);
    expect(rows.filter((r) => !r.rpath.startsWith(senderAreaPath(r.level, r.ipath)))).toEqual([]);
  });
});
