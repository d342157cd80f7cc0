/**
 * What a village's monthly public notice (村级公示) says: every reimbursement paid to the village's residents whose
 * discharge (visit) date falls in the month, masked; the totals; and the fund's income and spending (the pool the
 * village belongs to) for the month and the year so far. Built for many villages at once (one query for the claims,
 * one fund overview per pool), so generating a whole county stays a handful of queries.
 *
 * The claims are read from `ncms_claim` directly: notices are part of the NCMS module, and the claims module's own
 * list is scoped by institution (where care was given), while the notice is by the patient's village.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { invalid } from '../../core/errors.ts';
import { CLAIM_KINDS } from '../claims/vocabulary.ts';
import { fundOverview, fundYears } from '../fund/overview.ts';
import { monthRange } from '../fund/months.ts';
import { maskIdNumber, maskName } from './masking.ts';

export interface NoticeRow {
  claimNo: string;
  name: string; // masked
  idNumber: string; // masked
  institution: string;
  kind: string;
  admittedOn: string;
  dischargedOn: string;
  totalFen: number;
  payFen: number;
}

export interface NoticeFund {
  pool: string;
  year: number;
  monthIncomeFen: number;
  monthSpendingFen: number;
  /** January up to and including the month. */
  yearIncomeFen: number;
  yearSpendingFen: number;
}

export interface NoticeVillage {
  id: number;
  code: string;
  name: string;
  township: string;
  county: string;
}

export interface NoticeSettings {
  /** 公示单位, printed under the notice. */
  publisher: string;
  /** 监督（投诉）电话; empty prints a line to fill in by hand. */
  complaintPhone: string;
  /** 公示期, days from publication during which objections are heard. */
  objectionDays: number;
}

export interface NoticeContent extends NoticeSettings {
  format: 'jiceng.ncms.notice/v1';
  village: NoticeVillage;
  month: string; // YYYY-MM
  rows: NoticeRow[];
  count: number;
  totalFen: number;
  payFen: number;
  fund: NoticeFund | null; // null when the pool has no ledger for the year
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function checkMonth(month: string, field = 'month'): { year: number; month: number } {
  if (!MONTH.test(month)) throw invalid(field, `公示月份应为 YYYY-MM（如 2026-03），收到「${month}」`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

/** The Chinese period line: 2026年3月1日至3月31日. */
export function periodText(month: string): string {
  const { year, month: m } = checkMonth(month);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}年${m}月1日至${m}月${last}日`;
}

/** The empty month's sentence, on the board and in the answer. */
export const EMPTY_MONTH_TEXT = '本月本村无新农合补偿（报销）记录。';

/** The pool of a village: the longest pool code among the year's ledgers that prefixes the village code. */
export function poolOf(villageCode: string, pools: readonly string[]): string | null {
  return pools.filter((p) => villageCode.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** The same content always gives the same hash (keys in the order they were built). */
export const contentHash = (content: NoticeContent) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export async function noticeContents(db: Db, actor: Actor, month: string, villages: readonly NoticeVillage[], settings: NoticeSettings): Promise<NoticeContent[]> {
  const { year, month: m } = checkMonth(month);
  if (villages.length === 0) return [];
  const { start, end } = monthRange(year, m);
  const claims = await db
    .selectFrom('ncms_claim')
    .select(['area_id', 'claim_no', 'person_name', 'id_number_masked', 'institution_name', 'kind', 'admitted_on', 'discharged_on', 'total_fen', 'pay_fen'])
    .where('area_id', 'in', villages.map((v) => v.id))
    .where('discharged_on', '>=', start)
    .where('discharged_on', '<', end)
    .where('status', '=', 'settled')
    .where('pay_fen', '>', 0)
    .orderBy('area_id')
    .orderBy('discharged_on')
    .orderBy('id')
    .execute();
  const byVillage = new Map<number, NoticeRow[]>();
  for (const c of claims) {
    const rows = byVillage.get(c.area_id) ?? [];
    rows.push({
      claimNo: c.claim_no,
      name: maskName(c.person_name),
      idNumber: maskIdNumber(c.id_number_masked),
      institution: c.institution_name,
      kind: CLAIM_KINDS[c.kind],
      admittedOn: c.admitted_on,
      dischargedOn: c.discharged_on!,
      totalFen: Number(c.total_fen),
      payFen: Number(c.pay_fen),
    });
    byVillage.set(c.area_id, rows);
  }

  const pools = (await fundYears(db, actor)).filter((p) => p.year === year).map((p) => p.pool);
  const funds = new Map<string, NoticeFund | null>();
  const fundOf = async (code: string): Promise<NoticeFund | null> => {
    const pool = poolOf(code, pools);
    if (pool === null) return null;
    if (!funds.has(pool)) {
      const o = await fundOverview(db, actor, { year, pool });
      const upTo = o.monthly.filter((x) => x.month <= m);
      funds.set(pool, {
        pool,
        year,
        monthIncomeFen: o.monthly[m - 1]!.incomeFen,
        monthSpendingFen: o.monthly[m - 1]!.spendingFen,
        yearIncomeFen: upTo.reduce((s, x) => s + x.incomeFen, 0),
        yearSpendingFen: upTo.reduce((s, x) => s + x.spendingFen, 0),
      });
    }
    return funds.get(pool)!;
  };

  const contents: NoticeContent[] = [];
  for (const village of villages) {
    const rows = byVillage.get(village.id) ?? [];
    contents.push({
      format: 'jiceng.ncms.notice/v1',
      village,
      month,
      rows,
      count: rows.length,
      totalFen: rows.reduce((s, r) => s + r.totalFen, 0),
      payFen: rows.reduce((s, r) => s + r.payFen, 0),
      fund: await fundOf(village.code),
      ...settings,
    });
  }
  return contents;
}
