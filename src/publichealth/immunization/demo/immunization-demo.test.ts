import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { countOf as count, rowsHash, sharedDemoCounty } from '../../../testing/demo-fixtures.ts';
import { coverageIndicators } from '../indicators/coverage-service.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { scheduleForChild } from '../schedules/load.ts';
import { validateInput } from '../validate-input.ts';
import { immunizationDemoStep } from './immunization-demo.ts';

const AS_OF = '2026-11-23';
const LIVE_INJECTED = new Set([...NIP_SCHEDULES.vaccines.values()].filter((v) => v.live && v.route === 'injection').map((v) => v.code as string));
const POPULATION = 30_000;
const actor = systemActor('测试');

async function keyRowsHash(db: Db): Promise<string> {
  const children = await db.selectFrom('imm_child').select(['id', 'person_id', 'clinic_id', 'area_id', 'residence', 'status', 'status_date', 'certificate_no', 'guardian_name', 'guardian_phone', 'conditions']).orderBy('id').execute();
  const doses = await db.selectFrom('imm_dose').select(['id', 'child_id', 'vaccine', 'dose', 'given_on', 'batch_id', 'vaccinator']).orderBy('id').execute();
  const batches = await db.selectFrom('imm_batch').select(['id', 'institution_id', 'vaccine', 'manufacturer', 'batch_no', 'expiry', 'received_qty', 'remaining']).orderBy('id').execute();
  return rowsHash(children, doses, batches);
}

