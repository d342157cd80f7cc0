/**
 * Zod schema for the scheme document, format v1 (see shared/domain/ncms.md). Every field carries its Chinese name so
 * each problem reads like 「起付线不能为负数」; the JSON path is added by parseScheme.
 * Built twice from one definition: strict (to list unknown keys as warnings) and stripping (to get the data).
 */
import { z } from 'zod';
import { PPM, ratioToPpm, yuanToFen, type DecimalFault } from './decimal.ts';
import { SCHEME_FORMAT, type InpatientBenefit, type OutpatientBenefit, type Scheme } from './types.ts';

type Converted<T> = { value: T } | { problem: string };
type ObjectFactory = typeof z.strictObject;

/** How a received value is quoted back to the clerk. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `「${value}」`;
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? '一个列表' : '一个对象';
  return String(value);
}

/** A required field: `convert` checks and converts the value, a missing key is named. */
function field<T>(label: string, convert: (value: unknown) => Converted<T>) {
  return z
    .unknown()
    .transform((value, ctx) => {
      const result = value === undefined ? { problem: `缺少${label}` } : convert(value);
      if ('value' in result) return result.value;
      ctx.issues.push({ code: 'custom', message: result.problem, input: value });
      return z.NEVER;
    })
    .nonoptional(); // only for the inferred type: a missing key is reported above
}

const decimalProblem: Record<DecimalFault, (label: string, value: unknown) => string> = {
  not_number: (label, value) => `${label}应为数字，收到 ${shown(value)}`,
  too_many_decimals: (label, value) => `${label}最多精确到分（两位小数），收到 ${shown(value)}`,
  too_large: (label, value) => `${label}数值过大，收到 ${shown(value)}`,
};

/** Money in yuan (≤ 2 decimals, never negative) → fen. */
const money = (label: string) =>
  field(label, (value) => {
    const fen = yuanToFen(value);
    if (typeof fen === 'string') return { problem: decimalProblem[fen](label, value) };
    return fen < 0 ? { problem: `${label}不能为负数` } : { value: fen };
  });

/** A ratio in [0,1] (≤ 6 decimals) → parts per million. */
const ratio = (label: string) =>
  field(label, (value) => {
    const ppm = ratioToPpm(value);
    if (ppm === 'not_number') return { problem: `${label}应为 0 到 1 之间的小数，收到 ${shown(value)}` };
    if (ppm === 'too_many_decimals') return { problem: `${label}最多 6 位小数，收到 ${shown(value)}` };
    if (ppm === 'too_large' || ppm < 0 || ppm > PPM) {
      const percentHint = typeof ppm === 'number' && ppm >= 5 * PPM && ppm <= 100 * PPM ? `（百分之 ${ppm / PPM} 请写 ${ppm / PPM / 100}）` : '';
      return { problem: `${label}应在 0 到 1 之间，收到 ${shown(value)}${percentHint}` };
    }
    return { value: ppm };
  });

/** ICD-10 code as listed in a scheme: capital letter, digits/letters, optional ".sub" (I10, E11, C92.0). */
const ICD10 = /^[A-Z][0-9A-Z]*(\.[0-9A-Z]+)?$/;
const diseaseCode = field('病种编码', (value) =>
  typeof value === 'string' && ICD10.test(value)
    ? { value }
    : { problem: `病种编码应为大写的 ICD-10 编码（如 I10、C92.0），收到 ${shown(value)}` },
);

const sectionError = (label: string, what = '对象') => (issue: { input?: unknown }) =>
  issue.input === undefined ? `缺少${label}` : `${label}应为${what}，收到 ${shown(issue.input)}`;

/** A key that v1 forbids at that place (it is not merely unknown: a clerk who wrote it expects it to apply). */
const forbidden = (message: string) => z.undefined({ error: message }).optional();

