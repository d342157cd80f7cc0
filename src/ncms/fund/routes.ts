import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { DateFormat } from '../../core/http-schemas.ts';
import { pageQuery, pageSchema } from '../../core/list-page.ts';
import { FUND_ACCOUNTS, FUND_KINDS, FUND_SOURCES } from './accounts.ts';
import { checkFund } from './fund-check.ts';
import { payInstitution, recordDeposit } from './movements.ts';
import { fundOverview, fundYears, listFundEntries } from './overview.ts';
import { monthlyStatements } from './statements.ts';
import { getSubsidySplit, setSubsidySplit } from './subsidy-split.ts';

const year = z.coerce.number().int().min(1900).max(2100).describe('基金年度');
const pool = z.string().regex(/^\d{6,12}$/, '统筹区代码应为 6 到 12 位数字').describe('统筹区代码（如 430702）');
const month = z.coerce.number().int().min(1).max(12).describe('月份 1-12');
const fen = (what: string) => z.number().describe(`${what}（分）`);
const sourceEnum = z.enum(Object.keys(FUND_SOURCES) as [keyof typeof FUND_SOURCES, ...Array<keyof typeof FUND_SOURCES>]);
const accountEnum = z.enum(Object.keys(FUND_ACCOUNTS) as [keyof typeof FUND_ACCOUNTS, ...Array<keyof typeof FUND_ACCOUNTS>]);
const kindEnum = z.enum(Object.keys(FUND_KINDS) as [keyof typeof FUND_KINDS, ...Array<keyof typeof FUND_KINDS>]);

const Movement = z.object({
  transactionId: z.number(),
  pool: z.string(),
  year: z.number(),
  date: z.string(),
  amountFen: fen('金额'),
  memo: z.string(),
  remainingFen: fen('本笔之后尚待解缴/拨付（到账）或尚欠该机构（支付）的金额'),
  repeated: z.boolean().describe('重复提交同一 requestId 时为 true，未再次记账'),
});
const movementBody = {
  pool,
  year: z.number().int().min(1900).max(2100).describe('基金年度'),
  date: DateFormat.describe('业务日期，须在基金年度内'),
  amountFen: z.number().int().positive().describe('金额（分）'),
  memo: z.string().max(200).nullable().optional().describe('摘要，不填则自动生成'),
  requestId: z.string().min(8).max(80).optional().describe('本次提交的唯一编号；重复提交同一编号返回第一次的结果，不会重复记账'),
};

const Statement = z.object({
  pool: z.string(),
  year: z.number(),
  month: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  institutionLevel: z.string(),
  openingFen: fen('上月末结欠'),
  settledFen: fen('本月结算补偿'),
  settledClaims: z.number().describe('本月结算单据数'),
  reversedFen: fen('本月冲销'),
  reversedClaims: z.number().describe('本月冲销单据数'),
  paidFen: fen('本月已拨付'),
  deductedFen: fen('本月审核扣减（拒付）'),
  adjustedFen: fen('本月调整（正数增加应付）'),
  closingFen: fen('月末应付 = 上月结欠 + 结算 − 冲销 − 拨付 − 审核扣减 + 调整'),
  owedNowFen: fen('当前应付（含以后月份）'),
});

const Entry = z.object({
  lineId: z.number(),
  transactionId: z.number(),
  pool: z.string(),
  year: z.number(),
  date: z.string(),
  kind: z.string(),
  kindName: z.string(),
  memo: z.string(),
  referenceType: z.string(),
  referenceId: z.string(),
  account: z.string(),
  accountName: z.string(),
  institutionId: z.number().nullable(),
  institutionName: z.string().nullable(),
  source: z.string().nullable(),
  sourceName: z.string().nullable(),
  debitFen: fen('借方'),
  creditFen: fen('贷方'),
  createdByName: z.string(),
});

const Split = z.object({
  pool: z.string(),
  year: z.number(),
  isDefault: z.boolean().describe('未设置分担时为 true：政府补助全部记为县级财政'),
  governmentFen: z.number().nullable().describe('执行中方案的人均政府补助（分）'),
  parts: z.array(z.object({ source: z.string(), sourceName: z.string(), amountFen: fen('人均金额') })),
});

