/**
 * 漏报 detection and 疾病谱 at a real county's volume: about a million visits a year (a county of 500 000 has that
 * many; the demo sends 65 000 for a fast first start). Adds a year of synthetic visits to the demo county inside a
 * transaction that is rolled back at the end, so a county from DATABASE_URL is left as it was: residents drawn at
 * random, sites weighted like the demo's everyday visits (village clinic, township centre, county, TCM hospital), 3 %
 * unmatched, 1 % with a notifiable principal diagnosis (follow-up visits of hepatitis B and TB count too), a chronic
 * second diagnosis on 15 %; report cards for 80 % of the matched notifiable visits, copied from a demo card of the
 * same code. Then measures detection over the year (target < 3 s) and the ranking per level. Called by
 * bench/disease.ts.
 */
import { sql, type Compilable } from 'kysely';
import type { Db, DbHandle } from '../src/core/db/connection.ts';
import { systemActor, type Actor } from '../src/core/auth/actor.ts';
import { addDays } from '../src/core/dates.ts';
import { shanghaiDay } from '../src/publichealth/disease/cards/card-rules.ts';
import { detectCases, detectionQueries } from '../src/publichealth/disease/cards/missed-reports.ts';
import { EVERYDAY_MIX, NOTIFIABLE_PLAN, VISIT_SITES } from '../src/publichealth/disease/intake/demo-plan.ts';
import { addVisitsToRollup } from '../src/publichealth/disease/ranking/visit-rollup.ts';
import { diseaseSpectrum } from '../src/publichealth/disease/ranking/rankings.ts';
import { best, COUNTY_TARGET_MS, seconds, timeAll, TOWNSHIP_TARGET_MS, verdict } from './_disease-ranking.ts';

const VISITS = Number(process.env.BENCH_VISITS ?? 1_000_000);
const DETECTION_TARGET_MS = 3000;
const INSTITUTION_TARGET_MS = 1000;
const NOTIFIABLE_SHARE = 0.01;
const UNMATCHED_SHARE = 0.03;
const SECOND_DIAGNOSIS_SHARE = 0.15;
const CARDED_SHARE = 0.8;

/** Codes repeated by their weight, to draw from with one random index in SQL. */
const weighted = (pairs: ReadonlyArray<readonly [string, number]>) => pairs.flatMap(([code, w]) => Array<string>(Math.max(1, Math.round(w))).fill(code));
const EVERYDAY = weighted(EVERYDAY_MIX.flatMap((band) => band.diagnoses));
const NOTIFIABLE = weighted(NOTIFIABLE_PLAN.map((p) => [p.code, p.per100k / 2] as const));

class RolledBack extends Error {}

const count = async (db: Db, table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(db)).rows[0]!.n;

