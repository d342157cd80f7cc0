/**
 * NCMS supervision on the full demo county (`npm run bench ncms-supervision`; DATABASE_URL's county when it holds one,
 * else one generated in a throw-away database first, a few minutes): one month's monitoring indicators and alerts,
 * 补偿方案测算 (target under 5 s for a year of the county's claims, and its ratio to the engine alone), and every
 * village's public notice of one month. The machine's load average is printed with each section: on the shared
 * machine wall times swing with it.
 */
import { loadavg } from 'node:os';
import type { DbHandle } from '../src/core/db/connection.ts';
import { withDemoCounty } from './_demo-county.ts';
import { markdownTable } from './_measure.ts';
import { benchMonitoring } from './_ncms-monitoring.ts';
import { benchNotices } from './_ncms-notices.ts';
import { benchSimulation } from './_ncms-simulation.ts';

const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

const SECTIONS: Array<[string, (handle: DbHandle) => Promise<string[][]>]> = [
  ['监测与预警', benchMonitoring],
  ['补偿方案测算', benchSimulation],
  ['村级公示', benchNotices],
];

await withDemoCounty('ncms_supervision', async (handle, kind) => {
  const rows: string[][] = [];
  for (const [name, bench] of SECTIONS) {
    console.log(`正在测量${name}…`);
    const before = load();
    rows.push(...(await bench(handle)));
    rows.push([`（${name}期间的负载均值 1/5/15 分钟）`, `${before} → ${load()}`, '—', '—']);
  }
  console.log(`\n数据库：${kind}\n`);
  console.log(markdownTable(['测量', '结果', '目标', '结论'], rows));
});
