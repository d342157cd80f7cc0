import { sql } from 'kysely';
import type { ModuleDemoContext, ModuleDemoStep } from '../../../module-demos.ts';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { addDays, ageOn } from '../../../core/dates.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { createRandom, type Random } from '../../../core/demo/random.ts';
import { checkClusters } from '../clusters/check-clusters.ts';
import { AreaIndex } from '../ranking/area-index.ts';
import { deathRateOn } from './death-rates.ts';
import { DEATH_PLACES, OLDER_CAUSES, YOUNGER_CAUSES, type DemoCause } from './demo-causes.ts';

// The demo's death registration: the core demo marks some residents deceased over the last three years (about 3‰ a
// year, mostly the very old); the demo year is brought up to about the configured crude rate in each township by marking
// more of the elderly deceased, and the deaths are registered everywhere except that two townships register only a third of
// theirs (死亡漏报, so the expected-deaths page flags them). Then the cluster check runs once over the demo year.
// The marking is a step of its own that runs before every other module's demo: they all leave out a person after the
// day of death (no NCMS claim, visit or vaccination after it), so marking afterwards would put services after deaths.

const UNDER_REPORTING_TOWNSHIPS = 2;
const UNDER_REPORTED_SHARE = 0.35;
const REPORTED_SHARE = 0.96;
/** The demo year's deaths reach this share of the configured crude rate (some shortfall is normal). */
const DEMO_YEAR_RATE_SHARE = 0.95;

interface Dead {
  id: number;
  areaId: number;
  birthDate: string;
  date: string;
}

/**
 * Marks more of the elderly deceased in the demo year, township by township, so each has about the configured number
 * of deaths (the streets' younger population would otherwise look like under-reporting): residents aged 70+ first,
 * then 60-69 where there are too few.
 */
async function topUpDemoYear(db: Db, random: Random, asOf: string, areas: AreaIndex): Promise<Dead[]> {
  const yearStart = addDays(asOf, -364);
  const config = deathRateOn(yearStart);
  const counts = await sql<{ area_id: number; population: number; deaths: number }>`
    select area_id, count(*)::int as population, (count(*) filter (where status = 'deceased'))::int as deaths
    from person where area_id is not null and (status = 'alive' or status_date >= ${yearStart}) group by area_id`.execute(db);
  const wanted = new Map<number, number>();
  for (const row of counts.rows) {
    const township = areas.township(row.area_id);
    if (township) wanted.set(township.id, (wanted.get(township.id) ?? 0) + (row.population * config.perMille * DEMO_YEAR_RATE_SHARE) / 1000 - row.deaths);
  }
  const older = await db
    .selectFrom('person')
    .select(['id', 'area_id', 'birth_date'])
    .where('status', '=', 'alive')
    .where('area_id', 'is not', null)
    .where('relation', '<>', 'head')
    .where('birth_date', '<=', addDays(asOf, -60 * 365))
    .orderBy('id')
    .execute();
  const seventy = addDays(asOf, -70 * 365);
  const byTownship = new Map<number, { old: typeof older; younger: typeof older }>();
  for (const p of older) {
    const township = areas.township(p.area_id!);
    if (!township) continue;
    const entry = byTownship.get(township.id) ?? { old: [], younger: [] };
    (p.birth_date <= seventy ? entry.old : entry.younger).push(p);
    byTownship.set(township.id, entry);
  }
  const chosen: Dead[] = [];
  for (const [townshipId, { old, younger }] of byTownship) {
    let left = Math.round(wanted.get(townshipId) ?? 0);
    for (const group of [old, younger]) {
      // Exactly as many as wanted (a partial shuffle): a chance per person would leave small townships short.
      const pool = [...group];
      for (let i = 0; i < pool.length && left > 0; i++, left--) {
        const j = random.int(i, pool.length - 1);
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        const p = pool[i]!;
        chosen.push({ id: p.id, areaId: p.area_id!, birthDate: p.birth_date, date: addDays(asOf, -random.int(0, 364)) });
      }
    }
  }
  if (chosen.length === 0) return [];
  await sql`update person set status = 'deceased', status_date = d.date, updated_at = now()
    from unnest(${chosen.map((c) => c.id)}::int[], ${chosen.map((c) => c.date)}::date[]) as d(id, date) where person.id = d.id`.execute(db);
  await recordAudit(db, systemActor('演示数据生成'), ...chosen.map((c) => ({ action: 'status', entity: 'person', entityId: c.id, areaId: c.areaId, before: { status: 'alive', statusDate: null }, after: { status: 'deceased', statusDate: c.date } })));
  return chosen;
}

