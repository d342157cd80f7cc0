/**
 * A selection run (抽审) for one month of a pool: the month's settled claims that the fund paid something for, last
 * year's county averages, the rules in force → the pure `selectForReview` → new review items, each claim at most
 * once (unique claim_id; a re-run after late settlements adds only the claims not yet selected). Optionally spread
 * over reviewers, round robin, each item to a reviewer whose scope holds the claim's institution.
 *
 * Why by month and not at each settlement: the random share needs the month's claims of each institution, the
 * reviewers work after the month closes (with the monthly statements), and settlement at discharge stays as fast
 * and as independent of review as it is.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import { invalid } from '../../core/errors.ts';
import type { ClaimKind, ClaimLevel } from '../db/schema.ts';
import { ruleKinds } from './rules-document.ts';
import { rulesInForce } from './rules-store.ts';
import { reviewerInstitutions, type Reviewer } from './reviewers.ts';
import { selectForReview, type DiagnosisAverage, type ReviewCandidate, type ReviewRule } from './select.ts';

export interface RunInput {
  pool: string;
  year: number;
  month: number;
  /** Reviewers (user ids with 'ncms.review') to share the new items among; none: left unassigned. */
  assignTo?: number[] | undefined;
}

export interface RunResult {
  runId: number;
  pool: string;
  year: number;
  month: number;
  rulesVersion: number;
  considered: number; // settled claims with pay of the month, of the kinds the rules look at
  selected: number; // newly selected
  already: number; // met a rule, selected by an earlier run
  byRule: Record<ReviewRule, number>;
  assigned: Array<{ userId: number; name: string; items: number }>;
  unassigned: number;
}

const monthRange = (year: number, month: number) => {
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const to = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { from, to };
};

/** The month's settled claims of the pool, of the given kinds, that the fund paid for (pay 0 leaves nothing to deduct). */
export async function reviewCandidates(db: Db, pool: string, year: number, month: number, kinds: readonly ClaimKind[]): Promise<Array<ReviewCandidate & { payFen: number; areaId: number }>> {
  if (kinds.length === 0) return [];
  const { from, to } = monthRange(year, month);
  const rows = await db
    .selectFrom('ncms_claim as c')
    .innerJoin('ncms_scheme as s', 's.id', 'c.scheme_id')
    .select(['c.id', 'c.institution_id', 'c.kind', 'c.level', 'c.admitted_on', 'c.discharged_on', 'c.diagnosis', 'c.total_fen', 'c.pay_fen', 'c.area_id'])
    .where('s.pool', '=', pool)
    .where('c.year', '=', year)
    .where('c.status', '=', 'settled')
    .where('c.pay_fen', '>', 0)
    .where('c.kind', 'in', [...kinds])
    .where('c.discharged_on', '>=', from)
    .where('c.discharged_on', '<', to)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    claimId: r.id,
    institutionId: r.institution_id,
    kind: r.kind,
    level: r.level,
    admittedOn: r.admitted_on,
    dischargedOn: r.discharged_on!,
    diagnosis: r.diagnosis,
    totalFen: r.total_fen,
    payFen: r.pay_fen!,
    areaId: r.area_id,
  }));
}

/** Last year's settled claims of the pool per kind, level and ICD-10 category: count and average total (fen, rounded). */
export async function diagnosisAverages(db: Db, pool: string, year: number, kinds: readonly ClaimKind[]): Promise<DiagnosisAverage[]> {
  if (kinds.length === 0) return [];
  const category = sql<string>`upper(left(c.diagnosis, 3))`;
  const rows = await db
    .selectFrom('ncms_claim as c')
    .innerJoin('ncms_scheme as s', 's.id', 'c.scheme_id')
    .select(['c.kind', 'c.level', category.as('category'), sql<string>`count(*)`.as('cases'), sql<string>`round(avg(c.total_fen))`.as('average')])
    .where('s.pool', '=', pool)
    .where('c.year', '=', year - 1)
    .where('c.status', '=', 'settled')
    .where('c.kind', 'in', [...kinds])
    .where('c.diagnosis', '<>', '')
    .groupBy(['c.kind', 'c.level', category])
    .execute();
  return rows.map((r) => ({ kind: r.kind as ClaimKind, level: r.level as ClaimLevel, category: r.category, cases: Number(r.cases), averageFen: Number(r.average) }));
}