export function buildSchemeSchema(object: ObjectFactory) {
  const diseases = (label: string) => z.array(diseaseCode, { error: sectionError(label, '病种编码列表') });

  const inpatientLevel = (levelName: string, outside: boolean) =>
    object(
      {
        deductible: money('起付线'),
        ratio: ratio('报销比例'),
        unreferredRatio: outside
          ? ratio('未转诊报销比例').optional()
          : forbidden('只有县外（outside）住院可以设置未转诊报销比例 unreferredRatio'),
      },
      {
        error: (issue) =>
          issue.input === undefined
            ? `缺少${levelName}住院补偿设置（该级别不予报销请写 null）`
            : `${levelName}住院补偿应为对象或 null，收到 ${shown(issue.input)}`,
      },
    )
      .nullable()
      .transform((l): InpatientBenefit | null =>
        l === null
          ? null
          : { deductibleFen: l.deductible, ratioPpm: l.ratio, ...(l.unreferredRatio === undefined ? {} : { unreferredRatioPpm: l.unreferredRatio }) },
      );

  const outpatientLevel = (levelName: string) =>
    object(
      { ratio: ratio('报销比例'), perVisitCap: money('每次封顶额') },
      { error: sectionError(`${levelName}门诊统筹设置`, '对象或 null') },
    )
      .nullable()
      .optional()
      .transform((l): OutpatientBenefit | null => (l ? { ratioPpm: l.ratio, perVisitCapFen: l.perVisitCap } : null));

  const outpatientOnly = forbidden('门诊统筹只设村级（village）和乡级（township）');

  return object(
    {
      format: field('格式标识（format）', (value) =>
        value === SCHEME_FORMAT ? { value: SCHEME_FORMAT as typeof SCHEME_FORMAT } : { problem: `格式标识应为 ${SCHEME_FORMAT}，收到 ${shown(value)}` },
      ),
      pool: field('统筹区代码', (value) =>
        typeof value === 'string' && /^\d{6,12}$/.test(value)
          ? { value }
          : { problem: `统筹区代码应为 6 到 12 位数字的行政区划代码，收到 ${shown(value)}` },
      ),
      year: field('方案年度', (value) =>
        Number.isInteger(value) && (value as number) >= 1900 && (value as number) <= 2100
          ? { value: value as number }
          : { problem: `方案年度应为四位年份（如 2025），收到 ${shown(value)}` },
      ),
      financing: object(
        { individual: money('个人缴费标准'), government: money('政府补助标准') },
        { error: sectionError('筹资标准（financing）') },
      ).transform((f) => ({ individualFen: f.individual, governmentFen: f.government })),
      inpatient: object(
        {
          village: inpatientLevel('村级（village）', false),
          township: inpatientLevel('乡级（township）', false),
          county: inpatientLevel('县级（county）', false),
          outside: inpatientLevel('县外（outside）', true),
        },
        { error: sectionError('住院补偿（inpatient）') },
      ),
      outpatient: object(
        {
          village: outpatientLevel('村级（village）'),
          township: outpatientLevel('乡级（township）'),
          county: outpatientOnly,
          outside: outpatientOnly,
          annualCap: money('门诊统筹年度封顶线'),
        },
        { error: sectionError('门诊统筹（outpatient）') },
      ).transform((o) => ({ village: o.village, township: o.township, annualCapFen: o.annualCap })),
      chronic: object(
        { diseases: diseases('特殊慢病病种（diseases）'), annualCap: money('慢病年度封顶线') },
        { error: sectionError('特殊慢病（chronic）') },
      ).transform((c) => ({ diseases: c.diseases, annualCapFen: c.annualCap })),
      major: object(
        { diseases: diseases('重大疾病病种（diseases）'), ratio: ratio('重大疾病报销比例'), annualCap: money('重大疾病年度封顶线') },
        { error: sectionError('重大疾病（major）') },
      ).transform((m) => ({ diseases: m.diseases, ratioPpm: m.ratio, annualCapFen: m.annualCap })),
      delivery: object({ fixed: money('住院分娩定额补助') }, { error: sectionError('住院分娩（delivery）') }).transform((d) => ({
        fixedFen: d.fixed,
      })),
      annualCap: money('年度封顶线'),
    },
    { error: () => '方案文件应为一个 JSON 对象' },
  ).transform(({ annualCap, ...rest }): Scheme => ({ ...rest, annualCapFen: annualCap }));
}
