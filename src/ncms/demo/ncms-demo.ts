/**
 * The NCMS demo step: schemes for last year and this year, enrollment of both years near 95 %, a year and a part of
 * claims settled by the engine, and the fund ledger that goes with them. Runs inside the caller's transaction over a
 * freshly generated demo county; the same seed and as-of day give the same data.
 */
import type { Db } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { isRealDate } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import { withBulkLoad } from '../../core/demo/bulk-load.ts';
import { createRandom } from '../../core/demo/random.ts';
import type { ModuleDemoContext, ModuleDemoStep, ModuleDemoSummary } from '../../module-demos.ts';
import { fenText } from '../fund/money.ts';
import { generateCards } from './demo-cards.ts';
import { generateClaims, type ClaimsOutcome } from './demo-claims.ts';
import { loadDemoCounty } from './demo-county.ts';
import { generateEnrollment } from './demo-enrollment.ts';
import { DemoLedger } from './demo-ledger.ts';
import { createDemoSchemes } from './demo-schemes.ts';

/** Rows written per enrolled person-year, roughly (enrollment, claims and their lines, year-to-date, postings): for the progress line's total. */
const ROWS_PER_ENROLLMENT = 4.2;

/**
 * The tables the step fills in bulk: their foreign keys and secondary indexes are dropped for the load and rebuilt
 * once after it (`withBulkLoad`), as row-by-row upkeep of ncms_claim's five indexes and foreign keys dominated the step.
 * ncms_fund_balance keeps its unique key (the ledger's upsert needs it; it holds a few hundred rows).
 */
const BULK_LOADED = ['ncms_enrollment', 'ncms_card_number', 'ncms_card_member', 'ncms_card', 'ncms_card_handover', 'ncms_claim', 'ncms_claim_line', 'ncms_year_to_date', 'ncms_claim_reversal', 'ncms_fund_transaction', 'ncms_fund_line'];

export async function generateNcmsDemo(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary> {
  const { seed, asOf } = context;
  if (!isRealDate(asOf)) throw invalid('asOf', `截至日期应为 YYYY-MM-DD 格式的有效日期，收到「${asOf}」`);
  const started = Date.now();
  const actor = systemActor('演示数据生成');
  const random = createRandom(`${seed}:ncms`);
  const year = Number(asOf.slice(0, 4));

  let done = 0;
  let total = 1;
  const progress = (rows: number) => {
    done += rows;
    total = Math.max(total, done);
    context.onProgress?.({ done, total, elapsedMs: Date.now() - started });
  };

  const { villages, institutions } = await loadDemoCounty(db, actor);
  const schemes = await createDemoSchemes(db, actor, [year - 1, year]);
  const ledger = new DemoLedger();
  const people = villages.reduce((s, v) => s + v.households.reduce((h, x) => h + x.members.length, 0), 0);
  total = Math.round(people * 2 * ROWS_PER_ENROLLMENT);
  const claims: Record<number, ClaimsOutcome> = {};
  const { enrollment, cards, fund } = await withBulkLoad(db, BULK_LOADED, async () => {
    const enrollment = await generateEnrollment(db, actor, random, villages, schemes, asOf, ledger, progress);
    const cards = await generateCards(db, actor, random, villages, enrollment.coverage, schemes.map((s) => s.year), asOf);
    for (const scheme of schemes) {
      claims[scheme.year] = await generateClaims(db, actor, random, villages, institutions, scheme, enrollment.coverage.get(scheme.year)!, asOf, ledger, progress);
    }
    const fund = await ledger.write(db, actor, progress);
    return { enrollment, cards, fund };
  });
  context.onProgress?.({ done, total: done, elapsedMs: Date.now() - started });

  const enrolled = Object.fromEntries(schemes.map((s) => [s.year, enrollment.coverage.get(s.year)!.size]));
  const counts = {
    schemes: schemes.map((s) => s.id),
    ruralPersons: people,
    enrolled,
    enrollmentByCategory: enrollment.byCategory,
    claims: Object.fromEntries(Object.entries(claims).map(([y, c]) => [y, { ...c }])),
    fundTransactions: fund.transactions,
    fundLines: fund.lines,
    outsideInstitutions: institutions.outside.map((i) => i.name),
    cards,
  };
  const parts = schemes.map((s) => {
    const c = claims[s.year]!;
    return `${s.year} 年参合 ${enrolled[s.year]!.toLocaleString('zh-CN')} 人、报销 ${c.claims.toLocaleString('zh-CN')} 笔（住院 ${(c.byKind.inpatient ?? 0).toLocaleString('zh-CN')}）补偿 ${fenText(c.payFen)} 元`;
  });
  return { text: `补偿方案 2 个；${parts.join('；')}；合作医疗证 ${cards.cards.toLocaleString('zh-CN')} 本（已发放 ${cards.handedOver.toLocaleString('zh-CN')} 本）；基金凭证 ${fund.transactions.toLocaleString('zh-CN')} 张`, counts };
}

export const ncmsDemoStep: ModuleDemoStep = {
  module: 'ncms',
  label: '新农合演示数据',
  unit: '行',
  generate: generateNcmsDemo,
  tables: ['ncms_card_number', 'ncms_card_member', 'ncms_card', 'ncms_card_handover', 'ncms_enrollment', 'ncms_claim', 'ncms_claim_line', 'ncms_year_to_date', 'ncms_fund_transaction', 'ncms_fund_line', 'ncms_fund_balance'],
};
