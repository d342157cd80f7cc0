/**
 * Review demo data: rules for each scheme year, a selection run for every month whose run day (the 5th of the next
 * month) is past, shared among the county's reviewers, and decisions on most items, older months first: about 85 %
 * approved, 10 % adjusted, 5 % rejected with plausible reasons. The last months keep open items for the queue.
 * Rules and runs go through the services (audited); decisions are written in bulk with the same rows, postings and
 * dates the decision service writes (the step's audit entry covers them, like the NCMS demo's claims).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { addDays } from '../../core/dates.ts';
import { nextIds } from '../../core/db/next-ids.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import { createRandom, type Random } from '../../core/demo/random.ts';
import type { ModuleDemoContext, ModuleDemoStep, ModuleDemoSummary } from '../../module-demos.ts';
import { postFunds } from '../fund/ledger.ts';
import { fenText } from '../fund/money.ts';
import type { FundPosting } from '../fund/ledger.ts';
import type { ReviewDecisionKind } from '../db/review-schema.ts';
import { bookingDate, deductionPosting } from './decision-rules.ts';
import { listReviewers } from './reviewers.ts';
import type { ReviewRulesDocument } from './rules-document.ts';
import { saveReviewRules } from './rules-store.ts';
import { runReviewSelection } from './run.ts';

/** The demo county's rules: lines about three times the median cost of each level (demo-claim-plan.ts). */
export const demoReviewRules = (year: number): ReviewRulesDocument => ({
  amount: [
    { kind: 'inpatient', level: 'township', above: 8000 },
    { kind: 'inpatient', level: 'county', above: 25000 },
    { kind: 'inpatient', level: 'outside', above: 80000 },
    { kind: 'chronic', above: 2500 },
  ],
  sample: { seed: `清河县${year}年度审核抽查`, shares: [{ kind: 'inpatient', share: 0.02 }, { kind: 'delivery', share: 0.02 }, { kind: 'chronic', share: 0.002 }] },
  stay: { aboveDays: 20 },
  diagnosisCost: { factor: 3, minCases: 20, kinds: ['inpatient'] },
});

const ADJUST_REASONS = ['目录外药品按目录内结算，核减相应费用', '超标准收取床位费，核减多收部分', '重复收取检查化验费', '分解收费，核减多收部分', '超量用药，核减超出部分', '无医嘱收费项目，不予支付'];
const REJECT_REASONS = ['挂床住院，查房时患者不在院', '住院指征不足，应门诊治疗', '病历与费用清单不符，不予支付', '经核实非参合本人就诊（冒名住院）'];

/** How much of a month's selection is decided by the as-of day: older months all but a few, the latest ones less. */
const decidedShare = (monthsAgo: number) => (monthsAgo >= 3 ? 0.97 : monthsAgo === 2 ? 0.75 : 0.3);

interface ItemToDecide {
  id: number;
  year: number;
  month: number;
  pool: string;
  claim_id: number;
  settled_pay_fen: number;
  assigned_to: number | null;
  assigned_to_name: string | null;
  claim_no: string;
  person_name: string;
  institution_id: number;
  kind: string;
  bucket: string | null;
}

function drawDecision(random: Random, settledPayFen: number): { decision: ReviewDecisionKind; payFen: number; reason: string | null } {
  const x = random.next();
  if (x < 0.85 || settledPayFen < 200) return { decision: 'approved', payFen: settledPayFen, reason: null };
  if (x < 0.95) {
    // Whole yuan, strictly below what was settled.
    const payFen = Math.max(100, Math.floor((settledPayFen * (0.6 + random.next() * 0.35)) / 100) * 100);
    return { decision: 'adjusted', payFen: Math.min(payFen, settledPayFen - 100), reason: random.pick(ADJUST_REASONS) };
  }
  return { decision: 'rejected', payFen: 0, reason: random.pick(REJECT_REASONS) };
}

