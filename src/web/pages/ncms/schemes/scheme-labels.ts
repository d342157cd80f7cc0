// How scheme fields and figures read to a clerk: paths as Chinese names, ratios as percentages, money in yuan.
import { problemPath } from './scheme-form.ts';

const KEY_NAMES: Record<string, string> = {
  format: '格式标识',
  pool: '统筹区代码',
  year: '方案年度',
  financing: '筹资标准',
  individual: '个人缴费',
  government: '政府补助',
  inpatient: '住院补偿',
  outpatient: '门诊统筹',
  village: '村级',
  township: '乡级',
  county: '县级',
  outside: '县外',
  deductible: '起付线',
  ratio: '报销比例',
  unreferredRatio: '未转诊报销比例',
  perVisitCap: '每次封顶额',
  annualCap: '年度封顶线',
  chronic: '特殊慢病',
  major: '重大疾病',
  diseases: '病种',
  delivery: '住院分娩',
  fixed: '定额补助',
};

/** "inpatient.county.ratio" → 「住院补偿 · 县级 · 报销比例」; "chronic.diseases[1]" → 「特殊慢病 · 病种 · 第 2 项」. */
export function fieldLabel(path: string): string {
  if (!path) return '整个方案';
  return problemPath(path)
    .map((part) => (typeof part === 'number' ? `第 ${part + 1} 项` : (KEY_NAMES[part] ?? part)))
    .join(' · ');
}

export type FigureKind = 'ratio' | 'money' | 'plain';

const RATIO_KEYS = new Set(['ratio', 'unreferredRatio']);
const MONEY_KEYS = new Set(['individual', 'government', 'deductible', 'perVisitCap', 'annualCap', 'fixed']);

/** What a field's figure is, from its last key. */
export function figureKind(path: string): FigureKind {
  const last = problemPath(path).at(-1);
  if (typeof last !== 'string') return 'plain';
  return RATIO_KEYS.has(last) ? 'ratio' : MONEY_KEYS.has(last) ? 'money' : 'plain';
}

const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 0.75 → "75%", 0.125 → "12.5%": the digits of the decimal moved two places, never float arithmetic shown. */
export function percent(value: unknown): string {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(value ?? '');
  return `${Number((n * 100).toFixed(4))}%`;
}

/** 150000 → "150,000 元". */
export function yuan(value: unknown): string {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(value ?? '');
  return `${YUAN.format(n)} 元`;
}

/** A figure of the document as shown, by its field; absent is 「（无）」, null 「不予报销」. */
export function showFigure(path: string, value: unknown): string {
  if (value === undefined) return '（无）';
  if (value === null) return '不予报销';
  if (Array.isArray(value)) return value.join('、') || '（空）';
  if (typeof value === 'object') return JSON.stringify(value);
  const kind = figureKind(path);
  return kind === 'ratio' ? percent(value) : kind === 'money' ? yuan(value) : String(value);
}
