/**
 * Health records benchmark: the demo county (--population, default 100 000) in a throw-away database (PGlite, or
 * PostgreSQL with --pg), records for --share of the living residents (default 0.8; written in bulk SQL, a fifth of
 * them complete, a tenth on paper), then timed: the indicators of a year for the whole county and for one township
 * (every provider asked which records were served), and one resident's record page and timeline.
 * Run: npm run bench records -- [--population N] [--share 0.8] [--pg]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../src/core/auth/actor.ts';
import { generateDemoCounty } from '../src/core/demo/generate.ts';
import { recordIndicators } from '../src/publichealth/records/indicators.ts';
import { recordOverview } from '../src/publichealth/records/record-overview.ts';
import { personTimeline } from '../src/publichealth/records/timeline/timeline.ts';
import { REQUIRED_ITEMS } from '../src/publichealth/records/sections.ts';
import { markdownTable } from './_measure.ts';
import { withThrowawayDatabase } from './_demo-county.ts';

const { values: options } = parseArgs({
  options: { population: { type: 'string', default: '100000' }, share: { type: 'string', default: '0.8' }, pg: { type: 'boolean', default: false } },
});
const POPULATION = Number(options.population);
const SHARE = Number(options.share);

async function time<T>(task: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await task();
  return [performance.now() - start, result];
}

// PGlite unless --pg asks for PostgreSQL (which falls back to PGlite when no server answers).
await withThrowawayDatabase('records', async ({ db }, kind) => {
  const [genMs] = await time(() => generateDemoCounty(db, { population: POPULATION }));
  // Records in bulk: number = village code + sequence by person id within the village.
  const allMissing = `{${REQUIRED_ITEMS.map((i) => i.key).join(',')}}`;
  const [recMs] = await time(() =>
    sql`
      insert into health_record (person_id, record_no, medium, created_on, basic_info, missing_items, created_by_name)
      select p.id, a.code || lpad((row_number() over (partition by a.id order by p.id))::text, 5, '0'),
             case when p.id % 10 = 0 then 'paper' else 'electronic' end,
             date '2024-01-01' + (p.id % 600), '{}'::jsonb,
             case when p.id % 5 = 0 then '{}'::text[] else ${allMissing}::text[] end, 'bench'
      from person p join area a on a.id = p.area_id
      where p.status = 'alive' and (p.id * 7919) % 1000 < ${Math.round(SHARE * 1000)}`.execute(db),
  );
  const records = Number((await db.selectFrom('health_record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await sql`analyze`.execute(db);

  const actor = systemActor('bench');
  const period = { from: '2025-01-01', to: '2025-12-31' };
  await recordIndicators(db, actor, period); // warm-up
  const [countyMs, county] = await time(() => recordIndicators(db, actor, period));
  const township = county.townships.reduce((a, b) => (a.counts.residents >= b.counts.residents ? a : b));
  const [townshipMs] = await time(() => recordIndicators(db, actor, { ...period, areaId: township.areaId }));
  const someone = (await db.selectFrom('health_record').select('person_id').orderBy('id').limit(1).offset(Math.floor(records / 2)).executeTakeFirstOrThrow()).person_id;
  await recordOverview(db, actor, someone);
  const [overviewMs] = await time(() => recordOverview(db, actor, someone));
  const [timelineMs] = await time(() => personTimeline(db, actor, someone));

  console.log(`${kind}: ${POPULATION} residents generated in ${(genMs / 1000).toFixed(1)} s; ${records} records written in ${(recMs / 1000).toFixed(1)} s`);
  console.log(
    markdownTable(
      ['measure', 'ms'],
      [
        ['indicators, whole county (by village)', countyMs.toFixed(0)],
        [`indicators, ${township.name} (${township.counts.residents} residents)`, townshipMs.toFixed(0)],
        ['one record page (record + dynamic use)', overviewMs.toFixed(0)],
        ['one timeline page', timelineMs.toFixed(0)],
      ],
    ),
  );
  console.log(`county: 建档率 ${county.total.recordRate.rate}, 电子档案建档率 ${county.total.electronicRate.rate}, 完整率 ${county.total.completenessRate.rate}`);
}, { postgres: options.pg });
