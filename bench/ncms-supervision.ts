/**
 * NCMS supervision on the full demo county (`npm run bench ncms-supervision`; DATABASE_URL's county when it holds one,
 * else one generated in a throw-away database first, a few minutes): 补偿方案测算 (target under 5 s for a year of
 * the county's claims, and its ratio to the engine alone). The machine's load average is printed with the figures:
 * on the shared machine wall times swing with it.
 */
import { loadavg } from 'node:os';
import { withDemoCounty } from './_demo-county.ts';
import { markdownTable } from './_measure.ts';
import { benchSimulation } from './_ncms-simulation.ts';

const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

await withDemoCounty('ncms_supervision', async (handle, kind) => {
  const before = load();
  const rows = await benchSimulation(handle);
  console.log(`\n数据库：${kind}；负载均值（1/5/15 分钟）开始时 ${before}，结束时 ${load()}\n`);
  console.log(markdownTable(['测量', '结果', '目标', '结论'], rows));
});
