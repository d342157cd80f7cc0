/**
 * Enrollment (参合) of the demo county for two years, written in bulk with exactly the columns and amounts
 * `enrollHousehold` writes (amount = the scheme's individual contribution, payer from the category), one fund posting
 * per household submission built by the same `contributionLines` / `bookingDate` the enrollment hook uses, and the
 * deposits (解缴入户, 财政拨付到账) in a few lumps per year.
 *
 * How it looks: each village collects in a window of three weeks in the autumn before the year; households enroll
 * whole (a member working away now and then missing); each village has its own propensity (88-99 %, two lagging
 * villages below 90 %); children born after the collection are enrolled a few weeks after birth (随父母参合).
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { addDays } from '../../core/dates.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import type { Random } from '../../core/demo/random.ts';
import type { PersonSummary } from '../../core/people/person-query.ts';
import { contributionCategories } from '../enrollment/categories.ts';
import { FUND_SOURCES, type FundSource } from '../fund/accounts.ts';
import { bookingDate, contributionLines } from '../fund/contributions.ts';
import { splitForEnrollment } from '../fund/subsidy-split.ts';
import type { Payer } from '../db/schema.ts';
import type { DemoLedger } from './demo-ledger.ts';
import type { DemoScheme } from './demo-schemes.ts';
import type { DemoVillage } from './demo-county.ts';

/** One person's enrollment for a year: covered from `from` (1 January, or the day a newborn was enrolled). */
export interface Coverage {
  from: string;
  category: string;
}

export interface EnrollmentOutcome {
  /** Per year: person id → coverage. */
  coverage: Map<number, Map<number, Coverage>>;
  rows: number;
  postings: number;
  byCategory: Record<string, number>;
}

const BATCH = 10_000;

/** The two lagging villages' propensity and the usual range (a household-level chance, members nearly always with it). */
const LAGGING = [0.86, 0.89] as const;
const USUAL = [0.925, 0.99] as const;

/** Subsidised categories (参合类别) by household: single old people are 五保/特困, others 低保, 计生户, other funds. */
function drawCategory(random: Random, members: PersonSummary[], year: number): string {
  const old = members.length === 1 && year - Number(members[0]!.birthDate.slice(0, 4)) >= 60;
  const x = random.next();
  if (old) return x < 0.22 ? 'wubao' : x < 0.32 ? 'tekun' : x < 0.42 ? 'dibao' : 'self_paid';
  return x < 0.045 ? 'dibao' : x < 0.075 ? 'family_planning' : x < 0.078 ? 'other_fund' : 'self_paid';
}

/** Alive and registered on the day (born by then, not yet dead or moved out). */
const presentOn = (p: PersonSummary, day: string) => p.birthDate <= day && (p.status === 'alive' || (p.statusDate !== null && p.statusDate > day));

interface Row {
  id: number;
  personId: number;
  householdId: number;
  areaId: number;
  year: number;
  category: string;
  amountFen: number;
  payer: Payer;
  schemeId: number;
  receiptNo: string | null;
  collectedOn: string;
}