/** The fund (基金) pages' API under /api/ncms/fund: reads need ncms.read, deposits, payments and the split ncms.manage. */
export const fundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ncms/fund/years',
    { schema: { tags: ['ncms'], summary: '基金账簿已有的统筹区和年度', response: { 200: z.array(z.object({ pool: z.string(), year: z.number() })) } } },
    async (request) => fundYears(app.db, requireActor(request)),
  );

  app.get(
    '/ncms/fund/overview',
    {
      schema: {
        tags: ['ncms'],
        summary: '基金概况：收入（按来源）、支出（按补偿类别）、结余、逐月收支、基金使用率',
        querystring: z.object({ year, pool: pool.optional().describe('统筹区；不填为该年度全部统筹区合计') }),
        response: {
          200: z.object({
            pool: z.string().nullable(),
            year: z.number(),
            raisedFen: fen('筹集资金（个人缴费 + 政府补助）'),
            incomeBySource: z.array(z.object({ source: z.string(), name: z.string(), fen: z.number() })),
            spendingFen: fen('补偿支出'),
            spendingByKind: z.array(z.object({ kind: z.string(), name: z.string(), fen: z.number() })),
            balanceFen: fen('当年结余 = 筹集 − 支出'),
            bankFen: fen('基金专户存款'),
            receivableIndividualFen: fen('个人缴费待解缴'),
            receivableGovernmentFen: fen('财政补助待拨付'),
            payableFen: fen('应付定点医疗机构'),
            usageRate: z.number().nullable().describe('基金使用率 = 支出 ÷ 筹集，四位小数；未筹集时为 null'),
            timeShare: z.number().describe('时间进度：本年度已过天数占比（往年为 1）'),
            monthly: z.array(z.object({ month: z.number(), incomeFen: z.number(), spendingFen: z.number() })).describe('1-12 月逐月收入和支出'),
            warnings: z.array(z.string()).describe('预警：使用进度快于时间进度、结余率超标等'),
          }),
        },
      },
    },
    async (request) => fundOverview(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/fund/statements',
    {
      schema: {
        tags: ['ncms'],
        summary: '定点医疗机构月结算单：本月结算、冲销、已拨付和应付',
        querystring: z.object({ year, month, pool: pool.optional(), institutionId: z.coerce.number().int().positive().optional().describe('只看一个机构') }),
        response: { 200: z.array(Statement) },
      },
    },
    async (request) => monthlyStatements(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/fund/entries',
    {
      schema: {
        tags: ['ncms'],
        summary: '基金分录明细（按日期倒序）',
        querystring: z.object({
          year,
          pool: pool.optional(),
          account: accountEnum.optional().describe('科目'),
          institutionId: z.coerce.number().int().positive().optional(),
          month: month.optional(),
          kind: kindEnum.optional().describe('凭证类型'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(Entry) },
      },
    },
    async (request) => listFundEntries(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/fund/check',
    {
      schema: {
        tags: ['ncms'],
        summary: '基金账簿校验：余额与分录一致、每笔凭证借贷平衡、专户余额从未为负',
        querystring: z.object({ year: year.optional(), pool: pool.optional() }),
        response: {
          200: z.object({
            ok: z.boolean(),
            transactions: z.number(),
            lines: z.number(),
            problems: z.array(z.object({ pool: z.string(), year: z.number(), code: z.string(), message: z.string() })),
            totals: z.array(z.object({ pool: z.string(), year: z.number(), account: z.string(), accountName: z.string(), debitFen: z.number(), creditFen: z.number(), balanceFen: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      requirePermission(requireActor(request), 'ncms.read');
      return checkFund(app.db, request.query);
    },
  );

  app.post(
    '/ncms/fund/deposits',
    {
      schema: {
        tags: ['ncms'],
        summary: '资金到账：个人缴费解缴入户或财政补助拨付到账',
        body: z.object({
          ...movementBody,
          from: z.enum(['individual', 'government']).describe('individual 个人缴费解缴；government 财政补助拨付'),
          source: sourceEnum.nullable().optional().describe('财政补助的资金来源（from=government 时必填）'),
        }),
        response: { 200: Movement },
      },
    },
    async (request) => recordDeposit(app.db, requireActor(request), request.body),
  );

  app.post(
    '/ncms/fund/payments',
    {
      schema: {
        tags: ['ncms'],
        summary: '向定点医疗机构拨付补偿款（不得超过应付金额和专户余额）',
        body: z.object({ ...movementBody, institutionId: z.number().int().positive().describe('医疗机构') }),
        response: { 200: Movement },
      },
    },
    async (request) => payInstitution(app.db, requireActor(request), request.body),
  );

  app.get(
    '/ncms/fund/subsidy-split',
    { schema: { tags: ['ncms'], summary: '政府补助分担（中央/省/县等人均金额）', querystring: z.object({ pool, year }), response: { 200: Split } } },
    async (request) => getSubsidySplit(app.db, requireActor(request), request.query.pool, request.query.year),
  );

  app.put(
    '/ncms/fund/subsidy-split',
    {
      schema: {
        tags: ['ncms'],
        summary: '设置政府补助分担：各来源人均金额合计须等于方案的人均政府补助',
        body: z.object({ pool, year: z.number().int().min(1900).max(2100), parts: z.array(z.object({ source: sourceEnum, amountFen: z.number().int().min(0) })).max(6) }),
        response: { 200: Split },
      },
    },
    async (request) => setSubsidySplit(app.db, requireActor(request), request.body),
  );
};
