/**
 * The monitoring rules as data: each rule's Chinese name, the schema of its thresholds and the sentence that states
 * them. The thresholds themselves live in `ncms_monitoring_rule` (seeded with the documented defaults by migration
 * 0008), so the NCMS office changes a threshold without a release; every change is audited.
 */
import { z } from 'zod';
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { invalid, notFound } from '../../core/errors.ts';

const count = (label: string, min: number, max: number) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`);
const share = (label: string) => z.number({ error: `${label}应为数字` }).min(0, `${label}应在 0 到 1 之间`).max(1, `${label}应在 0 到 1 之间`);

export const RULE_SCHEMAS = {
  over_target: z.object({ months: count('连续月数', 1, 12) }).strict(),
  village_surge: z.object({ historyMonths: count('参照月数', 3, 12), sdFactor: z.number().min(1).max(10), minRatio: z.number().min(1).max(10) }).strict(),
  frequent_visits: z.object({ visits: count('就诊次数', 2, 50), days: count('天数', 1, 31) }).strict(),
  split_admission: z.object({ days: count('间隔天数', 0, 30) }).strict(),
  ineligible_person: z.object({}).strict(),
  duplicate_receipt: z.object({}).strict(),
  fund_limits: z.object({ yearBalanceMax: share('当年结余率上限'), accumulatedBalanceMax: share('累计结余率上限'), usageAheadWarning: share('使用进度超前预警幅度') }).strict(),
} as const;

export type RuleCode = keyof typeof RULE_SCHEMAS;
export type RuleParams<C extends RuleCode> = z.infer<(typeof RULE_SCHEMAS)[C]>;
export type AllRuleParams = { [C in RuleCode]: RuleParams<C> };
/** The rules that raise alerts (the others feed the indicators and the fund warning). */
export type AlertRule = 'village_surge' | 'frequent_visits' | 'split_admission' | 'ineligible_person' | 'duplicate_receipt';
export const ALERT_RULES: readonly AlertRule[] = ['village_surge', 'frequent_visits', 'split_admission', 'ineligible_person', 'duplicate_receipt'];

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Name and the threshold in words, per rule. */
export const RULE_TEXT: { [C in RuleCode]: { name: string; describe: (p: RuleParams<C>) => string } } = {
  over_target: { name: '次均住院费用月月超标', describe: (p) => `次均住院费用连续 ${p.months} 个月（含本月）高于本院当年控制标准` },
  village_surge: {
    name: '村卫生室门诊统筹补偿突增',
    describe: (p) => `村卫生室本月门诊统筹补偿额超过前 ${p.historyMonths} 个月平均值 + ${p.sdFactor} 倍标准差，且不低于平均值的 ${p.minRatio} 倍；开展门诊统筹不足 ${p.historyMonths} 个月的不预警`,
  },
  frequent_visits: { name: '短期内频繁就诊', describe: (p) => `同一人 ${p.days} 天内门诊就诊（含特殊慢病门诊）不少于 ${p.visits} 次` },
  split_admission: { name: '分解住院', describe: (p) => `同一人出院后 ${p.days} 天内因同一疾病（ICD-10 前 3 位相同）再次入院` },
  ineligible_person: { name: '死亡或迁出人员报销', describe: () => '就诊（入院）日期时该居民已登记死亡或迁出' },
  duplicate_receipt: { name: '同一票据重复报销', describe: () => '同一机构、同一人、同一就诊（入出院）日期、同一总费用的单据结算了两次及以上（单据未记录发票号，以此认定为同一票据）' },
  fund_limits: {
    name: '基金结余控制标准',
    describe: (p) => `当年结余不超过当年筹集基金的 ${pct(p.yearBalanceMax)}，累计结余不超过 ${pct(p.accumulatedBalanceMax)}，不得出现赤字；基金使用进度超前时间进度 ${pct(p.usageAheadWarning)} 以上为预警`,
  },
};

export const isRuleCode = (code: string): code is RuleCode => Object.hasOwn(RULE_SCHEMAS, code);

/** Every rule's stored thresholds, checked against its schema (a broken row fails loudly, naming the rule). */
export async function loadRuleParams(db: Db): Promise<AllRuleParams> {
  const rows = await db.selectFrom('ncms_monitoring_rule').select(['code', 'params']).execute();
  const out: Partial<Record<RuleCode, unknown>> = {};
  for (const code of Object.keys(RULE_SCHEMAS) as RuleCode[]) {
    const row = rows.find((r) => r.code === code);
    if (!row) throw new Error(`监测规则 ${code} 缺少参数设置（迁移 0008 应已写入）`);
    out[code] = RULE_SCHEMAS[code].parse(row.params);
  }
  return out as AllRuleParams;
}

export interface RuleView {
  code: RuleCode;
  name: string;
  params: Record<string, number>;
  description: string;
  updatedByName: string;
  updatedAt: string;
}

function view(code: RuleCode, params: unknown, updatedByName: string, updatedAt: Date): RuleView {
  const text = RULE_TEXT[code] as { name: string; describe: (p: unknown) => string };
  return { code, name: text.name, params: params as Record<string, number>, description: text.describe(params), updatedByName, updatedAt: new Date(updatedAt).toISOString() };
}

/** The rules with their thresholds in words: what the pages show next to the alerts. */
export async function listRules(db: Db, actor: Actor): Promise<RuleView[]> {
  requirePermission(actor, 'ncms.read');
  const rows = await db.selectFrom('ncms_monitoring_rule').selectAll().execute();
  return (Object.keys(RULE_SCHEMAS) as RuleCode[]).flatMap((code) => {
    const row = rows.find((r) => r.code === code);
    return row ? [view(code, RULE_SCHEMAS[code].parse(row.params), row.updated_by_name, row.updated_at)] : [];
  });
}

/** Changes a rule's thresholds (ncms.manage, audited); a bad value is refused naming the parameter. */
export async function setRuleParams(db: Db, actor: Actor, code: string, params: unknown): Promise<RuleView> {
  requirePermission(actor, 'ncms.manage');
  if (!isRuleCode(code)) throw notFound('监测规则');
  const parsed = RULE_SCHEMAS[code].safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`params.${issue.path.join('.')}`, `${RULE_TEXT[code].name}：${issue.code === 'unrecognized_keys' ? `不认识的参数 ${issue.keys.join('、')}` : issue.message}`);
  }
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('ncms_monitoring_rule').select('params').where('code', '=', code).forUpdate().executeTakeFirstOrThrow();
    const row = await trx
      .updateTable('ncms_monitoring_rule')
      .set({ params: JSON.stringify(parsed.data), updated_by_name: actor.name, updated_at: new Date() })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'update', entity: 'ncms_monitoring_rule', entityId: code, before: before.params, after: parsed.data });
    return view(code, parsed.data, row.updated_by_name, row.updated_at);
  });
}