export async function generateReviewDemo(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary> {
  const started = Date.now();
  const { seed, asOf } = context;
  const actor = systemActor('演示数据生成');
  const random = createRandom(`${seed}:ncms-review`);
  const pools = await db.selectFrom('ncms_scheme').select(['pool', 'year']).where('status', '=', 'active').orderBy('year').orderBy('pool').execute();
  const reviewers = (await listReviewers(db, actor)).map((r) => r.userId);
  const runs: Array<{ pool: string; year: number; month: number; runDay: string }> = [];
  for (const { pool, year } of pools) {
    await saveReviewRules(db, actor, { pool, year, document: demoReviewRules(year), note: '演示：大额、随机抽查 2%、住院超 20 天、病种费用超上年均值 3 倍' });
    for (let month = 1; month <= 12; month++) {
      const runDay = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`, 4);
      if (runDay < asOf) runs.push({ pool, year, month, runDay });
    }
  }
  let selected = 0;
  for (const [i, run] of runs.entries()) {
    selected += (await runReviewSelection(db, actor, { pool: run.pool, year: run.year, month: run.month, assignTo: reviewers }, run.runDay)).selected;
    context.onProgress?.({ done: i + 1, total: runs.length + 1, elapsedMs: Date.now() - started });
  }

  const items: ItemToDecide[] = await db
    .selectFrom('ncms_review_item as i')
    .innerJoin('ncms_claim as c', 'c.id', 'i.claim_id')
    .select(['i.id', 'i.year', 'i.month', 'i.pool', 'i.claim_id', 'i.settled_pay_fen', 'i.assigned_to', 'i.assigned_to_name', 'c.claim_no', 'c.person_name', 'c.institution_id', 'c.kind', 'c.bucket'])
    .orderBy('i.id')
    .execute();
  const runDayOf = new Map(runs.map((r) => [`${r.pool}|${r.year}|${r.month}`, r.runDay]));
  const asOfMonth = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7));
  const decisions: Array<{ item: ItemToDecide; decision: ReviewDecisionKind; payFen: number; reason: string | null; day: string; booked: string }> = [];
  for (const item of items) {
    const monthsAgo = asOfMonth - (item.year * 12 + item.month);
    if (!random.chance(decidedShare(monthsAgo))) continue;
    const runDay = runDayOf.get(`${item.pool}|${item.year}|${item.month}`)!;
    let day = addDays(runDay, random.int(2, 40));
    if (day >= asOf) day = addDays(asOf, -1);
    const drawn = drawDecision(random, item.settled_pay_fen);
    decisions.push({ item, ...drawn, day, booked: bookingDate(day, item.year) });
  }

  const ids = await nextIds(db, 'ncms_review_decision', decisions.length);
  const at = (d: (typeof decisions)[number]) => `${d.day}T02:${String(d.item.id % 60).padStart(2, '0')}:00Z`; // 10:xx in Shanghai
  await insertColumns(db, 'ncms_review_decision', [
    ['id', 'int', ids],
    ['item_id', 'int', decisions.map((d) => d.item.id)],
    ['decision', 'text', decisions.map((d) => d.decision)],
    ['pay_fen', 'bigint', decisions.map((d) => d.payFen)],
    ['deducted_fen', 'bigint', decisions.map((d) => d.item.settled_pay_fen - d.payFen)],
    ['posted_fen', 'bigint', decisions.map((d) => d.item.settled_pay_fen - d.payFen)],
    ['booked_on', 'date', decisions.map((d) => d.booked)],
    ['reason', 'text', decisions.map((d) => d.reason)],
    ['decided_by', 'int', decisions.map((d) => d.item.assigned_to)],
    ['decided_by_name', 'text', decisions.map((d) => d.item.assigned_to_name ?? actor.name)],
    ['decided_at', 'timestamptz', decisions.map(at)],
  ]);
  await sql`
    update ncms_review_item i set status = d.status, pay_fen = d.pay, deducted_fen = d.deducted, decision_id = d.id
      from unnest(${ids}::int[], ${decisions.map((d) => d.item.id)}::int[], ${decisions.map((d) => d.decision)}::text[],
                  ${decisions.map((d) => d.payFen)}::bigint[], ${decisions.map((d) => d.item.settled_pay_fen - d.payFen)}::bigint[])
        as d (id, item, status, pay, deducted)
     where i.id = d.item`.execute(db);
  const postings: FundPosting[] = decisions
    .filter((d) => d.decision !== 'approved')
    .sort((a, b) => (a.booked < b.booked ? -1 : a.booked > b.booked ? 1 : a.item.id - b.item.id))
    .map((d) =>
      deductionPosting(
        { id: d.item.claim_id, claimNo: d.item.claim_no, personName: d.item.person_name, institutionId: d.item.institution_id, kind: d.item.kind, bucket: d.item.bucket },
        d.item.pool,
        d.item.year,
        d.booked,
        d.item.settled_pay_fen - d.payFen,
        d.reason!,
      ),
    );
  await postFunds(db, actor, postings);
  context.onProgress?.({ done: runs.length + 1, total: runs.length + 1, elapsedMs: Date.now() - started });

  const tally = (k: ReviewDecisionKind) => decisions.filter((d) => d.decision === k).length;
  const deductedFen = decisions.reduce((s, d) => s + d.item.settled_pay_fen - d.payFen, 0);
  const counts = { rules: pools.length, runs: runs.length, selected, decided: decisions.length, approved: tally('approved'), adjusted: tally('adjusted'), rejected: tally('rejected'), open: items.length - decisions.length, deductedFen };
  return {
    text: `审核规则 ${pools.length} 套；抽审 ${runs.length} 次，选出 ${selected.toLocaleString('zh-CN')} 笔；已审 ${decisions.length.toLocaleString('zh-CN')} 笔（核减 ${counts.adjusted}、拒付 ${counts.rejected}，扣减 ${fenText(deductedFen)} 元），待审 ${counts.open} 笔`,
    counts,
  };
}

export const reviewDemoStep: ModuleDemoStep = {
  module: 'ncms_review',
  label: '新农合审核演示数据',
  unit: '月',
  generate: generateReviewDemo,
  tables: ['ncms_review_item', 'ncms_review_decision'],
};

/** Demo data of this part, run after the core county and the earlier modules' demos. */
export const reviewDemoSteps: ModuleDemoStep[] = [reviewDemoStep];