/** The synthetic year: visits, diagnoses, cards; returns the first new visit id. */
async function addSyntheticYear(db: Db, from: string): Promise<number> {
  const { rows } = await sql<{ last: number }>`select coalesce(max(id), 0)::int as last from disease_visit`.execute(db);
  const firstId = rows[0]!.last + 1;
  await sql`select setseed(0.42)`.execute(db);
  await sql`create temp table bench_people on commit drop as
    select row_number() over (order by id)::int as n, id, area_id, name, id_number, birth_date, sex from person
    where status = 'alive' and area_id is not null`.execute(db);
  await sql`create unique index on bench_people (n)`.execute(db);
  await sql`create temp table bench_sites on commit drop as
    select a.id as village_id,
      (select min(i.id) from institution i where i.active and i.kind in ('village_clinic', 'community_station') and i.area_id = a.id) as clinic,
      (select min(i.id) from institution i where i.active and i.kind in ('township_hc', 'community_hc') and i.area_id = a.parent_id) as centre
    from area a where a.level = 'village'`.execute(db);
  const hospital = async (kind: string) => (await db.selectFrom('institution').select('id').where('kind', '=', kind).where('active', '=', true).orderBy('id').executeTakeFirst())?.id;
  const county = (await hospital('county_hospital'))!;
  const tcm = (await hospital('tcm_hospital')) ?? county;
  const people = await count(db, 'bench_people');
  const { id: batchId } = await db.insertInto('disease_visit_batch').values({ institution_id: county, source: 'api', file_name: 'bench', received_by_name: '基准测试', visits_new: VISITS, visits_repeated: 0 }).returning('id').executeTakeFirstOrThrow();
  const [village, township, countyShare] = VISIT_SITES.everyday.map((w) => w / VISIT_SITES.everyday.reduce((a, b) => a + b, 0));
  const [toClinic, toCentre, toCounty] = [village!, village! + township!, village! + township! + countyShare!];
  await sql`
    insert into disease_visit (institution_id, sender_visit_id, batch_id, content_hash, person_id, match_method, patient_name, id_number,
      birth_date, sex, address, residence_area_id, department, visited_at, source, received_at)
    select r.institution_id, 'BENCH' || r.g, ${batchId}, 'bench', case when r.unmatched then null else p.id end,
      case when r.unmatched then 'unmatched' when p.id_number is null then 'name_birth_village' else 'id_number' end,
      case when r.unmatched then p.name || '某' else p.name end, case when r.unmatched then null else p.id_number end,
      p.birth_date, p.sex, '', case when r.unmatched then null else p.area_id end, '门诊', r.visited_at,
      case when r.institution_id = r.clinic then 'file' else 'api' end, r.visited_at + interval '1 hour'
    from (
      select g, x.*, s.clinic,
        case when x.site < ${toClinic} then coalesce(s.clinic, s.centre, ${county}) when x.site < ${toCentre} then coalesce(s.centre, ${county})
          when x.site < ${toCounty} then ${county}::int else ${tcm}::int end as institution_id
      from generate_series(1, ${VISITS}) g
      cross join lateral (select 1 + floor(random() * ${people})::int as pn, random() as site, random() < ${UNMATCHED_SHARE} as unmatched,
        ((${from}::date + floor(random() * 365)::int) + time '08:00' + random() * interval '9 hours') at time zone 'Asia/Shanghai' as visited_at
        where g > 0) x
      join bench_people p0 on p0.n = x.pn
      join bench_sites s on s.village_id = p0.area_id
    ) r join bench_people p on p.n = r.pn`.execute(db);
  await sql`
    insert into disease_visit_diagnosis (visit_id, seq, icd10)
    select id, 1, case when random() < ${NOTIFIABLE_SHARE} then (${NOTIFIABLE}::text[])[1 + floor(random() * ${NOTIFIABLE.length})::int]
      else (${EVERYDAY}::text[])[1 + floor(random() * ${EVERYDAY.length})::int] end
    from disease_visit where id >= ${firstId}`.execute(db);
  await sql`insert into disease_visit_diagnosis (visit_id, seq, icd10) select id, 2, 'I10' from disease_visit where id >= ${firstId} and random() < ${SECOND_DIAGNOSIS_SHARE}`.execute(db);
  // Cards for most matched notifiable visits: a demo card of the same code lends the disease fields.
  await sql`
    insert into disease_card (institution_id, visit_id, person_id, area_id, patient_name, id_number, sex, birth_date, occupation, list_id,
      disease_id, form_id, icd10, disease_class, class_a, time_limit_hours, case_class, course, diagnosed_at, doctor_name, reported_at,
      on_time, entered_by_name)
    select v.institution_id, v.id, v.person_id, v.residence_area_id, v.patient_name, v.id_number, v.sex, v.birth_date, t.occupation, t.list_id,
      t.disease_id, t.form_id, d.icd10, t.disease_class, t.class_a, t.time_limit_hours, t.case_class, t.course, v.visited_at, '基准测试',
      v.visited_at + r.late * t.time_limit_hours * interval '1 hour', r.late <= 1, '基准测试'
    from disease_visit v
    join disease_visit_diagnosis d on d.visit_id = v.id and d.seq = 1
    join (select distinct on (icd10) * from disease_card order by icd10, id) t on t.icd10 = d.icd10
    cross join lateral (select random() * 1.3 as late, random() < ${CARDED_SHARE} as carded where v.id > 0) r
    where v.id >= ${firstId} and v.person_id is not null and r.carded`.execute(db);
  return firstId;
}

