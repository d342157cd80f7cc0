/**
 * Checks of what a clerk submits for a claim, before anything is written: each refusal names its field in Chinese.
 * Pure (today is passed in), so the same checks serve the forms, the one-call visit and tests.
 */
import { isRealDate } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import { scaleDecimal, yuanToFen, type DecimalFault, type Fen } from '../scheme/decimal.ts';
import type { ClaimKind, ClaimLineCategory } from '../db/schema.ts';
import { CLAIM_KINDS, LINE_CATEGORIES } from './vocabulary.ts';

export interface LineInput {
  name: string;
  category: ClaimLineCategory;
  inCatalog: boolean; // 目录内
  quantity: number | string; // up to 2 decimals, > 0
  unitPrice: number | string; // 元, up to 2 decimals, ≥ 0
}

export interface CheckedLine {
  name: string;
  category: ClaimLineCategory;
  inCatalog: boolean;
  quantity: string; // as stored in numeric(12,2)
  unitPriceFen: Fen;
  amountFen: Fen;
}

const MAX_LINES = 500;
const MAX_QUANTITY_CENTI = 10_000_000; // 100 000 units
const MAX_UNIT_PRICE_FEN = 100_000_000; // 1 000 000 元: quantity × price stays an exact JS integer

const faultText: Record<DecimalFault, string> = { not_number: '应为数字', too_many_decimals: '最多两位小数', too_large: '数值过大' };

/** Each line checked; amount = quantity × unit price rounded half up to the fen. */
export function checkLines(lines: readonly LineInput[], field = 'lines'): CheckedLine[] {
  if (lines.length > MAX_LINES) throw invalid(field, `一次最多录入 ${MAX_LINES} 条费用明细`);
  return lines.map((line, i) => {
    const at = `${field}.${i}`;
    const label = `第 ${i + 1} 条费用`;
    const name = typeof line.name === 'string' ? line.name.trim() : '';
    if (!name || name.length > 100) throw invalid(`${at}.name`, `${label}：项目名称应为 1 到 100 个字`);
    if (!Object.hasOwn(LINE_CATEGORIES, line.category)) {
      throw invalid(`${at}.category`, `${label}「${name}」：费用类别应为 ${Object.values(LINE_CATEGORIES).join('、')} 之一`);
    }
    if (typeof line.inCatalog !== 'boolean') throw invalid(`${at}.inCatalog`, `${label}「${name}」：请注明目录内或目录外`);
    const centi = scaleDecimal(line.quantity, 2);
    if (typeof centi === 'string') throw invalid(`${at}.quantity`, `${label}「${name}」：数量${faultText[centi]}`);
    if (centi <= 0) throw invalid(`${at}.quantity`, `${label}「${name}」：数量应大于 0，收到 ${String(line.quantity)}`, 'invalid_quantity');
    if (centi > MAX_QUANTITY_CENTI) throw invalid(`${at}.quantity`, `${label}「${name}」：数量过大`);
    const price = yuanToFen(line.unitPrice);
    if (typeof price === 'string') throw invalid(`${at}.unitPrice`, `${label}「${name}」：单价（元）${faultText[price]}`);
    if (price < 0) throw invalid(`${at}.unitPrice`, `${label}「${name}」：单价不能为负数，收到 ${String(line.unitPrice)} 元`, 'negative_amount');
    if (price > MAX_UNIT_PRICE_FEN) throw invalid(`${at}.unitPrice`, `${label}「${name}」：单价过大`);
    return {
      name,
      category: line.category,
      inCatalog: line.inCatalog,
      quantity: (centi / 100).toFixed(2),
      unitPriceFen: price,
      amountFen: Math.floor((centi * price + 50) / 100),
    };
  });
}

/**
 * A village clinic often records a visit as two figures: the total and its out-of-catalogue part (目录外). They
 * become two lines, so every claim's totals are sums of lines.
 */
export function linesFromTotals(total: number | string, outOfCatalog: number | string | undefined): CheckedLine[] {
  const money = (value: number | string, field: string, label: string): Fen => {
    const fen = yuanToFen(value);
    if (typeof fen === 'string') throw invalid(field, `${label}（元）${faultText[fen]}`);
    if (fen < 0) throw invalid(field, `${label}不能为负数，收到 ${String(value)} 元`, 'negative_amount');
    if (fen > MAX_UNIT_PRICE_FEN) throw invalid(field, `${label}过大`);
    return fen;
  };
  const totalFen = money(total, 'total', '总费用');
  const outFen = outOfCatalog === undefined ? 0 : money(outOfCatalog, 'outOfCatalog', '目录外费用');
  if (outFen > totalFen) {
    throw invalid('outOfCatalog', `目录外费用 ${String(outOfCatalog)} 元不能超过总费用 ${String(total)} 元`, 'out_of_catalog_exceeds_total');
  }
  const line = (name: string, inCatalog: boolean, fen: Fen): CheckedLine => ({ name, category: 'other', inCatalog, quantity: '1.00', unitPriceFen: fen, amountFen: fen });
  const lines = [line('目录内费用', true, totalFen - outFen)];
  if (outFen > 0) lines.push(line('目录外费用（自费）', false, outFen));
  return lines;
}

/** Admission (or visit) and discharge dates: real dates, discharge not before admission, neither in the future. */
export function checkDates(admittedOn: string, dischargedOn: string | null | undefined, today: string): void {
  const check = (date: string, field: string, label: string) => {
    if (typeof date !== 'string' || !isRealDate(date)) throw invalid(field, `${label}「${String(date)}」无效，应为 YYYY-MM-DD 格式的日期`);
    if (date < '1900-01-01') throw invalid(field, `${label} ${date} 过早`);
    if (date > today) throw invalid(field, `${label} ${date} 不能晚于今天（${today}）`, 'date_in_future');
  };
  check(admittedOn, 'admittedOn', '入院（就诊）日期');
  if (dischargedOn === null || dischargedOn === undefined) return;
  check(dischargedOn, 'dischargedOn', '出院日期');
  if (dischargedOn < admittedOn) throw invalid('dischargedOn', `出院日期 ${dischargedOn} 早于入院日期 ${admittedOn}`, 'discharge_before_admission');
}

// ICD-10: a letter, two digits, then optionally a dot and up to 4 characters or up to 4 more digits (C92, C92.0, K35.902).
const ICD10 = /^[A-Z]\d{2}(?:\.[0-9A-Z]{1,4}|\d{1,4})?$/;

/** The diagnosis in upper case; required except for an ordinary outpatient visit. */
export function checkDiagnosis(kind: ClaimKind, diagnosis: string | null | undefined, field = 'diagnosis'): string {
  const code = (diagnosis ?? '').trim().toUpperCase();
  if (code === '') {
    if (kind === 'outpatient') return '';
    throw invalid(field, `${CLAIM_KINDS[kind]}须填写诊断编码（ICD-10，如 I10、C92.0）`);
  }
  if (!ICD10.test(code)) throw invalid(field, `诊断编码「${diagnosis}」不是 ICD-10 格式（如 I10、C92.0、K35.902）`);
  return code;
}

/** 430702********1234: the receipt and lists show an ID number with its middle masked. */
export function maskIdNumber(idNumber: string | null): string | null {
  if (!idNumber) return null;
  return idNumber.length <= 10 ? idNumber : `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}