/** The first step: more of the elderly marked deceased in the demo year, before the other modules' demos. */
async function markDeaths(db: Db, context: ModuleDemoContext) {
  const added = await topUpDemoYear(db, createRandom(`${context.seed}:disease-deaths-marked`), context.asOf, await AreaIndex.load(db));
  return { text: `本年另将 ${added.length} 名老人标记为死亡`, counts: { addedDeceased: added.length } };
}

async function generate(db: Db, context: ModuleDemoContext) {
  const started = Date.now();
  const random = createRandom(`${context.seed}:disease-deaths`);
  const areas = await AreaIndex.load(db);
  const recorded = await db
    .selectFrom('person')
    .select(['id', 'area_id', 'birth_date', 'status_date'])
    .where('status', '=', 'deceased')
    .where('area_id', 'is not', null)
    .orderBy('id')
    .execute();
  const dead: Dead[] = recorded.map((p) => ({ id: p.id, areaId: p.area_id!, birthDate: p.birth_date, date: p.status_date! }));

  const townships = [...areas.byId.values()].filter((a) => a.level === 'township').sort((a, b) => a.code.localeCompare(b.code));
  const lagging = new Set<number>();
  while (lagging.size < Math.min(UNDER_REPORTING_TOWNSHIPS, townships.length)) lagging.add(random.pick(townships).id);
  const centres = new Map(
    (await db.selectFrom('institution').select(['id', 'area_id']).where('level', '=', 'township').where('active', '=', true).orderBy('id').execute()).map((i) => [i.area_id, i.id]),
  );

  const rows: Array<{ person: Dead; cause: DemoCause; place: string; institutionId: number | null; registeredAt: string }> = [];
  for (const person of dead) {
    const township = areas.township(person.areaId);
    const share = township && lagging.has(township.id) ? UNDER_REPORTED_SHARE : REPORTED_SHARE;
    if (!random.chance(share)) continue;
    const cause = (ageOn(person.birthDate, person.date) >= 60 ? OLDER_CAUSES : YOUNGER_CAUSES).draw(random);
    const registeredOn = addDays(person.date, random.int(1, 20));
    rows.push({
      person,
      cause,
      place: DEATH_PLACES.draw(random),
      institutionId: (township && centres.get(township.id)) ?? null,
      registeredAt: `${registeredOn > context.asOf ? context.asOf : registeredOn}T10:00:00+08:00`,
    });
  }
  context.onProgress?.({ done: 0, total: rows.length, elapsedMs: Date.now() - started });
  const column = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await insertColumns(db, 'disease_death', [
    ['person_id', 'int', column((r) => r.person.id)],
    ['area_id', 'int', column((r) => r.person.areaId)],
    ['death_date', 'date', column((r) => r.person.date)],
    ['place', 'text', column((r) => r.place)],
    ['underlying_icd10', 'text', column((r) => r.cause.underlying)],
    ['cause_a', 'text', column((r) => r.cause.chain[0])],
    ['cause_b', 'text', column((r) => r.cause.chain[1] ?? null)],
    ['institution_id', 'int', column((r) => r.institutionId)],
    ['registered_by_name', 'text', column(() => '演示数据')],
    ['registered_at', 'timestamptz', column((r) => r.registeredAt)],
  ]);
  context.onProgress?.({ done: rows.length, total: rows.length, elapsedMs: Date.now() - started });

  const clusters = await checkClusters(db, { areaIds: null, since: addDays(context.asOf, -364), until: context.asOf, actor: systemActor('演示数据生成') });
  const laggingNames = townships.filter((t) => lagging.has(t.id)).map((t) => t.name);
  return {
    text: `死亡登记 ${rows.length} 例，${laggingNames.join('、')}漏报较多；聚集性疫情 ${clusters.opened.length} 起`,
    counts: { deaths: rows.length, underReporting: laggingNames, clusters: clusters.opened.length },
  };
}

/** Run first of the module demos, right after the core county: the demo year's additional deaths. */
export const deathMarkingDemoSteps: ModuleDemoStep[] = [{ module: 'disease-deaths-marked', label: '本年死亡人员', unit: '人', generate: markDeaths }];

/** Demo data of this part, run after the core county and the visits and cards demos. */
export const deathDemoSteps: ModuleDemoStep[] = [
  { module: 'disease-deaths', label: '死亡登记与聚集性疫情演示数据', unit: '例', generate, tables: ['disease_death', 'disease_cluster', 'disease_cluster_case'] },
];
