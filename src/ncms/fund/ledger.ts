/**
 * The NCMS fund ledger (基金, closed operation): double-entry postings per pool (统筹区) and year. Every business event
 * (contribution, subsidy, deposit, claim settlement, reversal, payment to an institution) is one posting whose debits
 * equal its credits. Lines are append-only; a mistake is corrected by a reversal or an adjustment, never an edit.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { isRealDate } from '../../core/dates.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { fenText } from './money.ts';
import { FUND_ACCOUNTS, FUND_SOURCES, isFundAccount, isFundKind, isFundSource, type FundAccount, type FundKind } from './accounts.ts';

export type { FundAccount, FundKind } from './accounts.ts';

export interface FundLine {
  account: FundAccount;
  debitFen?: number;
  creditFen?: number;
  institutionId?: number | null;
  source?: string | null;
}

export interface FundPosting {
  pool: string;
  year: number;
  date: string; // YYYY-MM-DD, the business date, inside `year`
  kind: FundKind;
  reference: { type: string; id: string | number }; // e.g. {type:'claim', id: 123}
  memo: string; // Chinese, shown in statements
  lines: FundLine[];
}

/** Largest amount one line may carry (10^13 fen = 10^11 yuan): far above a county fund, safe as a JS number. */
const MAX_LINE_FEN = 1e13;

/** A checked line: exactly one side, the sub-keys the account takes. */
interface CheckedLine {
  account: FundAccount;
  debitFen: number;
  creditFen: number;
  institutionId: number | null;
  source: string | null;
}

function checkAmount(value: unknown, field: string, label: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, `${label}：金额应为整数分，收到 ${String(value)}`, 'invalid_posting');
  if (value < 0) throw invalid(field, `${label}：金额不能为负数（${fenText(value)} 元），冲回请用反方向分录`, 'invalid_posting');
  if (value > MAX_LINE_FEN) throw invalid(field, `${label}：金额 ${fenText(value)} 元超出上限`, 'invalid_posting');
  return value;
}

function checkLine(line: FundLine, i: number): CheckedLine {
  const field = `lines.${i}`;
  const label = `第 ${i + 1} 条分录`;
  if (!isFundAccount(line.account)) throw invalid(`${field}.account`, `${label}：科目「${String(line.account)}」不存在`, 'invalid_posting');
  const rule = FUND_ACCOUNTS[line.account];
  const named = `${label}（${rule.name}）`;
  const hasDebit = line.debitFen !== undefined && line.debitFen !== null;
  const hasCredit = line.creditFen !== undefined && line.creditFen !== null;
  if (hasDebit === hasCredit) {
    throw invalid(field, `${named}：借方和贷方应填且只填一方，${hasDebit ? '两方都填了' : '两方都没填'}`, 'invalid_posting');
  }
  const debitFen = hasDebit ? checkAmount(line.debitFen, `${field}.debitFen`, named) : 0;
  const creditFen = hasCredit ? checkAmount(line.creditFen, `${field}.creditFen`, named) : 0;

  const institutionId = line.institutionId ?? null;
  if (institutionId !== null && (!Number.isInteger(institutionId) || institutionId <= 0)) {
    throw invalid(`${field}.institutionId`, `${named}：医疗机构编号 ${String(institutionId)} 无效`, 'invalid_posting');
  }
  if (rule.institution === 'required' && institutionId === null) throw invalid(`${field}.institutionId`, `${named}：须注明医疗机构`, 'invalid_posting');
  if (rule.institution === 'none' && institutionId !== null) throw invalid(`${field}.institutionId`, `${named}：该科目不按医疗机构记账，不应填写医疗机构`, 'invalid_posting');

  const source = line.source?.trim() || null;
  if (rule.source === 'required' && !isFundSource(source)) {
    const known = Object.entries(FUND_SOURCES).map(([k, v]) => `${k}（${v}）`).join('、');
    throw invalid(`${field}.source`, `${named}：资金来源应为 ${known} 之一，收到「${source ?? ''}」`, 'invalid_posting');
  }
  if (rule.source === 'none' && source !== null) throw invalid(`${field}.source`, `${named}：该科目不分资金来源，不应填写来源`, 'invalid_posting');
  if (source !== null && source.length > 40) throw invalid(`${field}.source`, `${named}：来源/类别过长`, 'invalid_posting');
  return { account: line.account, debitFen, creditFen, institutionId, source };
}