export async function generateEnrollment(
  db: Db,
  actor: Actor,
  random: Random,
  villages: DemoVillage[],
  schemes: DemoScheme[],
  asOf: string,
  ledger: DemoLedger,
  progress: (rows: number) => void,
): Promise<EnrollmentOutcome> {
  const categories = new Map((await contributionCategories(db)).map((c) => [c.code, c]));
  const sources = new Map((await db.selectFrom('ncms_fund_category_source').select(['category', 'source']).execute()).map((s) => [s.category, s.source]));
  const { max } = await db.selectFrom('ncms_enrollment').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  let nextId = Number(max ?? 0);
  const outcome: EnrollmentOutcome = { coverage: new Map(), rows: 0, postings: 0, byCategory: {} };

  // Per village: its propensity (two lag behind) and its collection window; per household: its category. Drawn once
  // so both years look like the same county.
  const lagging = new Set([Math.floor(villages.length / 3), Math.floor((villages.length * 4) / 5)]);
  const propensity = villages.map((_, i) => (lagging.has(i) ? LAGGING[0] + random.next() * (LAGGING[1] - LAGGING[0]) : USUAL[0] + random.next() * (USUAL[1] - USUAL[0])));
  const householdCategory = new Map<number, string>();

  for (const { id: schemeId, year, scheme } of schemes) {
    const split = await splitForEnrollment(db, scheme.pool, year, scheme.financing.governmentFen);
    const coverage = new Map<number, Coverage>();
    outcome.coverage.set(year, coverage);
    const yearEnd = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    let rows: Row[] = [];
    const flush = async () => {
      await writeEnrollments(db, actor, rows);
      progress(rows.length);
      rows = [];
    };
    for (const [v, village] of villages.entries()) {
      // The collection campaign: three weeks between September and early December of the year before.
      const windowStart = addDays(`${year - 1}-09-05`, random.int(0, 80));
      let receipt = 0;
      const submit = (members: Array<{ person: PersonSummary; category: string }>, household: DemoVillage['households'][number], collectedOn: string) => {
        const firstId = nextId + 1;
        const receiptNo = members.some((m) => categories.get(m.category)!.payer === 'individual') ? `NH${year}${village.code.slice(6)}${String(++receipt).padStart(4, '0')}` : null;
        for (const m of members) {
          const category = categories.get(m.category)!;
          rows.push({
            id: ++nextId,
            personId: m.person.id,
            householdId: household.id,
            areaId: village.id,
            year,
            category: category.code,
            amountFen: scheme.financing.individualFen,
            payer: category.payer,
            schemeId,
            receiptNo: category.payer === 'individual' ? receiptNo : null, // subsidised members pay nothing at the village
            collectedOn,
          });
          coverage.set(m.person.id, { from: collectedOn > `${year}-01-01` ? collectedOn : `${year}-01-01`, category: category.code });
          outcome.byCategory[category.code] = (outcome.byCategory[category.code] ?? 0) + 1;
        }
        // The posting enrollHousehold's hook makes for this submission.
        const date = bookingDate(collectedOn, year);
        const when = date === collectedOn ? '' : `（${collectedOn} 收缴）`;
        ledger.add({
          pool: scheme.pool,
          year,
          date,
          kind: 'contribution',
          reference: { type: 'enrollment', id: firstId },
          memo: `${village.name} ${household.householdNo} 户参合 ${members.length} 人${when}：个人缴费及政府补助`,
          lines: contributionLines(
            members.map((m) => ({ category: m.category, payer: categories.get(m.category)!.payer })),
            scheme.financing.individualFen,
            sources,
            split,
          ),
        });
        outcome.postings++;
      };

      for (const household of village.households) {
        let category = householdCategory.get(household.id);
        if (category === undefined) {
          category = drawCategory(random, household.members, year);
          householdCategory.set(household.id, category);
        }
        const collectedOn = addDays(windowStart, random.int(0, 20));
        const joins = random.chance(Math.min(1, propensity[v]! / 0.99));
        const present = household.members.filter((p) => presentOn(p, collectedOn));
        const members = joins ? present.filter(() => random.chance(0.99)) : [];
        // 五保/特困 are single old people; other members of a subsidised household share its category.
        if (members.length > 0) submit(members.map((person) => ({ person, category })), household, collectedOn);
        // Born after the collection: enrolled a few weeks after birth, when the household joined.
        if (!joins) continue;
        for (const baby of household.members) {
          if (baby.birthDate <= collectedOn || baby.birthDate > yearEnd || !random.chance(0.9)) continue;
          const day = addDays(baby.birthDate, random.int(5, 40));
          if (day > yearEnd || !presentOn(baby, day)) continue;
          submit([{ person: baby, category }], household, day);
        }
        if (rows.length >= BATCH) await flush();
      }
    }
    await flush();
    addDeposits(ledger, scheme.pool, year, yearEnd, outcome, split.map((s) => s.source));
  }
  return outcome;
}