describe('immunization demo data', () => {
  const demo = sharedDemoCounty(immunizationDemoStep, { population: POPULATION, asOf: AS_OF, keyRowsHash });
  let db: Db;
  beforeAll(() => {
    db = demo.db();
  });

  it('registers every child under 7 once, at the clinic of the township it lives in, with a few migrants and moves', async () => {
    const under7 = await count(db, `select count(*) as n from person where birth_date > '2019-11-23' and birth_date <= '${AS_OF}'`);
    expect(under7).toBeGreaterThan(1000);
    expect(await count(db, `select count(*) as n from imm_child`)).toBe(under7);
    // The clinic's area is the township of the village the child lives in.
    expect(await count(db, `select count(*) as n from imm_child c join area v on v.id = c.area_id join institution i on i.id = c.clinic_id where i.area_id <> v.parent_id or not ('immunization_clinic' = any(i.designations))`)).toBe(0);
    // residence follows where the household is registered compared with where the child lives.
    const residence = await sql<{ residence: string; same: boolean; n: string }>`
      select c.residence, hv.parent_id = v.parent_id as same, count(*) as n from imm_child c
      join person p on p.id = c.person_id join household h on h.id = p.household_id join area hv on hv.id = h.area_id join area v on v.id = c.area_id
      group by 1, 2`.execute(db);
    for (const r of residence.rows) expect(r.residence).toBe(r.same ? 'local' : 'migrant_in');
    const migrants = Number(residence.rows.find((r) => r.residence === 'migrant_in')?.n ?? 0);
    expect(migrants / under7).toBeGreaterThan(0.005);
    expect(migrants / under7).toBeLessThan(0.05);
    const moved = await count(db, `select count(*) as n from imm_child where status = 'moved_away'`);
    expect(moved).toBeGreaterThan(0);
    expect(moved / under7).toBeLessThan(0.05);
    expect(await count(db, `select count(*) as n from imm_child where guardian_name = '' or guardian_phone is null`)).toBe(0);
  });

  it('numbers certificates as the registry does, without gaps, with the counters at the last number', async () => {
    const rows = await db.selectFrom('imm_child').innerJoin('institution', 'institution.id', 'imm_child.clinic_id').innerJoin('area', 'area.id', 'institution.area_id').select(['certificate_no', 'certificate_issued_on', 'area.code']).where('certificate_no', 'is not', null).execute();
    const children = await count(db, `select count(*) as n from imm_child`);
    expect(rows.length / children).toBeGreaterThan(0.97);
    const bySeries = new Map<string, number[]>();
    for (const r of rows) {
      expect(r.certificate_no).toMatch(/^\d{18}$/);
      expect(r.certificate_no!.slice(0, 9)).toBe(r.code.slice(0, 9));
      expect(r.certificate_no!.slice(9, 13)).toBe(r.certificate_issued_on!.slice(0, 4));
      const key = r.certificate_no!.slice(0, 13);
      bySeries.set(key, [...(bySeries.get(key) ?? []), Number(r.certificate_no!.slice(13))]);
    }
    const counters = await db.selectFrom('imm_certificate_counter').selectAll().execute();
    expect(counters).toHaveLength(bySeries.size);
    for (const c of counters) {
      const numbers = bySeries.get(`${c.prefix}${c.year}`)!.sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: c.last_no }, (_, i) => i + 1));
    }
  });

  it('stores dose histories the engine accepts: none before birth, none skipped, none after the as-of day or the move', async () => {
    const children = await db.selectFrom('imm_child').innerJoin('person', 'person.id', 'imm_child.person_id').select(['imm_child.id', 'person.birth_date', 'imm_child.conditions', 'imm_child.status_date']).execute();
    const doses = await db.selectFrom('imm_dose').select(['child_id', 'vaccine', 'dose', 'given_on']).execute();
    const byChild = new Map<number, typeof doses>();
    for (const d of doses) byChild.set(d.child_id, [...(byChild.get(d.child_id) ?? []), d]);
    for (const c of children) {
      const given = (byChild.get(c.id) ?? []).map((d) => ({ vaccine: d.vaccine, dose: d.dose, date: d.given_on }));
      expect(() => validateInput(scheduleForChild(NIP_SCHEDULES, c.conditions), c.birth_date, given, AS_OF)).not.toThrow();
      for (const g of given) expect(g.date <= (c.status_date ?? AS_OF)).toBe(true);
      // Live injectable vaccines on different days are at least 28 days apart, as the plan places them.
      const live = [...new Set(given.filter((g) => LIVE_INJECTED.has(g.vaccine)).map((g) => Date.parse(g.date)))].sort((a, b) => a - b);
      for (let i = 1; i < live.length; i++) expect(live[i]! - live[i - 1]!).toBeGreaterThanOrEqual(28 * 86_400_000);
    }
    expect(doses.length / children.length).toBeGreaterThan(8);
  });

  it('takes every dose from a batch of its clinic received before it and valid on the day, with stock = received − used', async () => {
    expect(await count(db, `select count(*) as n from imm_dose d join imm_batch b on b.id = d.batch_id join imm_child c on c.id = d.child_id
      where b.vaccine <> d.vaccine or b.institution_id <> d.institution_id or d.institution_id <> c.clinic_id or d.given_on > b.expiry or d.given_on < b.received_on`)).toBe(0);
    expect(await count(db, `select count(*) as n from imm_dose where batch_id is null or vaccinator is null`)).toBe(0);
    expect(await count(db, `select count(*) as n from imm_batch b left join (select batch_id, count(*) as used from imm_dose group by batch_id) u on u.batch_id = b.id
      where b.remaining <> b.received_qty - coalesce(u.used, 0)`)).toBe(0);
    expect(await count(db, `select count(*) as n from imm_batch b join (select batch_id, sum(quantity) as q from imm_stock_movement group by batch_id) m on m.batch_id = b.id where m.q <> b.remaining`)).toBe(0);
    // Every clinic holds current stock that has not expired.
    expect(await count(db, `select count(distinct institution_id) as n from imm_batch where remaining > 0 and expiry > '${AS_OF}'`)).toBe(await count(db, `select count(distinct clinic_id) as n from imm_child`));
  });

  it('gives most villages coverage above 90 %, a few lagging, and county coverage and timeliness in plausible ranges', async () => {
    const byVillage = new Map<number, { eligible: number; given: number }>();
    for (const year of [2022, 2023, 2024, 2025, 2026]) {
      const answer = await coverageIndicators(db, actor, { period: String(year), level: 'village' }, AS_OF);
      for (const v of answer.areas) {
        const sum = byVillage.get(v.areaId!) ?? { eligible: 0, given: 0 };
        for (const d of v.doses) {
          sum.eligible += d.eligible;
          sum.given += d.given;
        }
        byVillage.set(v.areaId!, sum);
      }
    }
    const rates = [...byVillage.values()].filter((v) => v.eligible >= 80).map((v) => v.given / v.eligible);
    expect(rates.length).toBeGreaterThan(10);
    expect(rates.filter((r) => r >= 0.9).length / rates.length).toBeGreaterThan(0.8);
    expect(rates.filter((r) => r < 0.88).length).toBeGreaterThanOrEqual(1);
    expect(Math.min(...rates)).toBeGreaterThan(0.6);

    const county = await coverageIndicators(db, actor, { period: '2025' }, AS_OF);
    const eligible = county.total.doses.reduce((s, d) => s + d.eligible, 0);
    const given = county.total.doses.reduce((s, d) => s + d.given, 0);
    const timely = county.total.doses.reduce((s, d) => s + d.timely, 0);
    expect(given / eligible).toBeGreaterThan(0.9);
    expect(given / eligible).toBeLessThan(0.99);
    expect(timely / eligible).toBeGreaterThan(0.75);
    expect(timely / eligible).toBeLessThan(given / eligible);
    expect(county.total.certificate.rate!).toBeGreaterThan(0.97);
    expect(county.total.certificate.migrants).toBeGreaterThan(0);
  });
});
