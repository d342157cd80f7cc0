import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { DateString, IdParams } from '../../../core/http-schemas.ts';
import { pageQuery, pageSchema } from '../../../core/list-page.ts';
import { todayInShanghai } from '../../../core/dates.ts';
import { NOTIFIABLE_LISTS } from '../notifiable/index.ts';
import { listOn } from '../notifiable/load.ts';
import { CASE_CLASS_NAMES, COURSE_NAMES } from '../notifiable/schema.ts';
import { saveCard } from './card-save.ts';
import { changeCardStatus } from './card-status.ts';
import { getCard, listCards } from './card-query.ts';
import { CARD_STATUS_NAMES, OCCUPATIONS } from './card-rules.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
import { listMissedReports, reportingRates } from './missed-reports.ts';
import { AlertItem, CardBody, CardDetail, CardStatusEnum, CardSummary, MissedItem, NotifiableResponse, OutcomeEnum, PeriodQuery, RateRow } from './http-schemas.ts';

const tags = ['disease-cards'];
const reason = z.string().max(200);
const flag = z.enum(['true', 'false']).optional();
const asFlag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

/** The list in force on a day with the names the card form offers: what GET /disease/notifiable answers (the web reads its type). */
export function notifiableView(on: string) {
  const list = listOn(NOTIFIABLE_LISTS, on);
  return {
    id: list.id,
    name: list.name,
    effective: list.effective,
    hours: list.hours,
    duplicateDays: list.duplicateDays,
    matchDays: list.matchDays,
    diseases: list.diseases,
    caseClasses: CASE_CLASS_NAMES,
    courses: COURSE_NAMES,
    occupations: OCCUPATIONS,
    statuses: CARD_STATUS_NAMES,
  };
}
export type NotifiableView = ReturnType<typeof notifiableView>;

/** 传染病报告卡: HTTP routes. */
export const reportCardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/disease/notifiable',
    {
      schema: {
        tags,
        summary: '法定传染病目录（某日施行的版本）、病例分类、人群分类',
        querystring: z.object({ on: DateString.optional().describe('日期，默认今天') }),
        response: { 200: NotifiableResponse },
      },
    },
    async (request) => {
      requireActor(request);
      return notifiableView(request.query.on ?? todayInShanghai());
    },
  );

  app.post(
    '/disease/cards',
    {
      schema: {
        tags,
        summary: '填报传染病报告卡',
        description:
          '由诊断单位填报（报告单位为本人所在机构）。报告时间为提交时间；按诊断时间与病种的时限（甲类及按甲类管理 2 小时，其余 24 小时）标记及时或迟报。同一患者同一病种诊断时间相差不到 30 天的视为重复报告，返回 409 并给出已有报告卡编号（details.cardId）。甲类卡立即向县疾控预警。',
        body: CardBody,
        response: { 200: CardDetail },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return getCard(app.db, actor, await saveCard(app.db, actor, request.body));
    },
  );

  app.get(
    '/disease/cards',
    {
      schema: {
        tags,
        summary: '报告卡列表',
        description: '可见范围：患者现住址或报告单位在本人管辖范围内。默认不含已删除的卡。',
        querystring: z.object({
          status: CardStatusEnum.optional(),
          diseaseId: z.string().max(40).optional(),
          institutionId: z.coerce.number().int().positive().optional(),
          areaId: z.coerce.number().int().positive().optional().describe('现住址区划（含下级）'),
          from: DateString.optional(),
          to: DateString.optional(),
          onTime: flag.describe('true 只看及时；false 只看迟报'),
          classA: flag.describe('true 只看甲类及按甲类管理'),
          q: z.string().max(40).optional().describe('姓名开头或完整身份证号'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(CardSummary) },
      },
    },
    async (request) => listCards(app.db, requireActor(request), { ...request.query, onTime: asFlag(request.query.onTime), classA: asFlag(request.query.classA) }),
  );

  app.get('/disease/cards/:id', { schema: { tags, summary: '报告卡详情（含历次订正与审核记录）', params: IdParams, response: { 200: CardDetail } } }, async (request) =>
    getCard(app.db, requireActor(request), request.params.id),
  );

  app.put(
    '/disease/cards/:id',
    {
      schema: {
        tags,
        summary: '订正报告卡',
        description: '生成新版本（原内容保留在历史中），状态变为「已订正」，需乡镇重新审核。报告时间不变。只有报告单位本单位人员或县疾控可以订正。',
        params: IdParams,
        body: CardBody.extend({ reason: reason.describe('订正原因，如：诊断变更') }),
        response: { 200: CardDetail },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { reason: why, ...input } = request.body;
      await saveCard(app.db, actor, input, { cardId: request.params.id, reason: why });
      return getCard(app.db, actor, request.params.id);
    },
  );

  for (const [action, summary] of [
    ['check', '乡镇审核报告卡'],
    ['confirm', '县疾控确认报告卡'],
    ['delete', '删除报告卡（须填原因，保留记录）'],
  ] as const) {
    app.post(
      `/disease/cards/:id/${action}`,
      { schema: { tags, summary, params: IdParams, body: z.object({ reason: reason.optional() }).optional(), response: { 200: CardDetail } } },
      async (request) => {
        const actor = requireActor(request);
        await changeCardStatus(app.db, actor, request.params.id, action, request.body?.reason);
        return getCard(app.db, actor, request.params.id);
      },
    );
  }

  app.get(
    '/disease/card-alerts',
    {
      schema: {
        tags,
        summary: '甲类传染病预警（甲类及按甲类管理的报告卡）',
        querystring: z.object({ open: flag.describe('true 只看未确认收到的') }),
        response: { 200: z.object({ items: z.array(AlertItem), open: z.number().describe('未确认收到的预警数') }) },
      },
    },
    async (request) => listAlerts(app.db, requireActor(request), { open: asFlag(request.query.open) }),
  );

  app.post(
    '/disease/card-alerts/:id/acknowledge',
    { schema: { tags, summary: '确认收到甲类预警（记录确认人和时间）', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await acknowledgeAlert(app.db, requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/disease/missed-reports',
    {
      schema: {
        tags,
        summary: '漏报名单（就诊诊断为法定传染病而无对应报告卡的病例）',
        description: '按就诊时间统计一个时段（最长 366 天）。同一患者（居民、身份证号或姓名+出生日期）同一病种、诊断时间与就诊相差不超过 7 天的报告卡（任何单位报告的）视为已报告。默认列出漏报（outcome=missed）。',
        querystring: z.object({ ...PeriodQuery, institutionId: z.coerce.number().int().positive().optional().describe('责任报告单位'), outcome: OutcomeEnum.optional(), ...pageQuery }),
        response: { 200: pageSchema(MissedItem).extend({ counts: z.record(OutcomeEnum, z.number()) }) },
      },
    },
    async (request) => listMissedReports(app.db, requireActor(request), request.query),
  );

  app.get(
    '/disease/report-rates',
    {
      schema: {
        tags,
        summary: '疫情报告率与报告及时率（按机构、乡镇）',
        querystring: z.object(PeriodQuery),
        response: {
          200: z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            definitions: z.object({ reportingRate: z.string(), timelyRate: z.string() }),
            institutions: z.array(RateRow),
            townships: z.array(RateRow),
            total: RateRow,
          }),
        },
      },
    },
    async (request) => reportingRates(app.db, requireActor(request), request.query),
  );
};
