/**
 * The fund's chart of accounts (会计科目) as data: what each account is called, on which side it grows, and which
 * sub-keys (institution, source) its lines carry. postFund checks every line against this table.
 */

export const FUND_ACCOUNTS = {
  bank: { name: '基金专户存款', normal: 'debit', institution: 'none', source: 'none' },
  receivable_individual: { name: '个人缴费待解缴', normal: 'debit', institution: 'none', source: 'none' },
  receivable_government: { name: '财政补助待拨付', normal: 'debit', institution: 'none', source: 'required' },
  income_individual: { name: '个人缴费收入', normal: 'credit', institution: 'none', source: 'none' },
  income_government: { name: '政府补助收入', normal: 'credit', institution: 'none', source: 'required' },
  // source = the kind of claim (outpatient, inpatient, chronic, major, delivery…); institution = where it was settled.
  compensation_expense: { name: '补偿支出', normal: 'debit', institution: 'optional', source: 'optional' },
  payable_institution: { name: '应付定点医疗机构', normal: 'credit', institution: 'required', source: 'none' },
} as const satisfies Record<string, { name: string; normal: 'debit' | 'credit'; institution: KeyRule; source: KeyRule }>;
type KeyRule = 'none' | 'optional' | 'required';

export type FundAccount = keyof typeof FUND_ACCOUNTS;
export const isFundAccount = (a: unknown): a is FundAccount => typeof a === 'string' && Object.hasOwn(FUND_ACCOUNTS, a);

/** Who pays government-side money into the fund (资金来源). */
export const FUND_SOURCES = {
  central: '中央财政',
  province: '省级财政',
  county: '县级财政',
  civil_affairs: '民政部门（代缴）',
  family_planning: '计生部门（代缴）',
  other: '其他资金',
} as const;
export type FundSource = keyof typeof FUND_SOURCES;
export const isFundSource = (s: unknown): s is FundSource => typeof s === 'string' && Object.hasOwn(FUND_SOURCES, s);

export const FUND_KINDS = {
  contribution: '参合缴费',
  subsidy: '政府补助',
  deposit: '解缴入户',
  settlement: '补偿结算',
  reversal: '冲销',
  payment: '拨付医疗机构',
  adjustment: '调整',
  review: '审核扣减', // claim review (src/ncms/review): a deduction from what the fund owes an institution
} as const;
export type FundKind = keyof typeof FUND_KINDS;
export const isFundKind = (k: unknown): k is FundKind => typeof k === 'string' && Object.hasOwn(FUND_KINDS, k);

/** An account's balance on its normal side: debit − credit for assets and expenses, credit − debit otherwise. */
export function balanceOf(account: FundAccount, debitFen: number, creditFen: number): number {
  return FUND_ACCOUNTS[account].normal === 'debit' ? debitFen - creditFen : creditFen - debitFen;
}
