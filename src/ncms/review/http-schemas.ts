/**
 * Response schemas of the review routes, field by field from the service types (rules-store.ts, run.ts, reviewers.ts,
 * items.ts, summary.ts). The serializer drops any field not named here, so a field added to a service type must be
 * added here too.
 */
import { z } from 'zod';
import { pageSchema } from '../../core/list-page.ts';
import { ClaimView } from '../claims/routes.ts';
import { CLAIM_KIND_CODES } from '../claims/vocabulary.ts';

const kind = z.enum(CLAIM_KIND_CODES);
const decimal = z.union([z.number(), z.string()]);
const byRule = z.record(z.string(), z.number()).describe('各规则抽中的笔数：amount 大额费用、sample 随机抽查、stay 住院天数长、diagnosis_cost 病种费用异常');

/**
 * A rules document as it was saved (money in yuan, shares and factors as decimals, as typed). Not reviewRulesSchema:
 * that checks what is typed now, and a version saved under looser checks must still be shown.
 */
const RulesDocument = z.object({
  amount: z.array(z.object({ kind, level: z.enum(['village', 'township', 'county', 'outside']).nullable().optional().describe('机构级别；不分级别为空'), above: decimal.describe('审核线（元）') })).nullable().describe('大额审核线'),
  sample: z.object({ seed: z.string().describe('随机种子'), shares: z.array(z.object({ kind, share: decimal.describe('抽查比例，如 0.03') })) }).nullable().describe('随机抽查'),
  stay: z.object({ aboveDays: z.number() }).nullable().describe('住院天数超过 aboveDays 天'),
  diagnosisCost: z.object({ factor: z.number().describe('上年同病种均值的倍数'), minCases: z.number().describe('上年最少例数'), kinds: z.array(kind) }).nullable().describe('病种费用异常'),
});

export const StoredReviewRules = z.object({
  id: z.number(),
  pool: z.string().describe('统筹区代码'),
  year: z.number(),
  version: z.number(),
  document: RulesDocument,
  note: z.string().nullable(),
  savedByName: z.string(),
  savedAt: z.string(),
});

export const ReviewRulesVersions = z.object({
  inForce: StoredReviewRules.nullable().describe('执行中的版本（最新版）；未设规则为 null'),
  versions: z.array(StoredReviewRules).describe('全部版本，新的在前'),
});

const run = {
  pool: z.string(),
  year: z.number(),
  month: z.number(),
  rulesVersion: z.number().describe('所用审核规则的版本'),
  considered: z.number().describe('当月已结算、有统筹支付、规则涉及的就诊类别的单据数'),
  selected: z.number().describe('本次新抽中'),
  already: z.number().describe('符合规则但已被此前的抽审选中'),
  byRule,
};

export const RunResult = z.object({
  runId: z.number(),
  ...run,
  assigned: z.array(z.object({ userId: z.number(), name: z.string(), items: z.number() })).describe('分配给各审核人员的笔数'),
  unassigned: z.number().describe('未分配的笔数'),
});

export const RunSummary = z.object({ id: z.number(), ...run, runByName: z.string(), runAt: z.string() });

export const ReviewerInfo = z.object({ userId: z.number(), name: z.string(), username: z.string(), areaName: z.string() });

const status = z.enum(['open', 'approved', 'adjusted', 'rejected']).describe('open 待审；approved 通过；adjusted 核减；rejected 拒付');

const ReviewItemSummary = z.object({
  id: z.number(),
  claimId: z.number(),
  claimNo: z.string(),
  pool: z.string(),
  year: z.number(),
  month: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  personName: z.string(),
  kind,
  kindName: z.string(),
  dischargedOn: z.string().nullable(),
  totalFen: z.number().describe('总费用（分）'),
  settledPayFen: z.number().describe('结算时的统筹支付（分）'),
  payFen: z.number().nullable().describe('审核后的统筹支付（分）；未审为 null'),
  deductedFen: z.number().describe('审核扣减（分）'),
  reasons: z.array(z.object({ rule: z.enum(['amount', 'sample', 'stay', 'diagnosis_cost']), message: z.string() })).describe('抽中原因'),
  status,
  statusName: z.string(),
  assignedTo: z.number().nullable(),
  assignedToName: z.string().nullable(),
});

export const ReviewItemPage = pageSchema(ReviewItemSummary);

export const ReviewItemView = ReviewItemSummary.extend({
  claim: ClaimView,
  decisions: z.array(
    z.object({
      id: z.number(),
      decision: z.enum(['approved', 'adjusted', 'rejected']),
      decisionName: z.string(),
      payFen: z.number().describe('审核后的统筹支付（分）'),
      deductedFen: z.number().describe('扣减（分）'),
      postedFen: z.number().describe('本次记账的差额（分）'),
      bookedOn: z.string().describe('记账日期'),
      reason: z.string().nullable(),
      corrects: z.number().nullable().describe('更正的是哪一条审核结论'),
      decidedByName: z.string(),
      decidedAt: z.string(),
    }),
  ),
});

export const InstitutionReviewCounts = z.object({
  institutionId: z.number(),
  institutionName: z.string(),
  levelName: z.string(),
  selected: z.number().describe('抽中'),
  open: z.number().describe('待审'),
  approved: z.number(),
  adjusted: z.number(),
  rejected: z.number(),
  settledPayFen: z.number().describe('抽中单据结算时的统筹支付（分）'),
  deductedFen: z.number().describe('审核扣减（分）'),
});
