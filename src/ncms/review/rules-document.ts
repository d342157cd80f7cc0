/**
 * The review rules (审核规则) of a pool and year as data: which settled claims are put before a reviewer. The document
 * is stored as the clerk typed it (money in yuan, shares and factors as decimals); `parseReviewRules` checks it with
 * Chinese messages naming the field and compiles it to integers for the pure selection (select.ts).
 * Every rule may be null (off). A claim meeting several rules is selected once, with every reason.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { CLAIM_KIND_CODES } from '../claims/vocabulary.ts';
import type { ClaimKind } from '../db/schema.ts';
import { ratioToPpm, yuanToFen, type Fen, type Ppm } from '../scheme/decimal.ts';

const LEVEL_CODES = ['village', 'township', 'county', 'outside'] as const;
const ADMISSIONS: ClaimKind[] = ['inpatient', 'delivery'];

const kind = z.enum(CLAIM_KIND_CODES, { error: '就诊类别应为 outpatient（门诊）、inpatient（住院）、chronic（慢病）、delivery（分娩）之一' });
const yuan = z.union([z.number(), z.string()], { error: '金额应为数字（元）' }).refine((v) => typeof yuanToFen(v) === 'number' && (yuanToFen(v) as number) > 0, '金额应为大于 0 的数字（元），最多两位小数');
const share = z.union([z.number(), z.string()], { error: '比例应为 0 到 1 之间的小数' }).refine((v) => {
  const ppm = ratioToPpm(v);
  return typeof ppm === 'number' && ppm > 0 && ppm <= 1_000_000;
}, '抽查比例应大于 0、不超过 1（如 0.03 表示 3%），最多六位小数');
const count = (what: string, min: number, max: number) => z.number({ error: `${what}应为整数` }).int(`${what}应为整数`).min(min, `${what}至少为 ${min}`).max(max, `${what}不能超过 ${max}`);

export const reviewRulesSchema = z.strictObject({
    /** 大额审核线: a claim whose total cost is above the line of its kind (and level, when one is given for it). */
    amount: z
      .array(z.strictObject({ kind, level: z.enum(LEVEL_CODES, { error: '机构级别应为 village、township、county、outside 之一，不分级别请留空' }).nullable().optional(), above: yuan }))
      .max(40, '大额审核线最多 40 条')
      .nullable(),
    /** 随机抽查: a share of each institution's claims of a kind in the month, chosen by a seeded hash (re-runs agree). */
    sample: z
      .strictObject({
        seed: z.string({ error: '随机种子应为文字' }).trim().min(1, '请填写随机种子（任意文字，同一种子每次抽中同样的单据）').max(60, '随机种子不超过 60 个字'),
        shares: z.array(z.strictObject({ kind, share })).min(1, '请至少填写一类就诊的抽查比例').max(4, '每类就诊只填一个抽查比例'),
      })
      .nullable(),
    /** 住院天数: admissions (inpatient, delivery) longer than this many days. */
    stay: z.strictObject({ aboveDays: count('住院天数', 1, 365) }).nullable(),
    /** 病种费用异常: total above factor × last year's county average of the same ICD-10 category at the same level. */
    diagnosisCost: z
      .strictObject({
        factor: z.number({ error: '倍数应为数字' }).min(1.1, '倍数至少为 1.1').max(100, '倍数不能超过 100'),
        minCases: count('最少例数', 1, 10_000),
        kinds: z.array(kind).min(1, '请至少选择一类就诊').max(4),
      })
      .nullable(),
});

export type ReviewRulesDocument = z.input<typeof reviewRulesSchema>;

/** The rules on integers, ready for `selectForReview`. */
export interface CompiledRules {
  /** key `kind|level` or `kind|*` → total above which a claim is selected. */
  amount: Map<string, Fen>;
  sample: { seed: string; shares: Map<ClaimKind, Ppm> } | null;
  stay: { aboveDays: number; kinds: readonly ClaimKind[] } | null;
  diagnosisCost: { factor: number; minCases: number; kinds: ReadonlySet<ClaimKind> } | null;
}

export interface RuleProblem {
  field: string;
  message: string;
}

export type ParsedRules = { ok: true; document: ReviewRulesDocument; rules: CompiledRules } | { ok: false; problems: RuleProblem[] };

/** Messages for the document's shape (the fields' own messages are on the schema and take precedence). */
function structureMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return `不认识的项「${issue.keys.join('、')}」，请检查拼写`;
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return issue.path?.length ? '缺少此项（不用的规则写 null）' : '请填写审核规则';
  if (issue.expected === 'object') return issue.path?.length ? '应为一组设置或 null（不用此规则）' : '审核规则应包含 amount、sample、stay、diagnosisCost 四项（不用的规则写 null）';
  if (issue.expected === 'array') return '应为列表或 null（不用此规则）';
  return undefined;
}

export function parseReviewRules(input: unknown): ParsedRules {
  const parsed = reviewRulesSchema.safeParse(input, { error: structureMessage });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) };
  }
  const doc = parsed.data;
  const problems: RuleProblem[] = [];
  const amount = new Map<string, Fen>();
  doc.amount?.forEach((line, i) => {
    const key = `${line.kind}|${line.level ?? '*'}`;
    if (amount.has(key)) problems.push({ field: `amount.${i}`, message: `第 ${i + 1} 条大额审核线与前面一条的类别和级别相同，请合并为一条` });
    amount.set(key, yuanToFen(line.above) as Fen);
  });
  const shares = new Map<ClaimKind, Ppm>();
  doc.sample?.shares.forEach((s, i) => {
    if (shares.has(s.kind)) problems.push({ field: `sample.shares.${i}.kind`, message: `第 ${i + 1} 个抽查比例的就诊类别与前面重复` });
    shares.set(s.kind, ratioToPpm(s.share) as Ppm);
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    document: input as ReviewRulesDocument,
    rules: {
      amount,
      sample: doc.sample ? { seed: doc.sample.seed, shares } : null,
      stay: doc.stay ? { aboveDays: doc.stay.aboveDays, kinds: ADMISSIONS } : null,
      diagnosisCost: doc.diagnosisCost ? { factor: doc.diagnosisCost.factor, minCases: doc.diagnosisCost.minCases, kinds: new Set(doc.diagnosisCost.kinds) } : null,
    },
  };
}

/** The rules, or a 400 naming the first problem with all of them in details.problems (like the scheme store). */
export function compileReviewRules(input: unknown): { document: ReviewRulesDocument; rules: CompiledRules } {
  const parsed = parseReviewRules(input);
  if (parsed.ok) return parsed;
  const [first] = parsed.problems;
  const more = parsed.problems.length > 1 ? `（共 ${parsed.problems.length} 处问题）` : '';
  throw new AppError('invalid_review_rules', `审核规则有误：${first!.field ? `${first!.field}：` : ''}${first!.message}${more}`, 400, {
    field: first!.field ? `document.${first!.field}` : 'document',
    problems: parsed.problems,
  });
}

/** The kinds of claim any rule looks at: only these are read for a run (a county's outpatient visits are most claims). */
export function ruleKinds(rules: CompiledRules): ClaimKind[] {
  const kinds = new Set<ClaimKind>();
  for (const key of rules.amount.keys()) kinds.add(key.split('|')[0] as ClaimKind);
  for (const kind of rules.sample?.shares.keys() ?? []) kinds.add(kind);
  for (const kind of rules.stay?.kinds ?? []) kinds.add(kind);
  for (const kind of rules.diagnosisCost?.kinds ?? []) kinds.add(kind);
  return [...kinds];
}