export async function benchDiseaseAtVolume(handle: DbHandle): Promise<string[][]> {
  const last = await handle.db.selectFrom('disease_visit').select(sql<Date | null>`max(visited_at)`.as('at')).executeTakeFirstOrThrow();
  if (!last.at) return [['一百万就诊', '没有就诊数据', '', '跳过']];
  const to = shanghaiDay(new Date(last.at));
  const period = { from: addDays(to, -364), to };
  const cdc = systemActor('基准测试');
  const scale = `加 ${VISITS.toLocaleString('en')} 次就诊`;
  let rows: string[][] = [];
  try {
    await handle.db.transaction().execute(async (trx) => {
      console.log(`一年 ${VISITS.toLocaleString('en')} 次模拟就诊写入中（事务内，测完回滚）…`);
      let started = performance.now();
      const firstId = await addSyntheticYear(trx, period.from);
      const loadMs = performance.now() - started;
      started = performance.now();
      await addVisitsToRollup(trx, { idsFrom: firstId });
      const rollupMs = performance.now() - started;
      await sql`analyze disease_visit, disease_visit_diagnosis, disease_card, disease_visit_rollup`.execute(trx);
      const counts = { visits: await count(trx, 'disease_visit'), diagnoses: await count(trx, 'disease_visit_diagnosis'), cards: await count(trx, 'disease_card'), rollup: await count(trx, 'disease_visit_rollup') };
      console.log(`写入 ${seconds(loadMs)}，汇总 ${seconds(rollupMs)}；行数：就诊 ${counts.visits}，诊断 ${counts.diagnoses}，报告卡 ${counts.cards}，疾病谱汇总 ${counts.rollup}`);

      const now = new Date(`${addDays(to, 1)}T00:00:00+08:00`);
      let detected: Awaited<ReturnType<typeof detectCases>> | undefined;
      const detectionMs = await best(async () => (detected = await detectCases(trx, cdc, period, now)), 2);
      if (detectionMs >= DETECTION_TARGET_MS) await printPlan(trx, detectionQueries(trx, cdc, period).visits);
      const missed = detected!.cases.filter((c) => c.outcome === 'missed').length;

      const county = await best(() => diseaseSpectrum(trx, cdc, { ...period, top: 10 }), 2);
      const chapter = await best(() => diseaseSpectrum(trx, cdc, { ...period, by: 'chapter' }), 2);
      const townships = await trx.selectFrom('area').select(['id', 'path']).where('level', '=', 'township').orderBy('code').execute();
      const staff = townships.map((t): Actor => ({ userId: null, name: '基准测试', role: 'township_staff', scope: { areaId: t.id, path: t.path }, institutionId: null }));
      const perTownship = await timeAll(staff, (actor) => diseaseSpectrum(trx, actor, { ...period, top: 10 }));
      const institutions = await trx.selectFrom('disease_visit_rollup').select('institution_id').distinct().orderBy('institution_id').execute();
      const perInstitution = await timeAll(institutions, (i) => diseaseSpectrum(trx, cdc, { ...period, top: 10, institutionId: i.institution_id }));
      rows = [
        [`一年 ${VISITS.toLocaleString('en')} 次模拟就诊（另有演示县原有就诊）：就诊 ${counts.visits.toLocaleString('en')}、诊断 ${counts.diagnoses.toLocaleString('en')}、报告卡 ${counts.cards.toLocaleString('en')}、疾病谱汇总 ${counts.rollup.toLocaleString('en')} 行；写入 / 汇总用时`, `${seconds(loadMs)} / ${seconds(rollupMs)}`, '', ''],
        [`漏报检测（${scale}）：全县一年（${period.from} 至 ${period.to}，法定传染病病例 ${detected!.cases.length.toLocaleString('en')} 例，漏报 ${missed.toLocaleString('en')} 例；2 次取最快）`, seconds(detectionMs), `< ${DETECTION_TARGET_MS / 1000} s`, verdict(detectionMs, DETECTION_TARGET_MS)],
        [`疾病谱（${scale}）：全县一年 / 按章`, `${seconds(county)} / ${seconds(chapter)}`, `< ${COUNTY_TARGET_MS / 1000} s`, verdict(Math.max(county, chapter), COUNTY_TARGET_MS)],
        [`疾病谱（${scale}）：每个乡镇一年（${staff.length} 个，中位数 / 最慢）`, `${seconds(perTownship.median)} / ${seconds(perTownship.max)}`, `< ${TOWNSHIP_TARGET_MS / 1000} s`, verdict(perTownship.max, TOWNSHIP_TARGET_MS)],
        [`疾病谱（${scale}）：每个机构一年（${institutions.length} 个，中位数 / 最慢）`, `${seconds(perInstitution.median)} / ${seconds(perInstitution.max)}`, `< ${INSTITUTION_TARGET_MS / 1000} s`, verdict(perInstitution.max, INSTITUTION_TARGET_MS)],
      ];
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return rows;
}

/** EXPLAIN ANALYZE of detection's visit query, on the terminal: printed only when detection misses its target. */
async function printPlan(db: Db, query: Compilable): Promise<void> {
  const compiled = query.compile();
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain (analyze, buffers) ${compiled.sql}` });
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
}
