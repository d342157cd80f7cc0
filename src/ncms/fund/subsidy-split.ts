/**
 * How the per-person government subsidy (政府补助, the scheme's financing.government) is shared between the paying
 * levels (中央/省/县…) of a pool and year. Kept as data (ncms_fund_subsidy_split) because each county's split differs
 * and changes yearly; a year without one books the whole subsidy as county money (县级财政).
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { invalid } from '../../core/errors.ts';
import { activeScheme } from '../schemes/scheme-store.ts';
import { FUND_SOURCES, isFundSource, type FundSource } from './accounts.ts';
import { fenText } from './money.ts';

export interface SplitPart {
  source: FundSource;
  sourceName: string;
  amountFen: number; // per enrolled person
}

export interface SubsidySplit {
  pool: string;
  year: number;
  /** True when no split is set and the whole subsidy is booked as county money. */
  isDefault: boolean;
  governmentFen: number | null; // the active scheme's subsidy per person, null without an active scheme
  parts: SplitPart[];
}

const part = (source: FundSource, amountFen: number): SplitPart => ({ source, sourceName: FUND_SOURCES[source], amountFen });

/**
 * The split applied to a subsidy of `governmentFen` per person. When the stored parts do not add up to it (the scheme
 * was revised after the split was set), the county takes the difference: the county finances what the upper levels
 * do not. A split whose upper levels exceed the subsidy cannot be applied and is refused in words.
 */
export function applySplit(stored: Array<{ source: string; amountFen: number }>, governmentFen: number, pool: string, year: number): SplitPart[] {
  if (stored.length === 0) return [part('county', governmentFen)];
  const parts = stored.filter((s) => isFundSource(s.source)).map((s) => part(s.source as FundSource, s.amountFen));
  const others = parts.filter((p) => p.source !== 'county').reduce((s, p) => s + p.amountFen, 0);
  const county = governmentFen - others;
  if (county < 0) {
    throw invalid('year', `${pool} 统筹区 ${year} 年度政府补助分担设置的上级补助合计 ${fenText(others)} 元，超过补偿方案的人均政府补助 ${fenText(governmentFen)} 元，请先修改分担设置`, 'subsidy_split_exceeds');
  }
  return [...parts.filter((p) => p.source !== 'county'), part('county', county)].filter((p) => p.amountFen > 0 || p.source === 'county');
}

async function storedSplit(db: Db, pool: string, year: number) {
  const rows = await db.selectFrom('ncms_fund_subsidy_split').select(['source', 'amount_fen']).where('pool', '=', pool).where('year', '=', year).orderBy('source').execute();
  return rows.map((r) => ({ source: r.source, amountFen: Number(r.amount_fen) }));
}

/** The split booked for each person enrolled in a pool and year under a subsidy of governmentFen. */
export async function splitForEnrollment(db: Db, pool: string, year: number, governmentFen: number): Promise<SplitPart[]> {
  return applySplit(await storedSplit(db, pool, year), governmentFen, pool, year);
}

export async function getSubsidySplit(db: Db, actor: Actor, pool: string, year: number): Promise<SubsidySplit> {
  requirePermission(actor, 'ncms.read');
  const [stored, scheme] = await Promise.all([storedSplit(db, pool, year), activeScheme(db, pool, year)]);
  const governmentFen = scheme?.scheme.financing.governmentFen ?? null;
  const parts =
    governmentFen === null
      ? stored.filter((s) => isFundSource(s.source)).map((s) => part(s.source as FundSource, s.amountFen))
      : applySplit(stored, governmentFen, pool, year);
  return { pool, year, isDefault: stored.length === 0, governmentFen, parts };
}

/**
 * Sets the split for a pool and year: the parts must add up to the active scheme's subsidy per person exactly,
 * each source at most once. Enrollments already booked keep their postings; the split applies from now on.
 */
export async function setSubsidySplit(db: Db, actor: Actor, input: { pool: string; year: number; parts: Array<{ source: string; amountFen: number }> }): Promise<SubsidySplit> {
  requirePermission(actor, 'ncms.manage');
  const scheme = await activeScheme(db, input.pool, input.year);
  if (!scheme) throw invalid('year', `${input.pool} 统筹区 ${input.year} 年度尚无执行中的补偿方案，无法设置政府补助分担`, 'no_active_scheme');
  const seen = new Set<string>();
  for (const [i, p] of input.parts.entries()) {
    if (!isFundSource(p.source)) throw invalid(`parts.${i}.source`, `第 ${i + 1} 项：资金来源「${p.source}」不存在`, 'unknown_source');
    if (seen.has(p.source)) throw invalid(`parts.${i}.source`, `第 ${i + 1} 项：${FUND_SOURCES[p.source]}填写了两次`, 'duplicate_source');
    seen.add(p.source);
    if (!Number.isInteger(p.amountFen) || p.amountFen < 0) throw invalid(`parts.${i}.amountFen`, `第 ${i + 1} 项：金额应为不小于 0 的整数分`, 'invalid_amount');
  }
  const total = input.parts.reduce((s, p) => s + p.amountFen, 0);
  const governmentFen = scheme.scheme.financing.governmentFen;
  if (total !== governmentFen) {
    throw invalid('parts', `各级分担合计 ${fenText(total)} 元，应等于补偿方案的人均政府补助 ${fenText(governmentFen)} 元`, 'split_total_mismatch');
  }
  await inTransaction(db, async (trx) => {
    const before = await storedSplit(trx, input.pool, input.year);
    await trx.deleteFrom('ncms_fund_subsidy_split').where('pool', '=', input.pool).where('year', '=', input.year).execute();
    if (input.parts.length > 0) {
      await trx
        .insertInto('ncms_fund_subsidy_split')
        .values(input.parts.map((p) => ({ pool: input.pool, year: input.year, source: p.source, amount_fen: p.amountFen, set_by_name: actor.name })))
        .execute();
    }
    await recordAudit(trx, actor, { action: 'update', entity: 'ncms_fund_subsidy_split', entityId: `${input.pool}/${input.year}`, before, after: input.parts });
  });
  return getSubsidySplit(db, actor, input.pool, input.year);
}
