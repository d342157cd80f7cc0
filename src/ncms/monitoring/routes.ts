import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { pageQuery, pageSchema } from '../../core/list-page.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { fundEarlyWarning } from '../fund/early-warning-report.ts';
import { alertClaims, closeAlert, getAlert, listAlerts } from './alerts.ts';
import { listCostTargets, setCostTarget } from './cost-targets.ts';
import { indicatorClaims, institutionTrend, monthlyIndicators } from './indicator-service.ts';
import { runMonthlyMonitoring } from './monitoring-run.ts';
import { listRules, setRuleParams } from './rule-config.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应写作 YYYY-MM（如 2026-03）').describe('月份 YYYY-MM');
const year = z.coerce.number().int().min(1900).max(2100).describe('年度');
const id = z.coerce.number().int().positive();
const ratio = (what: string) => z.number().nullable().describe(`${what}（四位小数；分母为 0 时为 null，显示“无数据”）`);

const Figures = {
  admissions: z.number().describe('住院人次'),
  totalFen: z.number().describe('住院总费用（分）'),
  avgCostFen: z.number().nullable().describe('次均住院费用（分）'),
  enrolled: z.number().describe('服务范围内参合人数'),
  admissionsPer1000: z.number().nullable().describe('千人住院率（‰，当月）'),
  avgStayDays: z.number().nullable().describe('平均住院日'),
  outOfCatalogShare: ratio('目录外费用占比'),
  compensationRatio: ratio('实际住院补偿比'),
  policyRatio: ratio('政策范围内报销比'),
  payFen: z.number().describe('住院补偿（分）'),
  outpatientVisits: z.number().describe('门诊统筹人次'),
  outpatientPayFen: z.number().describe('门诊统筹补偿（分）'),
};
const Target = {
  targetFen: z.number().nullable().describe('当年次均住院费用控制标准（分）'),
  overTarget: z.boolean().nullable(),
  overMonths: z.number().describe('连续超标月数（含本月）'),
  monthlyOverTarget: z.boolean().describe('月月超标'),
};
const Alert = z.object({
  id: z.number(),
  rule: z.string(),
  ruleName: z.string(),
  month: z.string(),
  institutionId: z.number().nullable(),
  institutionName: z.string().nullable(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  summary: z.string(),
  figures: z.record(z.string(), z.unknown()),
  claimCount: z.number(),
  status: z.enum(['open', 'closed']),
  statusName: z.string(),
  outcome: z.enum(['confirmed', 'explained', 'false_alarm']).nullable(),
  outcomeName: z.string().nullable(),
  finding: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
const Rule = z.object({ code: z.string(), name: z.string(), params: z.record(z.string(), z.number()), description: z.string(), updatedByName: z.string(), updatedAt: z.string() });
const Warning = z.object({ code: z.string(), level: z.string(), levelName: z.string(), text: z.string() });

/** NCMS 监测与预警: HTTP routes. Reads need ncms.read (scoped by the institutions' area); runs, targets, rules and closing ncms.manage. */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ncms/monitoring/indicators',
    {
      schema: {
        tags: ['ncms'],
        summary: '机构月度监测指标：次均住院费用与控制标准、千人住院率、平均住院日、目录外费用占比、实际补偿比、政策范围内报销比',
        querystring: z.object({ month }),
        response: {
          200: z.object({
            month: z.string(),
            streakMonths: z.number(),
            definitions: z.record(z.string(), z.string()),
            rows: z.array(z.object({ institutionId: z.number(), institutionName: z.string(), level: z.string(), levelName: z.string(), ...Figures, ...Target })),
            total: z.object(Figures),
          }),
        },
      },
    },
    async (request) => monthlyIndicators(app.db, requireActor(request), request.query.month),
  );

  app.get(
    '/ncms/monitoring/indicators/:institutionId/trend',
    {
      schema: {
        tags: ['ncms'],
        summary: '一个机构逐月指标（趋势图）',
        params: z.object({ institutionId: id }),
        querystring: z.object({ month, months: z.coerce.number().int().min(2).max(36).default(12) }),
        response: { 200: z.object({ institutionId: z.number(), institutionName: z.string(), points: z.array(z.object({ month: z.string(), ...Figures, ...Target })) }) },
      },
    },
    async (request) => institutionTrend(app.db, requireActor(request), request.params.institutionId, request.query.month, request.query.months),
  );

  app.get(
    '/ncms/monitoring/indicators/:institutionId/claims',
    {
      schema: {
        tags: ['ncms'],
        summary: '指标背后的单据：本月住院或门诊统筹单据，费用高者在前',
        params: z.object({ institutionId: id }),
        querystring: z.object({ month, group: z.enum(['admissions', 'outpatient']).default('admissions'), ...pageQuery }),
        response: {
          200: pageSchema(
            z.object({
              id: z.number(),
              claimNo: z.string(),
              personName: z.string(),
              idNumberMasked: z.string().nullable(),
              kind: z.string(),
              kindName: z.string(),
              admittedOn: z.string(),
              dischargedOn: z.string(),
              stayDays: z.number(),
              diagnosis: z.string(),
              totalFen: z.number(),
              outOfCatalogFen: z.number(),
              payFen: z.number(),
            }),
          ),
        },
      },
    },
    async (request) => indicatorClaims(app.db, requireActor(request), { institutionId: request.params.institutionId, ...request.query }),
  );

  app.get(
    '/ncms/monitoring/targets',
    {
      schema: {
        tags: ['ncms'],
        summary: '次均住院费用控制标准（按机构和年度）',
        querystring: z.object({ year }),
        response: { 200: z.array(z.object({ institutionId: z.number(), year: z.number(), avgInpatientFen: z.number(), setByName: z.string(), updatedAt: z.string() })) },
      },
    },
    async (request) => listCostTargets(app.db, requireActor(request), request.query.year),
  );

  app.put(
    '/ncms/monitoring/targets/:institutionId/:year',
    {
      schema: {
        tags: ['ncms'],
        summary: '设置机构某年度次均住院费用控制标准（元）',
        params: z.object({ institutionId: id, year }),
        body: z.object({ target: z.union([z.number(), z.string()]).describe('控制标准（元，最多两位小数）') }),
        response: { 200: z.object({ institutionId: z.number(), year: z.number(), avgInpatientFen: z.number(), setByName: z.string(), updatedAt: z.string() }) },
      },
    },
    async (request) => setCostTarget(app.db, requireActor(request), { ...request.params, target: request.body.target }),
  );

  app.get('/ncms/monitoring/rules', { schema: { tags: ['ncms'], summary: '监测规则及其阈值', response: { 200: z.array(Rule) } } }, async (request) => listRules(app.db, requireActor(request)));

  app.put(
    '/ncms/monitoring/rules/:code',
    {
      schema: { tags: ['ncms'], summary: '修改监测规则阈值', params: z.object({ code: z.string() }), body: z.object({ params: z.record(z.string(), z.unknown()) }), response: { 200: Rule } },
    },
    async (request) => setRuleParams(app.db, requireActor(request), request.params.code, request.body.params),
  );

  app.post(
    '/ncms/monitoring/run',
    {
      schema: {
        tags: ['ncms'],
        summary: '运行月度监测：按各规则查找预警线索；重复运行不会重复生成',
        body: z.object({ month }),
        response: { 200: z.object({ month: z.string(), found: z.record(z.string(), z.number()), added: z.number(), linked: z.number() }) },
      },
    },
    async (request) => runMonthlyMonitoring(app.db, requireActor(request), request.body.month),
  );

  app.get(
    '/ncms/monitoring/alerts',
    {
      schema: {
        tags: ['ncms'],
        summary: '预警线索列表',
        querystring: z.object({ month: month.optional(), rule: z.string().optional(), status: z.enum(['open', 'closed']).optional(), institutionId: id.optional(), ...pageQuery }),
        response: { 200: pageSchema(Alert) },
      },
    },
    async (request) => listAlerts(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/monitoring/alerts/:id',
    { schema: { tags: ['ncms'], summary: '一条预警线索', params: z.object({ id }), response: { 200: Alert } } },
    async (request) => getAlert(app.db, requireActor(request), request.params.id),
  );

  app.get(
    '/ncms/monitoring/alerts/:id/claims',
    {
      schema: {
        tags: ['ncms'],
        summary: '预警线索背后的单据',
        params: z.object({ id }),
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              claimNo: z.string(),
              institutionName: z.string(),
              personName: z.string(),
              idNumberMasked: z.string().nullable(),
              kind: z.string(),
              kindName: z.string(),
              status: z.string(),
              statusName: z.string(),
              admittedOn: z.string(),
              dischargedOn: z.string().nullable(),
              diagnosis: z.string(),
              totalFen: z.number(),
              outOfCatalogFen: z.number(),
              payFen: z.number().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => alertClaims(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/ncms/monitoring/alerts/:id/close',
    {
      schema: {
        tags: ['ncms'],
        summary: '办结预警线索（须填写核查结论）',
        params: z.object({ id }),
        body: z.object({ outcome: z.string().describe('confirmed 查实违规 / explained 有合理原因 / false_alarm 误报'), finding: z.string().max(2000).describe('核查结论') }),
        response: { 200: Alert },
      },
    },
    async (request) => closeAlert(app.db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/ncms/monitoring/fund-warning',
    {
      schema: {
        tags: ['ncms'],
        summary: '基金预警：使用进度、结余控制标准、年末支出预测和预警等级',
        querystring: z.object({ year: year.optional(), pool: z.string().regex(/^\d{6,12}$/).optional() }),
        response: {
          200: z.object({
            year: z.number(),
            pool: z.string().nullable(),
            asOf: z.string(),
            raisedFen: z.number(),
            spendingFen: z.number(),
            usageRate: z.number().nullable(),
            timeShare: z.number(),
            balanceFen: z.number(),
            priorBalanceFen: z.number(),
            accumulatedBalanceFen: z.number(),
            forecast: z.object({
              method: z.string(),
              methodText: z.string(),
              completeMonths: z.number(),
              yearEndSpendingFen: z.number().nullable(),
              yearEndBalanceFen: z.number().nullable(),
              yearEndBalanceRate: z.number().nullable(),
              accumulatedYearEndFen: z.number().nullable(),
              monthly: z.array(z.object({ month: z.number(), actualFen: z.number().nullable(), forecastFen: z.number().nullable() })),
            }),
            lastYearMonthly: z.array(z.number()).nullable(),
            limits: z.object({ yearBalanceMax: z.number(), accumulatedBalanceMax: z.number(), usageAheadWarning: z.number() }),
            level: z.string(),
            levelName: z.string(),
            warnings: z.array(Warning),
          }),
        },
      },
    },
    async (request) => fundEarlyWarning(app.db, requireActor(request), { year: request.query.year ?? Number(todayInShanghai().slice(0, 4)), pool: request.query.pool }),
  );
};
