/**
 * Supervision and assessment on the full demo county (`npm run bench assessment`; DATABASE_URL's county when it holds
 * one, else one generated in a throw-away database first, a few minutes): every indicator for every township and
 * village of one month (target under 5 s), each source's share of it, a year of months computed and kept in one run
 * (and the share of the sources that read the whole run at once), and the latency over repeated requests of the
 * township table, the dashboard (cards, trend and township comparison in one answer), the score trend and the year's
 * ranking (全年考核) APIs.
 */
import { loadavg } from 'node:os';
import { systemActor } from '../src/core/auth/actor.ts';
import { todayInShanghai } from '../src/core/dates.ts';
import { buildApp } from '../src/server/app.ts';
import { SESSION_COOKIE } from '../src/server/auth.ts';
import '../src/indicator-providers.ts';
import { indicatorSources } from '../src/supervision/indicators/registry.ts';
import { computeValues, recomputeMonths } from '../src/supervision/indicators/compute.ts';
import { monthDays, shiftMonth } from '../src/supervision/month.ts';
import { withDemoCounty } from './_demo-county.ts';
import { markdownTable, timeEach } from './_measure.ts';

const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await withDemoCounty('assessment', async (handle, kind) => {
  const db = handle.db;
  const asOf = (await db.selectFrom('audit_log').select('after').where('entity', '=', 'demo_county').executeTakeFirst())?.after as { asOf?: string } | undefined;
  const today = asOf?.asOf ?? todayInShanghai();
  const month = shiftMonth(today.slice(0, 7), -1);
  const rows: string[][] = [];
  console.log(`正在计算 ${month} 的全部指标…（负载 ${load()}）`);

  let start = performance.now();
  const values = await computeValues(db, month, today);
  const oneMonth = performance.now() - start;
  rows.push([`一个月全部指标（${month}，${values.length} 个值，全部乡镇和村）`, seconds(oneMonth), '< 5 s', oneMonth < 5000 ? '达标' : '未达标']);

  const areas = await db.selectFrom('area').select(['id', 'code', 'level']).execute();
  const context = {
    db,
    actor: systemActor(),
    month,
    ...monthDays(month),
    today,
    countyId: areas.find((a) => a.level === 'county')!.id,
    areaIdByCode: new Map(areas.filter((a) => a.level === 'township').map((a) => [a.code, a.id])),
  };
  for (const source of indicatorSources()) {
    start = performance.now();
    await source.compute(context);
    rows.push([`  其中 ${source.indicators.map((d) => d.name).join('、')}`, seconds(performance.now() - start), '—', '—']);
  }

  console.log(`正在计算并保存 12 个月…`);
  const runMonths = Array.from({ length: 12 }, (_, i) => shiftMonth(month, i - 11));
  start = performance.now();
  // One run, as the demo computes its year: immunization reads its cohort once.
  await recomputeMonths(db, systemActor(), runMonths, today);
  const year = performance.now() - start;
  rows.push([`12 个月全部指标，计算并保存（${shiftMonth(month, -11)} 至 ${month}）`, seconds(year), '—', `每月 ${seconds(year / 12)}`]);
  // The sources that read several months at once (computeMonths), over the same twelve months.
  for (const source of indicatorSources()) {
    if (!source.computeMonths) continue;
    start = performance.now();
    await source.computeMonths(runMonths.map((m) => ({ ...context, month: m, ...monthDays(m) })));
    rows.push([`  其中 ${source.indicators[0]!.source}（12 个月一次读取）`, seconds(performance.now() - start), '—', '—']);
  }

  const app = await buildApp({ db, dbKind: handle.kind, webDir: false });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'demo1234' } });
    const cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`;
    const timing = await timeEach(Array.from({ length: 200 }, () => 0), async () => {
      const res = await app.inject({ method: 'GET', url: `/api/supervision/values?month=${month}`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    rows.push([`乡镇 × 指标表 API（200 次）中位数 / p99`, `${timing.median.toFixed(1)} ms / ${timing.p99.toFixed(1)} ms`, 'p99 < 500 ms', timing.p99 < 500 ? '达标' : '未达标']);
    const ranking = await timeEach(Array.from({ length: 100 }, () => 0), async () => {
      await app.inject({ method: 'GET', url: `/api/supervision/ranking/trend?month=${month}`, headers: { cookie } });
    });
    const dashboard = await timeEach(Array.from({ length: 200 }, () => 0), async () => {
      const res = await app.inject({ method: 'GET', url: `/api/supervision/dashboard?month=${month}`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    rows.push([`首页看板 API（卡片 + 12 个月趋势 + 乡镇对比，200 次）中位数 / p99`, `${dashboard.median.toFixed(1)} ms / ${dashboard.p99.toFixed(1)} ms`, 'p99 < 500 ms', dashboard.p99 < 500 ? '达标' : '未达标']);
    rows.push([`12 个月得分趋势 API（100 次）中位数 / p99`, `${ranking.median.toFixed(1)} ms / ${ranking.p99.toFixed(1)} ms`, '—', '—']);
    // 全年考核: the year's ranking from its twelve stored months (flows summed, stocks at the last month).
    const yearRanking = await timeEach(Array.from({ length: 100 }, () => 0), async () => {
      const res = await app.inject({ method: 'GET', url: `/api/supervision/ranking?period=${month.slice(0, 4)}`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    rows.push([`全年考核排名 API（${month.slice(0, 4)} 年 12 个月汇总，100 次）中位数 / p99`, `${yearRanking.median.toFixed(1)} ms / ${yearRanking.p99.toFixed(1)} ms`, '—', '—']);
  } finally {
    await app.close();
  }
  rows.push(['（负载均值 1/5/15 分钟）', load(), '—', '—']);
  console.log(`\n数据库：${kind}\n`);
  console.log(markdownTable(['测量', '结果', '目标', '结论'], rows));
});
