import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle, Db } from '../db/connection.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { actorForUser, login } from '../auth/sessions.ts';
import { listHouseholds } from '../people/households.ts';
import { searchPersons } from '../people/persons.ts';
import { parseResidentId } from '../people/resident-id.ts';
import { addDays } from '../dates.ts';
import { generateDemoCounty, type DemoProgress, type DemoSummary } from './generate.ts';
import { DEMO_PASSWORD, DEMO_USERS, listDemoUsers } from './demo-users.ts';
import { RELATION_NAMES, type Relation } from '../people/relations.ts';
import { RELATION_SEX } from './households.ts';
import { NO_ID_DAYS } from './residents.ts';

const AS_OF = '2026-06-30';
const POPULATION = 2_000;

async function personsHash(db: Db): Promise<string> {
  const rows = await db
    .selectFrom('person')
    .select(['id', 'household_id', 'relation', 'name', 'id_number', 'sex', 'birth_date', 'ethnicity', 'phone', 'status', 'status_date'])
    .orderBy('id')
    .execute();
  const households = await db.selectFrom('household').select(['id', 'area_id', 'household_no', 'address', 'phone', 'head_person_id']).orderBy('id').execute();
  return createHash('sha256').update(JSON.stringify([rows, households])).digest('hex');
}

