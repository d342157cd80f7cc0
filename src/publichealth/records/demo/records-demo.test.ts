import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { rowsHash, sharedDemoCounty } from '../../../testing/demo-fixtures.ts';
import { BasicInfoSchema, basicInfoProblem, type BasicInfo } from '../basic-info.ts';
import { completeness } from '../completeness.ts';
import { recordIndicators } from '../indicators.ts';
import { recordsDemoSteps } from './records-demo.ts';

const AS_OF = '2026-11-23';
const actor = systemActor('测试');

const records = (db: Db) =>
  db
    .selectFrom('health_record as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('area as v', 'v.id', 'p.area_id')
    .select(['r.id', 'r.record_no', 'r.medium', 'r.created_on', 'r.institution_id', 'r.institution_name', 'r.responsible_doctor', 'r.basic_info', 'r.missing_items', 'p.birth_date', 'p.status_date', 'v.code as village_code'])
    .orderBy('r.id')
    .execute();

async function keyRowsHash(db: Db): Promise<string> {
  const checks = await db.selectFrom('health_check').select(['record_id', 'checked_on', 'doctor', 'systolic', 'diastolic', 'conclusion']).orderBy('id').execute();
  const counters = await db.selectFrom('health_record_counter').selectAll().orderBy('village_code').execute();
  return rowsHash(await records(db), checks, counters);
}

describe('records demo data', () => {
  const demo = sharedDemoCounty(recordsDemoSteps[0]!, { population: 8_000, asOf: AS_OF, keyRowsHash });
  let db: Db;
  beforeAll(() => {
    db = demo.db();
  });

  it('gives every township a county’s figures: 建档率 80-92 %, 完整率 70-95 %, 动态使用率 40-70 %, a few paper records', async () => {
    const { townships, total } = await recordIndicators(db, actor, { from: '2026-01-01', to: AS_OF });
    expect(townships.length).toBeGreaterThan(5);
    for (const t of townships) {
      const rates = { name: t.name, record: t.recordRate.rate, complete: t.completenessRate.rate, use: t.useRate.rate };
      expect(t.recordRate.rate!, JSON.stringify(rates)).toBeGreaterThanOrEqual(0.8);
      expect(t.recordRate.rate!, JSON.stringify(rates)).toBeLessThanOrEqual(0.92);
      expect(t.completenessRate.rate!, JSON.stringify(rates)).toBeGreaterThanOrEqual(0.7);
      expect(t.completenessRate.rate!, JSON.stringify(rates)).toBeLessThanOrEqual(0.95);
      expect(t.useRate.rate!, JSON.stringify(rates)).toBeGreaterThanOrEqual(0.4);
      expect(t.useRate.rate!, JSON.stringify(rates)).toBeLessThanOrEqual(0.7);
    }
    const paper = total.recordRate.numerator - total.electronicRate.numerator;
    expect(paper).toBeGreaterThan(0);
    expect(paper / total.recordRate.numerator).toBeLessThan(0.06);
  });

  it('numbers records by village in the order they were opened, with the counter at the last number', async () => {
    const rows = await records(db);
    expect(new Set(rows.map((r) => r.record_no)).size).toBe(rows.length);
    const byVillage = new Map<string, typeof rows>();
    for (const r of rows) {
      expect(r.record_no).toMatch(/^\d{17}$/);
      expect(r.record_no.slice(0, 12)).toBe(r.village_code);
      byVillage.set(r.village_code, [...(byVillage.get(r.village_code) ?? []), r]);
    }
    const counters = new Map((await db.selectFrom('health_record_counter').selectAll().execute()).map((c) => [c.village_code, c.last_seq]));
    expect(counters.size).toBe(byVillage.size);
    for (const [code, list] of byVillage) {
      list.sort((a, b) => a.record_no.localeCompare(b.record_no));
      expect(list.map((r) => Number(r.record_no.slice(12)))).toEqual(list.map((_, i) => i + 1));
      for (let i = 1; i < list.length; i++) expect(list[i]!.created_on >= list[i - 1]!.created_on).toBe(true);
      expect(counters.get(code)).toBe(list.length);
    }
  });

  it('stores the missing items completeness.ts finds, in sections the module accepts, opened between birth and leaving', async () => {
    const rows = await records(db);
    let incomplete = 0;
    for (const r of rows) {
      const basicInfo = r.basic_info as BasicInfo;
      const missing = completeness({ institutionName: r.institution_name, responsibleDoctor: r.responsible_doctor, basicInfo }).missing.map((m) => m.key);
      expect(r.missing_items, r.record_no).toEqual(missing);
      if (missing.length) incomplete++;
      expect(BasicInfoSchema.safeParse(basicInfo).success, r.record_no).toBe(true);
      expect(basicInfoProblem(basicInfo, { birthDate: r.birth_date, today: AS_OF }), r.record_no).toBeNull();
      expect(r.created_on >= r.birth_date && r.created_on <= (r.status_date ?? AS_OF)).toBe(true);
      expect(r.institution_name).toBeTruthy();
      if (r.medium === 'paper') expect(basicInfo).toEqual({});
    }
    expect(incomplete).toBeGreaterThan(0);
    // One version row per record, version 1, as createRecord writes it.
    const versions = await sql<{ n: number; bad: number }>`select count(*)::int as n, (count(*) filter (where v.version <> 1 or v.after->>'recordNo' <> r.record_no))::int as bad
      from health_record_version v join health_record r on r.id = v.record_id`.execute(db);
    expect(versions.rows[0]).toEqual({ n: rows.length, bad: 0 });
    const checks = await sql<{ bad: number }>`select count(*)::int as bad from health_check c join health_record r on r.id = c.record_id
      where c.person_id <> r.person_id or c.checked_on < r.created_on or c.checked_on > ${AS_OF}::date`.execute(db);
    expect(checks.rows[0]!.bad).toBe(0);
  });
});
