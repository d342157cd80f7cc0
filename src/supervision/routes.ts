import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../server/auth.ts';
import { requirePermission } from '../core/auth/actor.ts';
import { IdParams, Ok } from '../core/http-schemas.ts';
import { contentDisposition, sendPdf } from '../core/pdf/http.ts';
import { XLSX_TYPE } from '../core/xlsx/read-sheet.ts';
import '../indicator-providers.ts';
import { indicatorDefinitions } from './indicators/registry.ts';
import { indicatorTable } from './indicators/table.ts';
import { recomputeMonth } from './indicators/compute.ts';
import { deleteTarget, getScheme, listTargets, setScheme, setTarget } from './scoring/targets.ts';
import { periodRanking, rankingTrend } from './scoring/ranking.ts';
import { rankingFileName, rankingXlsx } from './scoring/ranking-xlsx.ts';
import { parsePeriod } from './period.ts';
import { invalid } from '../core/errors.ts';
import { getBulletin, listBulletins, previewBulletin, publishBulletin, type Bulletin } from './bulletins/bulletins.ts';
import { bulletinFileName, bulletinPdf, bulletinXlsx } from './bulletins/documents.ts';
import { dashboard } from './dashboard/dashboard.ts';
import { createInspection, getInspection, listInspections, reportRectification, reviewProblem } from './inspections/inspections.ts';
import { todayInShanghai } from '../core/dates.ts';
import { DateFormat } from '../core/http-schemas.ts';
import * as S from './http-schemas.ts';

