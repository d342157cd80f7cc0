/**
 * Claims (报销单据): the typed, fen-based form the engine settles, and parseClaim that checks one JSONL record.
 *
 * A claim with a bad field is not an input error: it becomes a rejected result line (reason `invalid_claim`) so a
 * batch keeps one result per claim, and like every rejection it pays 0 and changes no year-to-date sum.
 * Only a line that is not a JSON object at all is an input error (the CLI names its line number).
 */
import { yuanToFen, type DecimalFault, type Fen } from '../scheme/decimal.ts';
import { shown } from '../scheme/schema.ts';
import { LEVELS, type Level } from '../scheme/types.ts';

export const CLAIM_KINDS = ['outpatient', 'inpatient', 'chronic', 'delivery'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export interface Claim {
  id: string;
  person: string;
  date: string; // YYYY-MM-DD, a real calendar date
  level: Level;
  kind: ClaimKind;
  diagnosis: string; // ICD-10; '' when the record has none
  referred: boolean; // 转诊; matters only for `outside`
  totalFen: Fen;
  outOfCatalogFen: Fen; // 目录外, 0 ≤ outOfCatalog ≤ total
}

/** One fault code per kind of fault, stable for programs; the message is for the clerk. */
export type ClaimFault =
  | 'not_object'
  | 'bad_id'
  | 'bad_person'
  | 'bad_date'
  | 'bad_level'
  | 'bad_kind'
  | 'bad_diagnosis'
  | 'bad_referred'
  | 'bad_total'
  | 'bad_out_of_catalog'
  | 'out_of_catalog_exceeds_total';

export interface ClaimProblem {
  fault: ClaimFault;
  field: string;
  message: string;
}

/** A record that failed parseClaim: settled as rejected `invalid_claim`. `id` is echoed when it was usable. */
export interface InvalidClaim {
  id: string | null;
  problems: ClaimProblem[];
}

export type ClaimEntry = Claim | InvalidClaim;

export const isInvalid = (entry: ClaimEntry): entry is InvalidClaim => 'problems' in entry;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!);
}

const LEVEL_SET: ReadonlySet<string> = new Set(LEVELS);
const KIND_SET: ReadonlySet<string> = new Set(CLAIM_KINDS);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

const moneyMessage: Record<DecimalFault | 'negative', string> = {
  not_number: '应为金额（元）',
  too_many_decimals: '最多精确到分（两位小数）',
  too_large: '数值过大',
  negative: '不能为负数',
};

/** Checks one claim record. Missing optional parts: diagnosis → '', referred → false, outOfCatalog → 0. */
export function parseClaim(raw: unknown): ClaimEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { id: null, problems: [{ fault: 'not_object', field: '', message: `报销单据应为一个 JSON 对象，收到 ${shown(raw)}` }] };
  }
  const r = raw as Record<string, unknown>;
  const problems: ClaimProblem[] = [];
  const fail = (fault: ClaimFault, field: string, message: string) => problems.push({ fault, field, message: `${field}：${message}` });

  if (!nonEmpty(r.id)) fail('bad_id', 'id', `单据编号应为非空文字，收到 ${shown(r.id)}`);
  if (!nonEmpty(r.person)) fail('bad_person', 'person', `参合人员编号应为非空文字，收到 ${shown(r.person)}`);
  if (typeof r.date !== 'string' || !isCalendarDate(r.date)) fail('bad_date', 'date', `就诊日期应为 YYYY-MM-DD 格式的有效日期，收到 ${shown(r.date)}`);
  if (typeof r.level !== 'string' || !LEVEL_SET.has(r.level)) {
    fail('bad_level', 'level', `机构级别应为 village（村级）、township（乡级）、county（县级）或 outside（县外），收到 ${shown(r.level)}`);
  }
  if (typeof r.kind !== 'string' || !KIND_SET.has(r.kind)) {
    fail('bad_kind', 'kind', `补偿类别应为 outpatient（门诊）、inpatient（住院）、chronic（慢病）或 delivery（分娩），收到 ${shown(r.kind)}`);
  }
  if (r.diagnosis !== undefined && typeof r.diagnosis !== 'string') fail('bad_diagnosis', 'diagnosis', `诊断编码应为文字，收到 ${shown(r.diagnosis)}`);
  if (r.referred !== undefined && typeof r.referred !== 'boolean') fail('bad_referred', 'referred', `是否转诊应为 true 或 false，收到 ${shown(r.referred)}`);

  const money = (field: 'total' | 'outOfCatalog', label: string, fault: ClaimFault): Fen | undefined => {
    const fen = yuanToFen(r[field]);
    const problem = typeof fen === 'string' ? fen : fen < 0 ? 'negative' : undefined;
    if (problem === undefined) return fen as Fen;
    fail(fault, field, `${label}${moneyMessage[problem]}，收到 ${shown(r[field])}`);
    return undefined;
  };
  const totalFen = money('total', '总费用', 'bad_total');
  const outOfCatalogFen = r.outOfCatalog === undefined ? 0 : money('outOfCatalog', '目录外费用', 'bad_out_of_catalog');
  if (totalFen !== undefined && outOfCatalogFen !== undefined && outOfCatalogFen > totalFen) {
    fail('out_of_catalog_exceeds_total', 'outOfCatalog', `目录外费用不能超过总费用（目录外 ${shown(r.outOfCatalog)}，总费用 ${shown(r.total)}）`);
  }

  if (problems.length > 0) return { id: nonEmpty(r.id) ? r.id : null, problems };
  return {
    id: r.id as string,
    person: r.person as string,
    date: r.date as string,
    level: r.level as Level,
    kind: r.kind as ClaimKind,
    diagnosis: (r.diagnosis as string | undefined) ?? '',
    referred: (r.referred as boolean | undefined) ?? false,
    totalFen: totalFen!,
    outOfCatalogFen: outOfCatalogFen!,
  };
}