/** Every rule of a posting that needs no database: refuses it with a Chinese message naming the field. */
export function checkPosting(posting: FundPosting): CheckedLine[] {
  if (typeof posting.pool !== 'string' || !/^\d{6,12}$/.test(posting.pool)) {
    throw invalid('pool', `统筹区代码应为 6 到 12 位数字，收到「${String(posting.pool)}」`, 'invalid_posting');
  }
  if (!Number.isInteger(posting.year) || posting.year < 1900 || posting.year > 2100) throw invalid('year', `基金年度应为四位年份，收到 ${posting.year}`, 'invalid_posting');
  if (typeof posting.date !== 'string' || !isRealDate(posting.date)) throw invalid('date', `记账日期「${String(posting.date)}」无效，应为 YYYY-MM-DD`, 'invalid_posting');
  if (!posting.date.startsWith(`${posting.year}-`)) {
    throw invalid('date', `记账日期 ${posting.date} 不在 ${posting.year} 年度内：基金按年度封闭运行，每笔收支记入其所属年度`, 'date_outside_year');
  }
  if (!isFundKind(posting.kind)) throw invalid('kind', `凭证类型「${String(posting.kind)}」不存在`, 'invalid_posting');
  const refType = posting.reference?.type?.trim();
  const refId = String(posting.reference?.id ?? '').trim();
  if (!refType || !refId) throw invalid('reference', '凭证须注明来源业务（类型和编号）', 'invalid_posting');
  if (!posting.memo?.trim()) throw invalid('memo', '凭证须填写摘要', 'invalid_posting');
  if (!Array.isArray(posting.lines) || posting.lines.length < 2) throw invalid('lines', '凭证至少要有一条借方分录和一条贷方分录', 'invalid_posting');
  const lines = posting.lines.map(checkLine);
  const debits = lines.reduce((s, l) => s + l.debitFen, 0);
  const credits = lines.reduce((s, l) => s + l.creditFen, 0);
  if (debits !== credits) {
    throw invalid('lines', `借贷不平衡：借方合计 ${fenText(debits)} 元，贷方合计 ${fenText(credits)} 元，相差 ${fenText(Math.abs(debits - credits))} 元`, 'unbalanced_posting');
  }
  if (debits === 0) throw invalid('lines', '凭证金额合计为 0，无需记账', 'invalid_posting');
  return lines;
}

const balanceKey = (l: { account: string; institutionId: number | null; source: string | null }) => `${l.account}|${l.institutionId ?? ''}|${l.source ?? ''}`;

/**
 * Posts one balanced transaction inside the caller's transaction and moves the running balances in the same flow.
 * Refuses an unbalanced posting, a negative or non-integer amount, a line with both or neither side, a date outside
 * the year, an unknown institution, and a posting that would take the bank account (基金专户) below zero.
 * Returns the transaction id. The caller audits the business act that caused it.
 */
export async function postFund(trx: Db, actor: Actor, posting: FundPosting): Promise<number> {
  return (await postFunds(trx, actor, [posting]))[0]!;
}

const CHUNK = 10_000; // postings per statement: one array parameter per column, so no parameter limit; bounded memory

type BalanceRow = { pool: string; year: number; account: string; debit_fen: number | string; credit_fen: number | string };

/**
 * Posts many transactions at once with postFund's rules, one statement per 10 000 postings (a roster import books
 * thousands of household postings; a settlement books one, and its balances are rows every claim of the institution
 * updates, so they are held locked for as few round trips as possible): ids drawn from the sequence, headers and lines
 * inserted column-wise from arrays, one balance upsert. The bank account is checked posting by posting in the given
 * order, as if they had been posted one after another. Returns the ids in the order of `postings`.
 */
export async function postFunds(trx: Db, actor: Actor, postings: readonly FundPosting[]): Promise<number[]> {
  const checked = postings.map(checkPosting);
  if (postings.length === 0) return [];
  return inTransaction(trx, async (db) => {
    const ids: number[] = [];
    for (let start = 0; start < postings.length; start += CHUNK) {
      const part = postings.slice(start, start + CHUNK);
      const partLines = checked.slice(start, start + CHUNK);
      const { ids: partIds, balances } = await unknownInstitutionAsInvalid(() => postChunk(db, actor, part, partLines));
      checkBankNeverNegative(part, partLines, balances);
      ids.push(...partIds);
    }
    return ids;
  });
}

