import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { systemActor, type Actor } from '../../../core/auth/actor.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { visitWorld, send } from '../intake/testing/visit-fixtures.ts';
import type { VisitInput } from '../intake/visit-input.ts';
import { linkVisit } from '../intake/visit-lists.ts';
import { diseaseSpectrum, type RankingQuery } from './rankings.ts';
import { rank } from './rank.ts';

// The 疾病谱 read from disease_visit_rollup equals the ranking counted from the visits themselves, for every level,
// over random small sets of visits, resends and manual links.

let t: TestApp;
let world: Awaited<ReturnType<typeof visitWorld>>;
let paths: Map<number, string>;
const PERIOD = { from: '2026-03-01', to: '2026-03-03' };
const CODES = ['J06.9', 'I10', 'K29.7', 'B26.9', 'A09.0', 'J11'];
// Around both ends of the period and around midnight Beijing time (16:00 UTC), where a day boundary lies.
const TIMES = ['2026-02-28 23:59', '2026-03-01 00:00', '2026-03-01 08:30', '2026-03-02 23:30', '2026-03-03 23:59', '2026-03-04 00:00'];
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  world = await visitWorld(t.handle.db, t.county);
  paths = new Map((await t.handle.db.selectFrom('area').select(['id', 'path']).execute()).map((a) => [a.id, a.path]));
});
afterAll(() => t?.close());

/** The ranking counted straight from the visits: principal diagnoses, Shanghai days, the same filters. */
async function fromVisits(q: RankingQuery) {
  const areaIds = q.areaId === undefined ? undefined : [...paths].filter(([, p]) => p.startsWith(paths.get(q.areaId!)!)).map(([id]) => id);
  const { rows } = await sql<{ category: string; n: number }>`
    select d.category, count(*)::int as n from disease_visit v join disease_visit_diagnosis d on d.visit_id = v.id and d.seq = 1
    where (v.visited_at at time zone 'Asia/Shanghai')::date between ${q.from}::date and ${q.to}::date
      and (${q.institutionId ?? null}::int is null or v.institution_id = ${q.institutionId ?? null}::int)
      and (${areaIds ?? null}::int[] is null or v.residence_area_id = any(${areaIds ?? null}::int[]))
    group by 1`.execute(t.handle.db);
  return rank(rows, 'category', 50);
}

async function expectSameAsVisits() {
  const { areas } = t.county;
  const { hospital, centre, clinic } = world.institutions;
  const queries: RankingQuery[] = [{}, { areaId: areas.town }, { areaId: areas.eastVillage }, { areaId: areas.street }, { institutionId: hospital }, { institutionId: centre }, { institutionId: clinic }].map((q) => ({ ...PERIOD, top: 50, ...q }));
  const actor: Actor = { ...systemActor('测试'), role: 'cdc_staff', scope: { areaId: areas.county, path: paths.get(areas.county)! } };
  for (const q of queries) {
    const { by, total, rows, others } = await diseaseSpectrum(t.handle.db, actor, q);
    expect({ by, total, rows, others }, JSON.stringify(q)).toEqual(await fromVisits(q));
  }
}

const senders = ['hospital', 'centre', 'clinic'] as const;
// Residents each sender may send for, and a misspelt name with no ID (left unmatched).
const patientsOf = (sender: (typeof senders)[number]): Array<VisitInput['patient']> => {
  const { zhang, li, wang, zhao } = world.residents;
  const own = [zhang, li, wang].map((r) => ({ name: r.name, idNumber: r.idNumber }));
  return [...own, ...(sender === 'hospital' ? [{ name: zhao.name, idNumber: zhao.idNumber }] : []), { name: '张叁', birthDate: '1950-01-01', address: '不详' }];
};

const visitArb = fc.record({ sender: fc.constantFrom(...senders), patient: fc.nat(4), time: fc.constantFrom(...TIMES), codes: fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 2 }) });

describe('disease ranking from the rollup', () => {
  it('equals the ranking counted from the visits, after resends and manual links', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(visitArb, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), async (drawn, resend, link) => {
        const bySender = new Map<(typeof senders)[number], VisitInput[]>();
        for (const v of drawn) {
          const patients = patientsOf(v.sender);
          const input: VisitInput = { visitId: `P${++serial}`, patient: patients[v.patient % patients.length]!, department: '门诊', visitedAt: v.time, diagnoses: v.codes.map((code) => ({ code })) };
          bySender.set(v.sender, [...(bySender.get(v.sender) ?? []), input]);
        }
        for (const [sender, inputs] of bySender) {
          await send(t.handle.db, world.institutions[sender], inputs);
          if (resend) expect((await send(t.handle.db, world.institutions[sender], inputs)).repeated).toBe(inputs.length);
        }
        if (link) {
          const unmatched = await t.handle.db.selectFrom('disease_visit').select('id').where('person_id', 'is', null).orderBy('id').limit(1).executeTakeFirst();
          const li = await t.handle.db.selectFrom('person').select('id').where('name', '=', '李四').executeTakeFirstOrThrow();
          if (unmatched) await linkVisit(t.handle.db, systemActor('测试'), Number(unmatched.id), li.id);
        }
        await expectSameAsVisits();
      }),
      { numRuns: 20 },
    );
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from disease_visit_rollup where visits <= 0`.execute(t.handle.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('is rebuilt by the migration’s backfill exactly as intake and linking kept it', async () => {
    const db = t.handle.db;
    const rollup = (from: typeof db) => from.selectFrom('disease_visit_rollup').selectAll().orderBy(['day', 'institution_id', 'residence_area_id', 'category']).execute();
    const kept = await rollup(db);
    expect(kept.length).toBeGreaterThan(0);
    const migration = readFileSync(new URL('../migrations/0004_visit_rollup.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('insert into disease_visit_rollup'));
    await db.transaction().execute(async (trx) => {
      await sql`delete from disease_visit_rollup`.execute(trx);
      await sql.raw(backfill).execute(trx);
      expect(await rollup(trx)).toEqual(kept);
    });
  });
});
