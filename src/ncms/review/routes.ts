import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { IdParams } from '../../core/http-schemas.ts';
import { pageQuery } from '../../core/list-page.ts';
import { correctReview, decideReview } from './decide.ts';
import { assignReviewItems, getReviewItem, listReviewItems } from './items.ts';
import { listReviewers } from './reviewers.ts';
import { reviewRulesVersions, saveReviewRules } from './rules-store.ts';
import { listReviewRuns, runReviewSelection } from './run.ts';
import { reviewCountsByInstitution } from './summary.ts';
import * as S from './http-schemas.ts';

const year = z.coerce.number().int().min(2000).max(2100).describe('年度');
const pool = z.string().regex(/^\d{6,12}$/, '统筹区代码应为 6 到 12 位数字').describe('统筹区代码（如 430702）');
const month = z.coerce.number().int().min(1, '月份应为 1 到 12').max(12, '月份应为 1 到 12').describe('月份 1-12（出院日期所在月）');
const status = z.enum(['open', 'approved', 'adjusted', 'rejected']);
const decisionBody = z.object({
  decision: z.enum(['approved', 'adjusted', 'rejected'], { error: '请选择审核结论：通过、核减或拒付' }).describe('approved 通过；adjusted 核减；rejected 拒付'),
  pay: z.union([z.number(), z.string()], { error: '核减后金额应为数字（元）' }).nullable().optional().describe('核减后统筹支付（元），仅核减时填写，须低于原结算支付'),
  reason: z.string({ error: '理由应为文字' }).max(500, '理由不超过 500 个字').nullable().optional().describe('理由：核减、拒付和更正必填'),
});

/** NCMS 审核: rules, selection runs, the review queue and decisions, the summary by institution. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ncms/review/rules',
    { schema: { tags: ['ncms'], summary: '审核规则：执行中的版本和历史版本', querystring: z.object({ pool, year }), response: { 200: S.ReviewRulesVersions } } },
    async (request) => {
      const actor = requireActor(request);
      const versions = await reviewRulesVersions(app.db, actor, request.query.pool, request.query.year);
      return { inForce: versions[0] ?? null, versions };
    },
  );

  app.post(
    '/ncms/review/rules',
    {
      schema: {
        tags: ['ncms'],
        summary: '保存审核规则（新版本，立即执行）',
        body: z.object({ pool, year: z.number().int().min(2000).max(2100), document: z.unknown().describe('规则文档：amount、sample、stay、diagnosisCost'), note: z.string().max(200).nullable().optional() }),
        response: { 200: S.StoredReviewRules },
      },
    },
    async (request) => saveReviewRules(app.db, requireActor(request), request.body),
  );

  app.get(
    '/ncms/review/runs',
    { schema: { tags: ['ncms'], summary: '抽审记录', querystring: z.object({ pool: pool.optional(), year }), response: { 200: z.array(S.RunSummary) } } },
    async (request) => listReviewRuns(app.db, requireActor(request), request.query),
  );

  app.post(
    '/ncms/review/runs',
    {
      schema: {
        tags: ['ncms'],
        summary: '按月抽审：按执行中的审核规则选出需审核的报销单据（已选过的不再选）',
        body: z.object({ pool, year: z.number().int().min(2000).max(2100), month: z.number().int().min(1, '月份应为 1 到 12').max(12, '月份应为 1 到 12'), assignTo: z.array(z.number().int().positive()).max(50).optional().describe('分配给这些审核人员（轮流）') }),
        response: { 200: S.RunResult },
      },
    },
    async (request) => runReviewSelection(app.db, requireActor(request), request.body),
  );

  app.get('/ncms/review/reviewers', { schema: { tags: ['ncms'], summary: '可分配的审核人员', response: { 200: z.array(S.ReviewerInfo) } } }, async (request) => listReviewers(app.db, requireActor(request)));

  app.get(
    '/ncms/review/items',
    {
      schema: {
        tags: ['ncms'],
        summary: '审核单列表（mine=true 为我的待审）',
        querystring: z.object({ mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true'), status: status.optional(), pool: pool.optional(), year: year.optional(), month: month.optional(), institutionId: z.coerce.number().int().positive().optional(), ...pageQuery }),
        response: { 200: S.ReviewItemPage },
      },
    },
    async (request) => listReviewItems(app.db, requireActor(request), request.query),
  );

  app.get('/ncms/review/items/:id', { schema: { tags: ['ncms'], summary: '审核单：报销单据、费用明细、抽中原因、审核记录', params: IdParams, response: { 200: S.ReviewItemView } } }, async (request) =>
    getReviewItem(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/ncms/review/items/assign',
    { schema: { tags: ['ncms'], summary: '分配审核单给审核人员（userId 为 null 时收回）', body: z.object({ itemIds: z.array(z.number().int().positive()).min(1, '请选择要分配的审核单').max(500), userId: z.number().int().positive().nullable() }), response: { 200: z.object({ assigned: z.number().describe('分配（或收回）的审核单数') }) } } },
    async (request) => assignReviewItems(app.db, requireActor(request), request.body),
  );

  app.post('/ncms/review/items/:id/decide', { schema: { tags: ['ncms'], summary: '审核结论：通过、核减（扣减应付机构款）或拒付', params: IdParams, body: decisionBody, response: { 200: S.ReviewItemView } } }, async (request) =>
    decideReview(app.db, requireActor(request), request.params.id, request.body),
  );

  app.post('/ncms/review/items/:id/correct', { schema: { tags: ['ncms'], summary: '更正审核结论（须说明理由，按差额记账）', params: IdParams, body: decisionBody, response: { 200: S.ReviewItemView } } }, async (request) =>
    correctReview(app.db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/ncms/review/summary',
    { schema: { tags: ['ncms'], summary: '审核汇总：各机构抽中、通过、核减、拒付笔数和扣减金额', querystring: z.object({ year, month: month.optional(), pool: pool.optional() }), response: { 200: z.array(S.InstitutionReviewCounts) } } },
    async (request) => reviewCountsByInstitution(app.db, requireActor(request), request.query),
  );
};