const tags = ['supervision'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM（如 2026-03）').describe('考核月份');
const year = z.coerce.number().int().min(2000).max(2100).describe('考核年度');
// A view is of a month or of a longer period (季度、半年、全年 or a run of months).
const periodQuery = {
  month: month.optional(),
  period: z.string().optional().describe('统计期：2026-Q1（季度）、2026-H1（上半年）、2026（全年）、2026-01..2026-05，或月份；与 month 二选一'),
};
function periodOf(q: { month?: string | undefined; period?: string | undefined }) {
  if (q.period !== undefined) return parsePeriod(q.period);
  if (q.month !== undefined) return parsePeriod(q.month, 'month');
  throw invalid('period', '请选择考核月份或统计期');
}
const publication = (b: Bulletin) => ({ version: b.version, publishedAt: b.publishedAt, publishedByName: b.publishedByName, correctionReason: b.correctionReason });

/** Supervision and assessment (督导考核): HTTP routes, mounted under /api. */
export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/supervision/indicators', { schema: { tags, summary: '指标库：每项指标的定义、单位、方向、分子分母', response: { 200: z.array(S.IndicatorDefinition) } } }, async (request) => {
    requirePermission(requireActor(request), 'supervision.read');
    return indicatorDefinitions();
  });

  app.get(
    '/supervision/values',
    { schema: { tags, summary: '某月或某统计期各乡镇（或某乡镇各村）的指标值、目标与达标情况（已计算保存的各月值汇总）', querystring: z.object({ ...periodQuery, townshipId: z.coerce.number().int().positive().optional() }), response: { 200: S.IndicatorTable } } },
    async (request) => indicatorTable(app.db, requireActor(request), { period: periodOf(request.query), townshipId: request.query.townshipId }),
  );

  const value = z.number().nullable();
  app.get(
    '/supervision/dashboard',
    {
      schema: {
        tags,
        summary: '首页看板：某月（默认最近计算的月份）全县重点指标与目标、上月变化，一项指标的 12 个月趋势和各乡镇对比',
        querystring: z.object({ month: month.optional(), indicator: z.string().min(1).optional().describe('趋势和乡镇对比的指标代码，默认指标库第一项') }),
        response: {
          200: z.object({
            month: z.string().nullable().describe('null：还没有计算过任何月份'),
            computedAt: z.string().nullable(),
            indicator: z.string(),
            cards: z.array(z.object({ indicator: z.string(), value, target: value, meets: z.boolean().nullable(), previous: value, change: value })),
            trend: z.array(z.object({ month: z.string(), value, target: value })),
            townships: z.array(z.object({ areaId: z.number(), name: z.string(), value, target: value, meets: z.boolean().nullable(), opensVillages: z.boolean().describe('该乡镇的村在本人管辖范围内，可下钻到各村') })),
          }),
        },
      },
    },
    async (request) => dashboard(app.db, requireActor(request), request.query),
  );

  app.post('/supervision/values/compute', { schema: { tags, summary: '计算（重算）某月全部指标并保存', body: z.object({ month }), response: { 200: S.ComputedMonth } } }, async (request) =>
    recomputeMonth(app.db, requireActor(request), request.body.month),
  );

  app.get('/supervision/targets', { schema: { tags, summary: '某年度的考核目标', querystring: z.object({ year }), response: { 200: z.array(S.Target) } } }, async (request) => listTargets(app.db, requireActor(request), request.query.year));

  app.put(
    '/supervision/targets',
    {
      schema: {
        tags,
        summary: '设定考核目标（不选乡镇为全部乡镇的统一目标；按机构统计的指标可为单个机构设定）',
        body: z.object({
          year,
          indicator: z.string().min(1),
          areaId: z.number().int().positive().nullable().optional(),
          institutionId: z.number().int().positive().nullable().optional().describe('为单个机构设定目标（如县人民医院报告及时率 100%），不与 areaId 同用'),
          target: z.number(),
        }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await setTarget(app.db, requireActor(request), request.body);
      return { ok: true as const };
    },
  );

  app.delete('/supervision/targets/:id', { schema: { tags, summary: '删除考核目标', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteTarget(app.db, requireActor(request), request.params.id);
    return { ok: true as const };
  });

  app.get('/supervision/scheme', { schema: { tags, summary: '某年度的评分方案', querystring: z.object({ year }), response: { 200: z.array(S.ScoringItem) } } }, async (request) => getScheme(app.db, requireActor(request), request.query.year));

  app.put('/supervision/scheme', { schema: { tags, summary: '设定某年度的评分方案', body: z.object({ year, items: z.array(S.ScoringItem) }), response: { 200: Ok } } }, async (request) => {
    await setScheme(app.db, requireActor(request), request.body.year, request.body.items);
    return { ok: true as const };
  });

  app.get('/supervision/ranking', { schema: { tags, summary: '某月（或季度、半年、全年）各乡镇卫生院综合得分与排名（全县公开）', querystring: z.object(periodQuery), response: { 200: S.Ranking } } }, async (request) =>
    periodRanking(app.db, requireActor(request), periodOf(request.query)),
  );

  app.get('/supervision/ranking.xlsx', { schema: { tags, summary: '下载某月或某统计期的考核排名 Excel', querystring: z.object(periodQuery) } }, async (request, reply) => {
    const actor = requireActor(request);
    const ranking = await periodRanking(app.db, actor, periodOf(request.query));
    const county = await app.db.selectFrom('area').select('name').where('level', '=', 'county').executeTakeFirst();
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(rankingFileName(ranking))).send(await rankingXlsx(ranking, county?.name ?? ''));
  });

  app.get(
    '/supervision/ranking/trend',
    { schema: { tags, summary: '各乡镇近若干月的得分与排名', querystring: z.object({ month, months: z.coerce.number().int().min(1).max(36).default(12) }), response: { 200: S.RankingTrend } } },
    async (request) => rankingTrend(app.db, requireActor(request), request.query.month, request.query.months),
  );

  app.get('/supervision/bulletins', { schema: { tags, summary: '已发布的月通报（含更正版本）', response: { 200: z.array(S.BulletinListItem) } } }, async (request) => listBulletins(app.db, requireActor(request)));

  app.get('/supervision/bulletins/preview', { schema: { tags, summary: '生成某月通报的预览（不保存）', querystring: z.object({ month }), response: { 200: S.BulletinContent } } }, async (request) =>
    previewBulletin(app.db, requireActor(request), request.query.month),
  );

  app.get('/supervision/bulletins/preview.pdf', { schema: { tags, summary: '预览稿 PDF（注明未发布）', querystring: z.object({ month }) } }, async (request, reply) => {
    const content = await previewBulletin(app.db, requireActor(request), request.query.month);
    return sendPdf(reply, await bulletinPdf(content, null), bulletinFileName(content, null, 'pdf'), { inline: true });
  });

  app.post(
    '/supervision/bulletins',
    { schema: { tags, summary: '发布某月通报（内容冻结；已发布的月份须填写更正说明，发布为新版本）', body: z.object({ month, correctionReason: z.string().max(500).optional() }), response: { 200: S.Bulletin } } },
    async (request) => publishBulletin(app.db, requireActor(request), request.body),
  );

  app.get('/supervision/bulletins/:id', { schema: { tags, summary: '已发布的通报', params: IdParams, response: { 200: S.Bulletin } } }, async (request) => getBulletin(app.db, requireActor(request), request.params.id));

  app.get('/supervision/bulletins/:id/bulletin.pdf', { schema: { tags, summary: '下载通报 PDF', params: IdParams } }, async (request, reply) => {
    const b = await getBulletin(app.db, requireActor(request), request.params.id);
    return sendPdf(reply, await bulletinPdf(b.content, publication(b)), bulletinFileName(b.content, publication(b), 'pdf'), { inline: true });
  });

  app.get('/supervision/bulletins/:id/bulletin.xlsx', { schema: { tags, summary: '下载通报 Excel', params: IdParams } }, async (request, reply) => {
    const b = await getBulletin(app.db, requireActor(request), request.params.id);
    const buffer = await bulletinXlsx(b.content, publication(b));
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(bulletinFileName(b.content, publication(b), 'xlsx'))).send(buffer);
  });

  app.get('/supervision/inspections', { schema: { tags, summary: '督查记录（含问题数、未销号数、逾期数）', response: { 200: z.array(S.InspectionListItem) } } }, async (request) => listInspections(app.db, requireActor(request), todayInShanghai()));

  app.post(
    '/supervision/inspections',
    {
      schema: {
        tags,
        summary: '登记一次督查及发现的问题（责任单位、整改期限）',
        body: z.object({
          inspectedOn: DateFormat,
          areaId: z.number().int().positive().describe('被督查的乡镇或村'),
          topic: z.string(),
          inspectors: z.string(),
          summary: z.string().max(2000).optional(),
          problems: z.array(z.object({ description: z.string(), responsibleAreaId: z.number().int().positive(), deadline: DateFormat })).max(100),
        }),
        response: { 200: z.object({ id: z.number().describe('新督查记录的 id') }) },
      },
    },
    async (request) => ({ id: await createInspection(app.db, requireActor(request), request.body) }),
  );

  app.get('/supervision/inspections/:id', { schema: { tags, summary: '一次督查及其问题的整改情况', params: IdParams, response: { 200: S.Inspection } } }, async (request) =>
    getInspection(app.db, requireActor(request), request.params.id, todayInShanghai()),
  );

  app.post('/supervision/problems/:id/rectification', { schema: { tags, summary: '责任单位填报整改情况', params: IdParams, body: z.object({ rectification: z.string() }), response: { 200: Ok } } }, async (request) => {
    await reportRectification(app.db, requireActor(request), request.params.id, request.body.rectification);
    return { ok: true as const };
  });

  app.post(
    '/supervision/problems/:id/review',
    { schema: { tags, summary: '回头看：复查通过销号，或退回重新整改（须写明原因）', params: IdParams, body: z.object({ accept: z.boolean(), note: z.string().max(500).optional() }), response: { 200: Ok } } },
    async (request) => {
      await reviewProblem(app.db, requireActor(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );
};