async function writeEnrollments(db: Db, actor: Actor, rows: Row[]): Promise<void> {
  await insertColumns(db, 'ncms_enrollment', [
    ['id', 'int', rows.map((r) => r.id)],
    ['person_id', 'int', rows.map((r) => r.personId)],
    ['household_id', 'int', rows.map((r) => r.householdId)],
    ['area_id', 'int', rows.map((r) => r.areaId)],
    ['year', 'int', rows.map((r) => r.year)],
    ['category', 'text', rows.map((r) => r.category)],
    ['amount_fen', 'bigint', rows.map((r) => r.amountFen)],
    ['payer', 'text', rows.map((r) => r.payer)],
    ['scheme_id', 'int', rows.map((r) => r.schemeId)],
    ['receipt_no', 'text', rows.map((r) => r.receiptNo)],
    ['collected_on', 'date', rows.map((r) => r.collectedOn)],
    ['collected_by', 'int', rows.map(() => actor.userId)],
    ['collected_by_name', 'text', rows.map(() => actor.name)],
    ['created_at', 'timestamptz', rows.map((r) => `${r.collectedOn}T16:00:00+08:00`)],
  ]);
}

// When money reaches the fund's bank account: the villages hand in the autumn's collection in January and February;
// later (newborn) contributions quarterly; each level of government transfers its subsidy in two lumps.
const INDIVIDUAL_LUMPS: Array<[day: string, share: number]> = [
  ['01-08', 0.4],
  ['01-22', 0.75],
  ['02-26', 1],
  ['03-31', 1],
  ['06-30', 1],
  ['09-30', 1],
  ['12-20', 1],
];
const GOVERNMENT_LUMPS: Record<FundSource, Array<[day: string, share: number]>> = {
  county: [
    ['02-28', 0.5],
    ['12-10', 1],
  ],
  central: [
    ['03-20', 0.6],
    ['09-15', 1],
  ],
  province: [
    ['04-15', 0.6],
    ['10-20', 1],
  ],
  civil_affairs: [
    ['03-31', 1],
    ['12-10', 1],
  ],
  family_planning: [
    ['04-10', 1],
    ['12-10', 1],
  ],
  other: [
    ['05-20', 1],
    ['12-10', 1],
  ],
};

/**
 * The deposits of a year, as `recordDeposit` posts them: each lump is a share of what was booked (receivable) by its
 * day, less what was deposited before, so a deposit never exceeds what is outstanding.
 */
function addDeposits(ledger: DemoLedger, pool: string, year: number, yearEnd: string, outcome: EnrollmentOutcome, splitSources: string[]): void {
  // Receivables booked by date, read back from the postings just added (the same figures the ledger will hold).
  const booked = ledger.bookedReceivables(pool, year);
  let n = 0;
  const lumps = (account: 'receivable_individual' | 'receivable_government', source: string | null, plan: Array<[string, number]>) => {
    let deposited = 0;
    for (const [day, share] of plan) {
      const date = `${year}-${day}`;
      if (date > yearEnd) break;
      let upTo = 0;
      for (const b of booked) if (b.date <= date && b.account === account && b.source === source) upTo += b.fen;
      const amount = Math.round(upTo * share) - deposited;
      if (amount <= 0) continue;
      deposited += amount;
      const memo = source === null ? '个人缴费解缴入户' : `${FUND_SOURCES[source as FundSource]}补助拨付到账`;
      ledger.add({
        pool,
        year,
        date,
        kind: 'deposit',
        reference: { type: 'deposit', id: `demo-${year}-${String(++n).padStart(3, '0')}` },
        memo,
        lines: [
          { account: 'bank', debitFen: amount },
          { account, creditFen: amount, source },
        ],
      });
      outcome.postings++;
    }
  };
  lumps('receivable_individual', null, INDIVIDUAL_LUMPS);
  const sources = new Set([...splitSources, ...booked.filter((b) => b.source !== null).map((b) => b.source!)]);
  for (const source of [...sources].sort()) lumps('receivable_government', source, GOVERNMENT_LUMPS[source as FundSource] ?? GOVERNMENT_LUMPS.other);
}
