/**
 * 疾病谱 and 死因顺位 over a year of the county's visits and deaths: the county as the CDC sees it (best of 3), every
 * township as its own staff see it (median and slowest), and leading causes of death for the county and per township.
 * Called by bench/disease.ts on the full demo county.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../src/core/db/connection.ts';
import { systemActor, type Actor } from '../src/core/auth/actor.ts';
import { addDays } from '../src/core/dates.ts';
import { diseaseSpectrum, leadingCausesOfDeath } from '../src/publichealth/disease/ranking/rankings.ts';
import { percentile } from './_measure.ts';

export const COUNTY_TARGET_MS = 3000;
export const TOWNSHIP_TARGET_MS = 1000;
const DEATHS_TARGET_MS = 500;
const RUNS = 3;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const verdict = (ms: number, target: number) => (ms < target ? '达标' : '未达标');

/** The fastest of RUNS runs, in ms. */
export async function best(task: () => Promise<unknown>, runs = RUNS): Promise<number> {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    await task();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** Each item once: median and slowest, in ms. */
export async function timeAll<T>(items: T[], task: (item: T) => Promise<unknown>): Promise<{ median: number; max: number }> {
  const samples: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await task(item);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), max: samples.at(-1) ?? NaN };
}

export async function benchDiseaseRanking(handle: DbHandle): Promise<string[][]> {
  const { db } = handle;
  const last = await db.selectFrom('disease_visit').select(sql<Date | null>`max(visited_at)`.as('at')).executeTakeFirstOrThrow();
  if (!last.at) return [['疾病谱', '没有就诊数据', `< ${COUNTY_TARGET_MS / 1000} s`, '跳过']];
  const to = new Date(last.at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const period = { from: addDays(to, -364), to };
  const county = systemActor('基准测试');
  const townships = await db.selectFrom('area').select(['id', 'path']).where('level', '=', 'township').orderBy('code').execute();
  const staff = townships.map((t): Actor => ({ userId: null, name: '基准测试', role: 'township_staff', scope: { areaId: t.id, path: t.path }, institutionId: null }));

  let spectrum: Awaited<ReturnType<typeof diseaseSpectrum>> | undefined;
  const countyMs = await best(async () => (spectrum = await diseaseSpectrum(db, county, { ...period, top: 10 })));
  const chapterMs = await best(() => diseaseSpectrum(db, county, { ...period, by: 'chapter' }));
  const perTownship = await timeAll(staff, (actor) => diseaseSpectrum(db, actor, { ...period, top: 10 }));
  let causes: Awaited<ReturnType<typeof leadingCausesOfDeath>> | undefined;
  const deathsMs = await best(async () => (causes = await leadingCausesOfDeath(db, county, { ...period, top: 10 })));
  const deathsPerTownship = await timeAll(staff, (actor) => leadingCausesOfDeath(db, actor, { ...period, top: 10 }));
  const top3 = (r: typeof spectrum) => r!.rows.slice(0, 3).map((row) => `${row.code} ${row.name}`).join('、');
  return [
    [`疾病谱：全县一年（${period.from} 至 ${period.to}，就诊 ${spectrum!.total.toLocaleString('en')} 次；前三位 ${top3(spectrum)}；${RUNS} 次取最快）`, seconds(countyMs), `< ${COUNTY_TARGET_MS / 1000} s`, verdict(countyMs, COUNTY_TARGET_MS)],
    ['疾病谱：全县一年，按章', seconds(chapterMs), `< ${COUNTY_TARGET_MS / 1000} s`, verdict(chapterMs, COUNTY_TARGET_MS)],
    [`疾病谱：每个乡镇一年（${staff.length} 个乡镇，中位数 / 最慢）`, `${seconds(perTownship.median)} / ${seconds(perTownship.max)}`, `< ${TOWNSHIP_TARGET_MS / 1000} s`, verdict(perTownship.max, TOWNSHIP_TARGET_MS)],
    [`死因顺位：全县一年（死亡 ${causes!.total.toLocaleString('en')} 例；前三位 ${top3(causes)}）`, seconds(deathsMs), `< ${DEATHS_TARGET_MS / 1000} s`, verdict(deathsMs, DEATHS_TARGET_MS)],
    [`死因顺位：每个乡镇一年（中位数 / 最慢）`, `${seconds(deathsPerTownship.median)} / ${seconds(deathsPerTownship.max)}`, `< ${DEATHS_TARGET_MS / 1000} s`, verdict(deathsPerTownship.max, DEATHS_TARGET_MS)],
  ];
}