/** One statement: transaction headers, their lines (joined to the drawn ids by position) and the balance upsert. */
async function postChunk(db: Db, actor: Actor, postings: readonly FundPosting[], checked: CheckedLine[][]): Promise<{ ids: number[]; balances: BalanceRow[] }> {
  const lines = checked.flatMap((ls, i) => ls.filter((l) => l.debitFen > 0 || l.creditFen > 0).map((l) => ({ ...l, ord: i + 1 }))); // a zero line moves nothing
  const moves = balanceMoves(postings, checked);
  const { rows } = await sql<{ ids: number[]; balances: BalanceRow[] }>`
    with drawn as materialized (
      select nextval(pg_get_serial_sequence('ncms_fund_transaction', 'id'))::int as id, ord from generate_series(1, ${postings.length}::int) ord
    ), headers as (
      insert into ncms_fund_transaction (id, pool, year, date, kind, reference_type, reference_id, memo, created_by, created_by_name)
      select drawn.id, h.pool, h.year, h.date, h.kind, h.reference_type, h.reference_id, h.memo, ${actor.userId}::int, ${actor.name}::text
        from unnest(${postings.map((p) => p.pool)}::text[], ${postings.map((p) => p.year)}::int[], ${postings.map((p) => p.date)}::date[],
                    ${postings.map((p) => p.kind)}::text[], ${postings.map((p) => p.reference.type.trim())}::text[],
                    ${postings.map((p) => String(p.reference.id).trim())}::text[], ${postings.map((p) => p.memo.trim())}::text[])
             with ordinality as h(pool, year, date, kind, reference_type, reference_id, memo, ord)
        join drawn using (ord)
    ), entries as (
      insert into ncms_fund_line (transaction_id, account, debit_fen, credit_fen, institution_id, source)
      select drawn.id, l.account, l.debit_fen, l.credit_fen, l.institution_id, l.source
        from unnest(${lines.map((l) => l.ord)}::int[], ${lines.map((l) => l.account)}::text[], ${lines.map((l) => l.debitFen)}::bigint[],
                    ${lines.map((l) => l.creditFen)}::bigint[], ${lines.map((l) => l.institutionId)}::int[], ${lines.map((l) => l.source)}::text[])
             as l(ord, account, debit_fen, credit_fen, institution_id, source)
        join drawn using (ord)
    ), balances as (
      insert into ncms_fund_balance (pool, year, account, institution_id, source, debit_fen, credit_fen)
      select * from unnest(${moves.map((m) => m.pool)}::text[], ${moves.map((m) => m.year)}::int[], ${moves.map((m) => m.account)}::text[],
                           ${moves.map((m) => m.institutionId)}::int[], ${moves.map((m) => m.source)}::text[],
                           ${moves.map((m) => m.debitFen)}::bigint[], ${moves.map((m) => m.creditFen)}::bigint[])
      on conflict (pool, year, account, institution_id, source) do update
        set debit_fen = ncms_fund_balance.debit_fen + excluded.debit_fen,
            credit_fen = ncms_fund_balance.credit_fen + excluded.credit_fen,
            updated_at = now()
      returning pool, year, account, debit_fen, credit_fen
    )
    select (select array_agg(id order by ord) from drawn) as ids, (select coalesce(json_agg(balances), '[]') from balances) as balances`.execute(db);
  return rows[0]!;
}

/**
 * One upsert row per pool, year and balance key (ON CONFLICT may touch a row once per statement), in key order so two
 * postings locking the same balances always lock them in the same order (no deadlock).
 */
function balanceMoves(postings: readonly FundPosting[], checked: CheckedLine[][]): Array<CheckedLine & { pool: string; year: number }> {
  const sums = new Map<string, CheckedLine & { pool: string; year: number }>();
  for (const [i, lines] of checked.entries()) {
    const { pool, year } = postings[i]!;
    for (const l of lines) {
      const key = `${pool}|${year}|${balanceKey(l)}`;
      const s = sums.get(key);
      if (s) {
        s.debitFen += l.debitFen;
        s.creditFen += l.creditFen;
      } else sums.set(key, { ...l, pool, year });
    }
  }
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/**
 * The bank balance after the batch, walked back to before it and forward posting by posting: refuses the first
 * posting that would take it below zero, naming the balance it found and its outflow.
 */
function checkBankNeverNegative(
  postings: readonly FundPosting[],
  checked: CheckedLine[][],
  updated: BalanceRow[],
): void {
  const banks = new Map<string, number>(); // pool|year → balance as the walk goes
  const net = (lines: CheckedLine[]) => lines.filter((l) => l.account === 'bank').reduce((s, l) => s + l.debitFen - l.creditFen, 0);
  for (const u of updated) if (u.account === 'bank') banks.set(`${u.pool}|${u.year}`, Number(u.debit_fen) - Number(u.credit_fen));
  if (banks.size === 0) return;
  for (const [i, p] of postings.entries()) {
    const key = `${p.pool}|${p.year}`;
    if (banks.has(key)) banks.set(key, banks.get(key)! - net(checked[i]!));
  }
  for (const [i, posting] of postings.entries()) {
    const key = `${posting.pool}|${posting.year}`;
    const before = banks.get(key);
    if (before === undefined) continue;
    const after = before + net(checked[i]!);
    if (after < 0) {
      const message = `基金专户余额不足：${posting.pool} 统筹区 ${posting.year} 年度专户余额 ${fenText(before)} 元，不足以支出本笔 ${fenText(before - after)} 元`;
      throw new AppError('insufficient_fund', message, 409, { field: 'lines' });
    }
    banks.set(key, after);
  }
}

/** A line naming an institution that does not exist fails its foreign key: say so in words. */
async function unknownInstitutionAsInvalid<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    const err = e as { code?: unknown; detail?: unknown; message?: unknown };
    const id = err.code === '23503' ? /\(institution_id\)=\((\d+)\)/.exec(String(err.detail ?? err.message ?? ''))?.[1] : undefined;
    if (id === undefined) throw e;
    throw invalid('lines', `医疗机构（编号 ${id}）不存在`, 'unknown_institution');
  }
}