export async function runReviewSelection(db: Db, actor: Actor, input: RunInput, today: string = todayInShanghai()): Promise<RunResult> {
  requirePermission(actor, 'ncms.manage');
  const { pool, year, month } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid('month', `月份应为 1 到 12，收到 ${month}`);
  if (`${year}-${String(month).padStart(2, '0')}` > today.slice(0, 7)) throw invalid('month', `${year} 年 ${month} 月还没有到，不能抽审；请选择本月或以前的月份`);
  const inForce = await rulesInForce(db, pool, year);
  if (!inForce) throw invalid('year', `统筹区 ${pool} 的 ${year} 年度还没有审核规则，请先在「审核规则」页保存规则`, 'no_review_rules');
  const reviewers = await reviewerInstitutions(db, input.assignTo ?? []);

  return inTransaction(db, async (trx) => {
    // One run of a pool-month at a time: two at once would both see a claim as not yet selected.
    await sql`select pg_advisory_xact_lock(hashtext(${`ncms_review_run:${pool}:${year}:${month}`}))`.execute(trx);
    const rules = inForce.rules;
    const candidates = await reviewCandidates(trx, pool, year, month, ruleKinds(rules));
    const averages = rules.diagnosisCost ? await diagnosisAverages(trx, pool, year, [...rules.diagnosisCost.kinds]) : [];
    // Every candidate takes part (not only those not yet selected): the random share is drawn from the whole month.
    const selection = selectForReview(candidates, averages, rules);
    const taken = new Set(
      selection.length === 0
        ? []
        : (await trx.selectFrom('ncms_review_item').select('claim_id').where('claim_id', 'in', selection.map((s) => s.claimId)).execute()).map((r) => r.claim_id),
    );
    const fresh = selection.filter((s) => !taken.has(s.claimId));
    const byRule: Record<ReviewRule, number> = { amount: 0, sample: 0, stay: 0, diagnosis_cost: 0 };
    for (const s of fresh) for (const r of s.reasons) byRule[r.rule]++;

    const run = await trx
      .insertInto('ncms_review_run')
      .values({ pool, year, month, rules_id: inForce.stored.id, considered: candidates.length, selected: fresh.length, already: selection.length - fresh.length, by_rule: JSON.stringify(byRule), run_by: actor.userId, run_by_name: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    const byId = new Map(candidates.map((c) => [c.claimId, c]));
    const assignees = assignRoundRobin(
      fresh.map((s) => byId.get(s.claimId)!.institutionId),
      reviewers,
    );
    const now = new Date().toISOString();
    await insertColumns(trx, 'ncms_review_item', [
      ['claim_id', 'int', fresh.map((s) => s.claimId)],
      ['run_id', 'int', fresh.map(() => run.id)],
      ['pool', 'text', fresh.map(() => pool)],
      ['year', 'int', fresh.map(() => year)],
      ['month', 'int', fresh.map(() => month)],
      ['institution_id', 'int', fresh.map((s) => byId.get(s.claimId)!.institutionId)],
      ['area_id', 'int', fresh.map((s) => byId.get(s.claimId)!.areaId)],
      ['reasons', 'jsonb', fresh.map((s) => JSON.stringify(s.reasons))],
      ['settled_pay_fen', 'bigint', fresh.map((s) => byId.get(s.claimId)!.payFen)],
      ['assigned_to', 'int', assignees.map((r) => r?.userId ?? null)],
      ['assigned_to_name', 'text', assignees.map((r) => r?.name ?? null)],
      ['assigned_at', 'timestamptz', assignees.map((r) => (r ? now : null))],
    ]);
    const assigned = reviewers.map((r) => ({ userId: r.userId, name: r.name, items: assignees.filter((a) => a === r).length }));
    const unassigned = assignees.filter((a) => a === null).length;
    const result: RunResult = { runId: run.id, pool, year, month, rulesVersion: inForce.stored.version, considered: candidates.length, selected: fresh.length, already: selection.length - fresh.length, byRule, assigned, unassigned };
    await recordAudit(trx, actor, { action: 'run', entity: 'ncms_review_run', entityId: run.id, after: result });
    return result;
  });
}

/** Each item to the next reviewer (in turn) whose scope holds its institution; null when none does. */
export function assignRoundRobin(institutionIds: readonly number[], reviewers: readonly Reviewer[]): Array<Reviewer | null> {
  let turn = 0;
  return institutionIds.map((institutionId) => {
    for (let i = 0; i < reviewers.length; i++) {
      const r = reviewers[(turn + i) % reviewers.length]!;
      if (r.institutions.has(institutionId)) {
        turn = (turn + i + 1) % reviewers.length;
        return r;
      }
    }
    return null;
  });
}

export interface RunSummary {
  id: number;
  pool: string;
  year: number;
  month: number;
  rulesVersion: number;
  considered: number;
  selected: number;
  already: number;
  byRule: Record<ReviewRule, number>;
  runByName: string;
  runAt: string;
}

/** A pool-year's runs, newest first. */
export async function listReviewRuns(db: Db, actor: Actor, q: { pool?: string | undefined; year: number }): Promise<RunSummary[]> {
  requirePermission(actor, 'ncms.review');
  let query = db
    .selectFrom('ncms_review_run as r')
    .innerJoin('ncms_review_rules as v', 'v.id', 'r.rules_id')
    .select(['r.id', 'r.pool', 'r.year', 'r.month', 'v.version', 'r.considered', 'r.selected', 'r.already', 'r.by_rule', 'r.run_by_name', 'r.run_at'])
    .where('r.year', '=', q.year)
    .orderBy('r.id', 'desc')
    .limit(200);
  if (q.pool) query = query.where('r.pool', '=', q.pool);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    pool: r.pool,
    year: r.year,
    month: r.month,
    rulesVersion: r.version,
    considered: r.considered,
    selected: r.selected,
    already: r.already,
    byRule: r.by_rule as Record<ReviewRule, number>,
    runByName: r.run_by_name,
    runAt: new Date(r.run_at).toISOString(),
  }));
}