describe('demo county generator', () => {
  let handle: DbHandle;
  let db: Db;
  let summary: DemoSummary;
  const progress: DemoProgress[] = [];

  beforeAll(async () => {
    handle = await createTestDb();
    db = handle.db;
    summary = await generateDemoCounty(db, { population: POPULATION, seed: 'test', asOf: AS_OF, onProgress: (p) => progress.push(p) });
  });
  afterAll(() => handle.close());

  it('builds the planned areas: 12 townships (5 streets, 4 towns, 3 townships) and 131 villages and communities', async () => {
    const kinds = await db.selectFrom('area').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({ county: 1, street: 5, town: 4, township: 3, community: 38, village: 93 });
    const urban = await db.selectFrom('area').select(['kind', 'urban']).where('level', '=', 'village').execute();
    for (const a of urban) expect(a.urban).toBe(a.kind === 'community');
    expect(summary.areas).toBe(144);
  });

  it('places the institutions as planned, village clinics under their own township centre', async () => {
    const kinds = await db.selectFrom('institution').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({
      county_hospital: 1,
      tcm_hospital: 1,
      cdc: 1,
      mch_station: 1,
      community_hc: 5,
      community_station: 38,
      township_hc: 7,
      village_clinic: 80,
      private_clinic: 4,
    });
    const clinics = await db
      .selectFrom('institution as c')
      .innerJoin('institution as p', 'p.id', 'c.parent_id')
      .innerJoin('area as ca', 'ca.id', 'c.area_id')
      .select(['c.name', 'c.designations', 'p.kind as parentKind', 'p.area_id as parentArea', 'ca.parent_id as clinicTownship'])
      .where('c.kind', '=', 'village_clinic')
      .execute();
    expect(clinics).toHaveLength(80);
    for (const c of clinics) {
      expect(c.parentKind).toBe('township_hc');
      expect(c.parentArea).toBe(c.clinicTownship);
      expect(c.designations).toContain('ncms_designated');
    }
    const centres = await db.selectFrom('institution').select('designations').where('kind', 'in', ['township_hc', 'community_hc']).execute();
    for (const c of centres) expect(c.designations).toContain('immunization_clinic');
  });

  it('staffs institutions realistically: 1-3 village doctors per clinic, a large county hospital', async () => {
    const sizes = await db
      .selectFrom('staff')
      .innerJoin('institution', 'institution.id', 'staff.institution_id')
      .select(['institution.kind', 'institution.id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['institution.kind', 'institution.id'])
      .execute();
    for (const s of sizes.filter((s) => s.kind === 'village_clinic')) {
      expect(s.n).toBeGreaterThanOrEqual(1);
      expect(s.n).toBeLessThanOrEqual(3);
    }
    const hospital = sizes.find((s) => s.kind === 'county_hospital')!;
    expect(hospital.n).toBeGreaterThanOrEqual(150);
    const villageRoles = await db
      .selectFrom('staff')
      .innerJoin('institution', 'institution.id', 'staff.institution_id')
      .select(['staff.role', 'staff.qualification'])
      .where('institution.kind', '=', 'village_clinic')
      .execute();
    expect(new Set(villageRoles.map((r) => r.role))).toEqual(new Set(['village_doctor']));
    const nurses = await db.selectFrom('staff').select('qualification').where('role', '=', 'nurse').execute();
    expect(new Set(nurses.map((n) => n.qualification))).toEqual(new Set(['registered_nurse']));
  });

  it('gives every resident a valid, unique ID matching their sex and birth date; only recent newborns have none', async () => {
    const people = await db.selectFrom('person').select(['id_number', 'sex', 'birth_date']).execute();
    expect(people.length).toBe(summary.persons);
    expect(summary.persons).toBeGreaterThanOrEqual(POPULATION);
    expect(summary.persons).toBeLessThan(POPULATION * 1.1);
    const seen = new Set<string>();
    const newbornSince = addDays(AS_OF, -NO_ID_DAYS);
    for (const p of people) {
      if (p.id_number === null) {
        expect(p.birth_date > newbornSince).toBe(true);
        continue;
      }
      const id = parseResidentId(p.id_number, 'idNumber', AS_OF);
      expect(id.sex).toBe(p.sex);
      expect(id.birthDate).toBe(p.birth_date);
      expect(seen.has(id.idNumber)).toBe(false);
      seen.add(id.idNumber);
    }
    const local = people.filter((p) => p.id_number?.startsWith('430702')).length;
    expect(local / people.length).toBeGreaterThan(0.85);
    expect(local).toBeLessThan(people.length); // some were registered elsewhere first
  });

  it('has exactly one head per household, who is in it, alive, and heads households of 1-8 people', async () => {
    const rows = await db
      .selectFrom('household')
      .leftJoin('person', 'person.household_id', 'household.id')
      .select((eb) => [
        'household.id',
        'household.head_person_id',
        eb.fn.countAll<number>().as('size'),
        eb.fn.count<number>('person.id').filterWhere('person.relation', '=', 'head').as('heads'),
        eb.fn.max('person.id').filterWhere('person.relation', '=', 'head').as('headId'),
      ])
      .groupBy('household.id')
      .execute();
    expect(rows.length).toBe(summary.households);
    for (const h of rows) {
      expect(h.heads).toBe(1);
      expect(h.headId).toBe(h.head_person_id);
      expect(h.size).toBeGreaterThanOrEqual(1);
      expect(h.size).toBeLessThanOrEqual(8);
    }
    const heads = await db.selectFrom('person').select(['status', 'phone']).where('relation', '=', 'head').execute();
    expect(heads.every((h) => h.status === 'alive')).toBe(true);
    expect(heads.filter((h) => h.phone).length / heads.length).toBeGreaterThan(0.8);
    const mean = summary.persons / summary.households;
    expect(mean).toBeGreaterThan(2.6);
    expect(mean).toBeLessThan(3.4);
  });

  it('keeps relations, sexes and ages plausible, with an ageing population', async () => {
    const people = await db
      .selectFrom('person')
      .innerJoin('household', 'household.id', 'person.household_id')
      .innerJoin('person as head', 'head.id', 'household.head_person_id')
      .select(['person.relation', 'person.sex', 'person.birth_date', 'head.sex as headSex', 'head.birth_date as headBirth'])
      .execute();
    for (const p of people) {
      expect(RELATION_NAMES[p.relation!]).toBeDefined();
      const implied = RELATION_SEX[p.relation as Relation];
      if (implied) expect(p.sex).toBe(implied);
      if (p.relation === 'spouse') expect(p.sex).not.toBe(p.headSex);
      if (p.relation === 'son' || p.relation === 'daughter') expect(p.birth_date > p.headBirth).toBe(true);
      if (p.relation === 'parent') expect(p.birth_date < p.headBirth).toBe(true);
    }
    const before = (years: number) => `${Number(AS_OF.slice(0, 4)) - years}${AS_OF.slice(4)}`;
    const old = people.filter((p) => p.birth_date <= before(65)).length / people.length;
    const young = people.filter((p) => p.birth_date > before(15)).length / people.length;
    expect(old).toBeGreaterThan(0.1);
    expect(old).toBeLessThan(0.18);
    expect(young).toBeGreaterThan(0.12);
    expect(young).toBeLessThan(0.21);
  });

  it('records some deaths and moves with dates between birth and the generation date', async () => {
    const gone = await db.selectFrom('person').select(['status', 'status_date', 'birth_date']).where('status', '!=', 'alive').execute();
    expect(gone.some((p) => p.status === 'deceased')).toBe(true);
    expect(gone.some((p) => p.status === 'moved_out')).toBe(true);
    expect(gone.length / summary.persons).toBeLessThan(0.04);
    for (const p of gone) {
      expect(p.status_date! >= p.birth_date).toBe(true);
      expect(p.status_date! <= AS_OF).toBe(true);
    }
  });

  it('numbers households with four digits per village and gives them an address in their place', async () => {
    const rows = await db
      .selectFrom('household')
      .innerJoin('area', 'area.id', 'household.area_id')
      .select(['household.household_no', 'household.address', 'area.name', 'area.urban'])
      .execute();
    for (const h of rows) {
      expect(h.household_no).toMatch(/^\d{4}$/);
      expect(h.address).toContain(h.name);
      expect(h.address).toMatch(h.urban ? /栋\d单元\d+室$/ : /\d+组$/);
    }
  });

  it('writes one audit entry for the whole generation, not one per person', async () => {
    const entries = await db.selectFrom('audit_log').select(['entity', 'after']).where('entity', '=', 'demo_county').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ seed: 'test', persons: summary.persons, households: summary.households, asOf: AS_OF });
    const { n } = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n).toBeLessThan(200); // areas and users are created through their services, each audited once
  });

  it('reports progress up to the total', () => {
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.done).toBe(summary.persons);
    expect(last.total).toBe(summary.persons);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
  });

  it('creates demo users who log in with the demo password and see their own area', async () => {
    const listed = await listDemoUsers(db);
    expect(listed.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
    expect(listed.find((u) => u.username === 'cunyi_dongling')!.areaName).toBe('东岭村');
    expect(listed.find((u) => u.username === 'wsy_dongling')!.areaName).toBe('东岭镇');
    for (const user of DEMO_USERS) {
      const session = await login(db, user.username, DEMO_PASSWORD);
      expect(session.user.role).toBe(user.role);
    }
    await expect(login(db, 'admin', 'wrong1234')).rejects.toMatchObject({ code: 'login_failed' });
  });

  it('serves the generated households through the people services within the demo users\' scope', async () => {
    const { user } = await login(db, 'cunyi_dongling', DEMO_PASSWORD);
    const doctor = (await actorForUser(db, user.id))!;
    const own = await db
      .selectFrom('household')
      .innerJoin('area', 'area.id', 'household.area_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('area.name', '=', '东岭村')
      .executeTakeFirstOrThrow();
    const page = await listHouseholds(db, doctor, { pageSize: 200 });
    expect(own.n).toBeGreaterThan(0);
    expect(page.total).toBe(own.n);
    expect(new Set(page.items.map((h) => h.areaName))).toEqual(new Set(['东岭村']));
    const someone = await db.selectFrom('person').select(['name', 'id_number']).where('id_number', 'is not', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const admin = (await actorForUser(db, (await login(db, 'admin', DEMO_PASSWORD)).user.id))!;
    const found = await searchPersons(db, admin, { q: someone.id_number!, pageSize: 20 });
    expect(found.items.map((p) => p.name)).toEqual([someone.name]);
  });

  it('refuses to generate into a database that already has data', async () => {
    await expect(generateDemoCounty(db, { population: 10, asOf: AS_OF })).rejects.toMatchObject({ code: 'database_not_empty', status: 409 });
  });

  it('gives the same data for the same seed and different data for another seed', async () => {
    const again = await createTestDb();
    const other = await createTestDb();
    try {
      await generateDemoCounty(again.db, { population: POPULATION, seed: 'test', asOf: AS_OF });
      await generateDemoCounty(other.db, { population: POPULATION, seed: 'other', asOf: AS_OF });
      const first = await personsHash(db);
      expect(await personsHash(again.db)).toBe(first);
      expect(await personsHash(other.db)).not.toBe(first);
      // New rows continue after the generated ids.
      const { max } = await sql<{ max: number }>`select nextval(pg_get_serial_sequence('person', 'id'))::int as max`.execute(again.db).then((r) => r.rows[0]!);
      expect(max).toBe(summary.persons + 1);
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('refuses a population that is not a positive whole number or an impossible date, naming the field', async () => {
    await expect(generateDemoCounty(db, { population: 0 })).rejects.toMatchObject({ details: { field: 'population' } });
    await expect(generateDemoCounty(db, { population: 2.5 })).rejects.toMatchObject({ details: { field: 'population' } });
    await expect(generateDemoCounty(db, { population: 10, asOf: '2026-02-30' })).rejects.toMatchObject({ details: { field: 'asOf' } });
  });
});
