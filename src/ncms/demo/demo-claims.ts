/**
 * A year of claims (报销单据) for the enrolled people of the demo county, settled in one batch by the engine's `settle`
 * against the year's active scheme, so every pay, cap and rejection is exactly the engine's. Written in bulk: the
 * claims with their settled figures, cost lines for admissions and deliveries, the year-to-date rows (the sums of the
 * settled claims), a handful of reversals (冲销), and the fund postings and payments to institutions.
 *
 * Choices (see the README): outpatient visits carry no cost lines (a village clinic records the visit's total and its
 * out-of-catalogue part); admissions, chronic pick-ups and deliveries post one settlement each, while outpatient pooling
 * posts one summary per institution and day, as village clinics report their outpatient pooling in batches.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { addDays, ageOn } from '../../core/dates.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import type { Random } from '../../core/demo/random.ts';
import type { InstitutionSummary } from '../../core/institutions/institutions.ts';
import type { PersonSummary } from '../../core/people/person-query.ts';
import { DiseaseMatcher } from '../settlement/disease-matcher.ts';
import { settle } from '../settlement/settle.ts';
import type { Claim, ClaimKind } from '../settlement/claim.ts';
import type { Level, Scheme } from '../scheme/types.ts';
import { emptyYearToDate, type PersonYearToDate } from '../settlement/year-to-date.ts';
import { appliedTerms, capLines } from '../claims/breakdown.ts';
import { CLAIM_KINDS } from '../claims/vocabulary.ts';
import type { Coverage } from './demo-enrollment.ts';
import type { DemoInstitutions, DemoVillage } from './demo-county.ts';
import type { DemoLedger } from './demo-ledger.ts';
import type { DemoScheme } from './demo-schemes.ts';
import {
  ADMISSION_DIAGNOSES,
  ADMISSION_LEVEL,
  bandOf,
  CHRONIC_AT_COUNTY,
  CHRONIC_CLAIMS_PER_YEAR,
  CHRONIC_COST,
  CHRONIC_OLD,
  CHRONIC_YOUNG,
  DELIVERY,
  INPATIENT_COST,
  LINE_SHARES,
  logNormalFen,
  MAJOR_COST_FACTOR,
  MONTH_WEIGHT,
  OTHER_VISITS,
  OUTPATIENT_COST,
  OUTSIDE_SHARES,
  poisson,
  READMISSION,
  REFERRED_SHARE,
  RESPIRATORY_SHARE,
  RESPIRATORY_VISITS,
  TCM_SHARE,
  TOWNSHIP_VISIT_SHARE,
  type InpatientLevel,
} from './demo-claim-plan.ts';

type Bucket = 'outpatient' | 'chronic' | 'inpatient' | 'major';

interface CostLine {
  name: string;
  category: 'drug' | 'exam' | 'treatment' | 'bed' | 'material';
  inCatalog: boolean;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

interface Draft {
  person: PersonSummary;
  village: DemoVillage;
  institution: InstitutionSummary;
  level: Level;
  kind: ClaimKind;
  admittedOn: string;
  dischargedOn: string;
  diagnosis: string;
  referred: boolean;
  totalFen: number;
  outOfCatalogFen: number;
  lines: CostLine[];
}

export interface ClaimsOutcome {
  claims: number;
  byKind: Record<string, number>;
  lines: number;
  reversals: number;
  yearToDate: number;
  payFen: number;
  totalFen: number;
  payments: number;
}

/** The days of a year with cumulative seasonal weights, to draw a day inside any window by weight. */
class YearDays {
  readonly dates: string[] = [];
  readonly cum: number[] = [0];
  private readonly index = new Map<string, number>();

  constructor(year: number) {
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      this.index.set(d, this.dates.length);
      this.dates.push(d);
      this.cum.push(this.cum.at(-1)! + MONTH_WEIGHT[Number(d.slice(5, 7)) - 1]!);
    }
  }

  indexOf(date: string): number {
    return this.index.get(date)!;
  }

  /** The seasonal weight of days [a, b] (indexes) as a share of the whole year. */
  share(a: number, b: number): number {
    return (this.cum[b + 1]! - this.cum[a]!) / this.cum.at(-1)!;
  }

  /** A day in [a, b] drawn by weight (flat: each day alike). */
  draw(random: Random, a: number, b: number, flat = false): string {
    if (flat) return this.dates[random.int(a, b)]!;
    const x = this.cum[a]! + random.next() * (this.cum[b + 1]! - this.cum[a]!);
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid + 1]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.dates[lo]!;
  }
}

const masked = (id: string | null) => (id ? `${id.slice(0, 6)}********${id.slice(14)}` : null);

/** Splits an admission's cost into lines by category: a bed line by the day, the rest by share, out-of-catalogue last. */
function costLines(random: Random, totalFen: number, outFen: number, stay: number, bedYuan: number): CostLine[] {
  const inFen = totalFen - outFen;
  const lines: CostLine[] = [];
  const bedDay = Math.min(bedYuan * 100, Math.floor((inFen * 0.2) / stay / 10) * 10);
  let left = inFen;
  if (bedDay > 0) {
    lines.push({ name: '床位费', category: 'bed', inCatalog: true, quantity: stay, unitPriceFen: bedDay, amountFen: bedDay * stay });
    left -= bedDay * stay;
  }
  const rest = left;
  for (const [i, [category, name, share]] of LINE_SHARES.entries()) {
    const amount = i === LINE_SHARES.length - 1 ? left : Math.min(left, Math.round((rest * share * (0.8 + 0.4 * random.next())) / 10) * 10);
    if (amount <= 0) continue;
    lines.push({ name, category, inCatalog: true, quantity: 1, unitPriceFen: amount, amountFen: amount });
    left -= amount;
  }
  if (outFen > 0) {
    const drugs = Math.round((outFen * 0.7) / 10) * 10;
    if (drugs > 0) lines.push({ name: '自费药品', category: 'drug', inCatalog: false, quantity: 1, unitPriceFen: drugs, amountFen: drugs });
    if (outFen - drugs > 0) lines.push({ name: '自费材料', category: 'material', inCatalog: false, quantity: 1, unitPriceFen: outFen - drugs, amountFen: outFen - drugs });
  }
  return lines;
}

const outOfCatalog = (random: Random, totalFen: number, [lo, hi]: readonly [number, number]) => Math.min(totalFen, Math.round((totalFen * (lo + (hi - lo) * random.next())) / 10) * 10);

/** Draws the year's claims of every covered person of the villages, in no particular order. */
function drawClaims(random: Random, villages: DemoVillage[], institutions: DemoInstitutions, scheme: Scheme, coverage: Map<number, Coverage>, end: string): Draft[] {
  const year = scheme.year;
  const days = new YearDays(year);
  const major = new DiseaseMatcher(scheme.major.diseases);
  const drafts: Draft[] = [];
  const county = () => (random.chance(TCM_SHARE) ? institutions.tcmHospital : institutions.countyHospital);
  const outside = () => {
    let x = random.next();
    for (const [i, share] of OUTSIDE_SHARES.entries()) if ((x -= share) < 0 && institutions.outside[i]) return institutions.outside[i]!;
    return institutions.outside[0]!;
  };

  for (const village of villages) {
    for (const household of village.households) {
      for (const person of household.members) {
        const covered = coverage.get(person.id);
        if (!covered) continue;
        const last = person.status === 'alive' || !person.statusDate ? end : addDays(person.statusDate, -1) < end ? addDays(person.statusDate, -1) : end;
        if (last < covered.from || !last.startsWith(String(year))) continue;
        const a = days.indexOf(covered.from);
        const b = days.indexOf(last);
        const share = days.share(a, b);
        const band = bandOf(ageOn(person.birthDate, `${year}-07-01`));
        const base = { person, village, referred: false, lines: [] as CostLine[] };

        // Outpatient visits (门诊统筹): the village clinic, sometimes the township centre.
        for (let n = poisson(random, band.visits * share); n > 0; n--) {
          const day = days.draw(random, a, b);
          const atCentre = !village.clinic || random.chance(TOWNSHIP_VISIT_SHARE);
          const level = atCentre ? 'township' : 'village';
          const cost = OUTPATIENT_COST[level];
          const totalFen = logNormalFen(random, cost.median, cost.sigma);
          const month = Number(day.slice(5, 7)) - 1;
          const diagnosis = random.chance(RESPIRATORY_SHARE[month]!) ? RESPIRATORY_VISITS.draw(random) : OTHER_VISITS.draw(random);
          drafts.push({
            ...base,
            institution: atCentre ? village.centre : village.clinic!,
            level,
            kind: 'outpatient',
            admittedOn: day,
            dischargedOn: day,
            diagnosis,
            totalFen,
            outOfCatalogFen: random.chance(cost.outOfCatalog) ? outOfCatalog(random, totalFen, [0.05, 0.2]) : 0,
          });
        }

        // Special chronic disease outpatient care (特殊慢病): regular drug pick-ups.
        if (random.chance(band.chronic)) {
          const diagnosis = (band.to > 60 ? CHRONIC_OLD : CHRONIC_YOUNG).draw(random);
          const atCounty = random.chance(CHRONIC_AT_COUNTY);
          const count = Math.round(random.int(...CHRONIC_CLAIMS_PER_YEAR) * (b - a + 1) / days.dates.length);
          for (let n = 0; n < count; n++) {
            const day = days.draw(random, a, b, true);
            const cost = atCounty ? CHRONIC_COST.county : CHRONIC_COST.township;
            const totalFen = logNormalFen(random, cost.median, cost.sigma);
            drafts.push({
              ...base,
              institution: atCounty ? institutions.countyHospital : village.centre,
              level: atCounty ? 'county' : 'township',
              kind: 'chronic',
              admittedOn: day,
              dischargedOn: day,
              diagnosis,
              totalFen,
              outOfCatalogFen: outOfCatalog(random, totalFen, [0.03, 0.15]),
            });
          }
        }

        // Admissions (住院), at times a second one.
        if (random.chance(band.admitted * share)) {
          for (let n = random.chance(READMISSION) ? 2 : 1; n > 0; n--) {
            const level: InpatientLevel = ADMISSION_LEVEL.draw(random);
            const diagnosis = ADMISSION_DIAGNOSES[band.to <= 15 ? 'child' : level].draw(random);
            const isMajor = major.matches(diagnosis);
            const cost = INPATIENT_COST[level];
            const stay = Math.round(random.int(...cost.stay) * (isMajor ? 1.3 : 1));
            const dischargedOn = days.draw(random, a, b);
            const totalFen = logNormalFen(random, cost.median * (isMajor ? MAJOR_COST_FACTOR : 1), cost.sigma);
            const outFen = outOfCatalog(random, totalFen, cost.outOfCatalog);
            drafts.push({
              ...base,
              institution: level === 'township' ? village.centre : level === 'county' ? county() : outside(),
              level,
              kind: 'inpatient',
              admittedOn: addDays(dischargedOn, -stay),
              dischargedOn,
              diagnosis,
              referred: level === 'outside' && random.chance(REFERRED_SHARE),
              totalFen,
              outOfCatalogFen: outFen,
              lines: costLines(random, totalFen, outFen, stay, cost.bed),
            });
          }
        }
      }

      // Deliveries (住院分娩): every child born this year in the household, delivered by a woman of the household.
      for (const baby of household.members) {
        if (!baby.birthDate.startsWith(String(year)) || baby.birthDate > end) continue;
        const mother = household.members.find((m) => m.sex === 'F' && m.id !== baby.id && ageOn(m.birthDate, baby.birthDate) >= 18 && ageOn(m.birthDate, baby.birthDate) <= 45 && coverage.get(m.id) !== undefined && coverage.get(m.id)!.from <= baby.birthDate);
        if (!mother) continue;
        const atTownship = random.chance(DELIVERY.townshipShare);
        const caesarean = !atTownship && random.chance(DELIVERY.caesareanShare.county);
        const stay = random.int(...(caesarean ? DELIVERY.stay.caesarean : DELIVERY.stay.normal));
        const dischargedOn = addDays(baby.birthDate, stay);
        if (dischargedOn > end || (mother.status !== 'alive' && mother.statusDate !== null && mother.statusDate <= dischargedOn)) continue;
        const median = caesarean ? DELIVERY.cost.caesarean : DELIVERY.cost.normal[atTownship ? 'township' : 'county'];
        const totalFen = logNormalFen(random, median, DELIVERY.sigma);
        const outFen = outOfCatalog(random, totalFen, [0.03, 0.1]);
        drafts.push({
          person: mother,
          village,
          institution: atTownship ? village.centre : county(),
          level: atTownship ? 'township' : 'county',
          kind: 'delivery',
          admittedOn: addDays(baby.birthDate, -random.int(0, 1)),
          dischargedOn,
          diagnosis: caesarean ? 'O82.9' : 'O80.9',
          referred: false,
          totalFen,
          outOfCatalogFen: outFen,
          lines: costLines(random, totalFen, outFen, stay, atTownship ? 25 : 45),
        });
      }
    }
  }
  return drafts;
}

const BUCKET_KEY: Record<Bucket, 'outpatientFen' | 'chronicFen' | 'inpatientFen' | 'majorFen'> = {
  outpatient: 'outpatientFen',
  chronic: 'chronicFen',
  inpatient: 'inpatientFen',
  major: 'majorFen',
};

/**
 * The caps breakdown the claims service stores with a settled claim (each annual cap with the person's sum before and
 * after), replayed in the engine's order: each person's claims by date, then input order. Outpatient visits get none
 * (null, shown as no breakdown): 1.4 million of them would add half a gigabyte of JSON for a line nobody prints.
 */
function capsAtSettlement(scheme: Scheme, drafts: Draft[], claims: Claim[], payOf: number[], bucketOf: Array<Bucket | null>): Map<number, string> {
  const day = claims.map((c) => Number(c.date.slice(5, 7)) * 32 + Number(c.date.slice(8, 10))); // one year: month and day sort it
  const order = drafts.map((_, i) => i).sort((x, y) => drafts[x]!.person.id - drafts[y]!.person.id || day[x]! - day[y]! || x - y);
  const out = new Map<number, string>();
  let ytd: PersonYearToDate | null = null;
  for (const i of order) {
    const person = claims[i]!.person;
    if (ytd?.person !== person) ytd = emptyYearToDate(person, scheme.year);
    const bucket = bucketOf[i];
    const after: PersonYearToDate = bucket ? { ...ytd, [BUCKET_KEY[bucket]]: ytd[BUCKET_KEY[bucket]] + payOf[i]! } : ytd;
    if (drafts[i]!.kind !== 'outpatient') out.set(i, JSON.stringify(capLines(scheme, ytd, after)));
    ytd = after;
  }
  return out;
}

const REVERSAL_REASONS = ['费用明细录入有误，冲销后重新结算', '参合身份核对有误', '重复结算', '患者转院，费用合并结算'];
const BATCH = 10_000;

/**
 * Draws, settles and writes one scheme year of claims; adds their fund postings (and the payments to institutions
 * for the months that are paid) to the ledger. Returns counts.
 */
export async function generateClaims(
  db: Db,
  actor: Actor,
  random: Random,
  villages: DemoVillage[],
  institutions: DemoInstitutions,
  demoScheme: DemoScheme,
  coverage: Map<number, Coverage>,
  asOf: string,
  ledger: DemoLedger,
  progress: (rows: number) => void,
): Promise<ClaimsOutcome> {
  const { scheme, id: schemeId, year } = demoScheme;
  const end = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const drafts = drawClaims(random, villages, institutions, scheme, coverage, end);
  // Registered in the order they came in: by admission day (stable on the drawing order).
  drafts.sort((x, y) => (x.admittedOn < y.admittedOn ? -1 : x.admittedOn > y.admittedOn ? 1 : 0));

  const { max } = await db.selectFrom('ncms_claim').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  const firstId = Number(max ?? 0) + 1;
  const claims: Claim[] = drafts.map((d, i) => ({
    id: String(firstId + i),
    person: String(d.person.id),
    date: d.dischargedOn,
    level: d.level,
    kind: d.kind,
    diagnosis: d.diagnosis,
    referred: d.referred,
    totalFen: d.totalFen,
    outOfCatalogFen: d.outOfCatalogFen,
  }));
  const results = settle(scheme, claims, { enrolled: new Set([...coverage.keys()].map(String)) });
  const major = new DiseaseMatcher(scheme.major.diseases);
  const payOf = results.map((r) => Math.round(r.pay * 100));
  // The year-to-date sum a claim added to, as the claims service records it: none for pay 0, rejections and deliveries.
  const bucketOf = drafts.map((d, i): Bucket | null => (payOf[i]! === 0 || d.kind === 'delivery' ? null : d.kind === 'inpatient' && major.matches(d.diagnosis) ? 'major' : d.kind));
  const caps = capsAtSettlement(scheme, drafts, claims, payOf, bucketOf);

  // A handful of reversals (冲销): settled admissions taken back a few days after discharge, inside the year.
  const reversed = new Map<number, { on: string; reason: string }>();
  drafts.forEach((d, i) => {
    if (d.kind !== 'inpatient' || payOf[i]! === 0 || !random.chance(0.003)) return;
    const on = addDays(d.dischargedOn, random.int(2, 20));
    if (on <= end) reversed.set(i, { on, reason: random.pick(REVERSAL_REASONS) });
  });

  // Year-to-date rows: what each person was paid per bucket by the claims that stand.
  const ytd = new Map<number, Record<Bucket, number>>();
  // A row for everyone with a settled claim (settlement locks the row, creating it at zero), as the service leaves it.
  drafts.forEach((d, i) => {
    if (results[i]!.status !== 'paid') return;
    const sums = ytd.get(d.person.id) ?? { outpatient: 0, chronic: 0, inpatient: 0, major: 0 };
    const bucket = bucketOf[i];
    if (bucket && !reversed.has(i)) sums[bucket] += payOf[i]!;
    ytd.set(d.person.id, sums);
  });

  const outcome: ClaimsOutcome = { claims: drafts.length, byKind: {}, lines: 0, reversals: reversed.size, yearToDate: ytd.size, payFen: 0, totalFen: 0, payments: 0 };
  for (let start = 0; start < drafts.length; start += BATCH) {
    const idx = Array.from({ length: Math.min(BATCH, drafts.length - start) }, (_, k) => start + k);
    const terms = idx.map((i) => appliedTerms(scheme, claims[i]!, Math.round(results[i]!.eligible * 100)));
    const d = (f: (x: Draft, i: number) => unknown) => idx.map((i) => f(drafts[i]!, i));
    await insertColumns(db, 'ncms_claim', [
      ['id', 'int', d((_, i) => firstId + i)],
      ['institution_id', 'int', d((x) => x.institution.id)],
      ['institution_name', 'text', d((x) => x.institution.name)],
      ['level', 'text', d((x) => x.level)],
      ['person_id', 'int', d((x) => x.person.id)],
      ['person_name', 'text', d((x) => x.person.name)],
      ['id_number_masked', 'text', d((x) => masked(x.person.idNumber))],
      ['area_id', 'int', d((x) => x.village.id)],
      ['area_code', 'text', d((x) => x.village.code)],
      ['kind', 'text', d((x) => x.kind)],
      ['admitted_on', 'date', d((x) => x.admittedOn)],
      ['discharged_on', 'date', d((x) => x.dischargedOn)],
      ['diagnosis', 'text', d((x) => x.diagnosis)],
      ['referred', 'boolean', d((x) => x.referred)],
      ['status', 'text', d((_, i) => (reversed.has(i) ? 'reversed' : results[i]!.status === 'paid' ? 'settled' : 'rejected'))],
      ['total_fen', 'bigint', d((x) => x.totalFen)],
      ['out_of_catalog_fen', 'bigint', d((x) => x.outOfCatalogFen)],
      ['line_count', 'int', d((x) => x.lines.length)],
      ['year', 'int', d(() => year)],
      ['scheme_id', 'int', d(() => schemeId)],
      ['eligible_fen', 'bigint', d((_, i) => Math.round(results[i]!.eligible * 100))],
      ['deductible_fen', 'bigint', terms.map((t) => t.deductibleFen)],
      ['ratio_ppm', 'int', terms.map((t) => t.ratioPpm)],
      ['pay_fen', 'bigint', d((_, i) => payOf[i])],
      ['self_pay_fen', 'bigint', d((_, i) => Math.round(results[i]!.selfPay * 100))],
      ['capped', 'text', d((_, i) => results[i]!.capped ?? null)],
      ['bucket', 'text', d((_, i) => bucketOf[i])],
      ['reason', 'text', d((_, i) => results[i]!.reason ?? null)],
      ['caps', 'jsonb', d((_, i) => caps.get(i) ?? null)],
      ['registered_by', 'int', d(() => actor.userId)],
      ['registered_by_name', 'text', d(() => actor.name)],
      ['registered_at', 'timestamptz', d((x) => `${x.admittedOn}T09:30:00+08:00`)],
      ['settled_by', 'int', d(() => actor.userId)],
      ['settled_by_name', 'text', d(() => actor.name)],
      ['settled_at', 'timestamptz', d((x) => `${x.dischargedOn}T15:00:00+08:00`)],
    ]);
    const lines = idx.flatMap((i) => drafts[i]!.lines.map((l) => ({ ...l, claimId: firstId + i })));
    await insertColumns(db, 'ncms_claim_line', [
      ['claim_id', 'int', lines.map((l) => l.claimId)],
      ['name', 'text', lines.map((l) => l.name)],
      ['category', 'text', lines.map((l) => l.category)],
      ['in_catalog', 'boolean', lines.map((l) => l.inCatalog)],
      ['quantity', 'int', lines.map((l) => l.quantity)],
      ['unit_price_fen', 'bigint', lines.map((l) => l.unitPriceFen)],
      ['amount_fen', 'bigint', lines.map((l) => l.amountFen)],
    ]);
    outcome.lines += lines.length;
    progress(idx.length + lines.length);
  }
  // Ids were given explicitly: move the sequence past them, or the first claim registered at a counter collides.
  if (drafts.length > 0) await sql`select setval(pg_get_serial_sequence('ncms_claim', 'id'), ${firstId + drafts.length - 1})`.execute(db);
  for (const d of drafts) outcome.byKind[d.kind] = (outcome.byKind[d.kind] ?? 0) + 1;
  outcome.totalFen = drafts.reduce((s, d) => s + d.totalFen, 0);
  outcome.payFen = payOf.reduce((s, p, i) => s + (reversed.has(i) ? 0 : p), 0);

  const people = [...ytd.entries()];
  for (let start = 0; start < people.length; start += BATCH) {
    const part = people.slice(start, start + BATCH);
    await insertColumns(db, 'ncms_year_to_date', [
      ['person_id', 'int', part.map(([id]) => id)],
      ['year', 'int', part.map(() => year)],
      ['outpatient_fen', 'bigint', part.map(([, s]) => s.outpatient)],
      ['chronic_fen', 'bigint', part.map(([, s]) => s.chronic)],
      ['inpatient_fen', 'bigint', part.map(([, s]) => s.inpatient)],
      ['major_fen', 'bigint', part.map(([, s]) => s.major)],
    ]);
    progress(part.length);
  }
  const rev = [...reversed.entries()];
  await insertColumns(db, 'ncms_claim_reversal', [
    ['claim_id', 'int', rev.map(([i]) => firstId + i)],
    ['reason', 'text', rev.map(([, r]) => r.reason)],
    ['pay_fen', 'bigint', rev.map(([i]) => payOf[i])],
    ['bucket', 'text', rev.map(([i]) => bucketOf[i])],
    ['year', 'int', rev.map(() => year)],
    ['reversed_by', 'int', rev.map(() => actor.userId)],
    ['reversed_by_name', 'text', rev.map(() => actor.name)],
    ['reversed_at', 'timestamptz', rev.map(([, r]) => `${r.on}T11:00:00+08:00`)],
  ]);

  outcome.payments = postClaims(ledger, scheme.pool, year, end, asOf, drafts, firstId, payOf, bucketOf, results.map((r) => r.status === 'paid'), reversed);
  return outcome;
}

/** Months of a year whose claims have been paid out to the institutions by `asOf`: last year's up to November (December
 * waits for the year-end settlement), this year's up to two months back (claims are reviewed before payment). */
function paidMonths(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 11;
  return Math.max(0, Number(asOf.slice(5, 7)) - 2);
}

function postClaims(
  ledger: DemoLedger,
  pool: string,
  year: number,
  end: string,
  asOf: string,
  drafts: Draft[],
  firstId: number,
  payOf: number[],
  bucketOf: Array<Bucket | null>,
  paid: boolean[],
  reversed: Map<number, { on: string; reason: string }>,
): number {
  const claimNo = (i: number) => `BX${String(firstId + i).padStart(8, '0')}`;
  // What each institution came to be owed, by day: for the payments below.
  const owedByDay = new Map<number, Map<string, number>>();
  const owe = (institutionId: number, date: string, fen: number) => {
    const days = owedByDay.get(institutionId) ?? new Map<string, number>();
    days.set(date, (days.get(date) ?? 0) + fen);
    owedByDay.set(institutionId, days);
  };
  const settlement = (institutionId: number, source: string, fen: number) => [
    { account: 'compensation_expense' as const, debitFen: fen, institutionId, source },
    { account: 'payable_institution' as const, creditFen: fen, institutionId },
  ];

  const outpatientDays = new Map<string, { institution: InstitutionSummary; date: string; fen: number; visits: number }>();
  drafts.forEach((d, i) => {
    const fen = payOf[i]!;
    if (!paid[i] || fen === 0) return;
    if (d.kind === 'outpatient') {
      const key = `${d.institution.id}|${d.dischargedOn}`;
      const day = outpatientDays.get(key) ?? { institution: d.institution, date: d.dischargedOn, fen: 0, visits: 0 };
      day.fen += fen;
      day.visits++;
      outpatientDays.set(key, day);
      return;
    }
    ledger.add({
      pool,
      year,
      date: d.dischargedOn,
      kind: 'settlement',
      reference: { type: 'claim', id: firstId + i },
      memo: `${CLAIM_KINDS[d.kind]}补偿 ${claimNo(i)} ${d.person.name}`,
      lines: settlement(d.institution.id, bucketOf[i] ?? d.kind, fen),
    });
    owe(d.institution.id, d.dischargedOn, fen);
  });
  for (const [key, day] of outpatientDays) {
    ledger.add({
      pool,
      year,
      date: day.date,
      kind: 'settlement',
      reference: { type: 'outpatient_day', id: key.replace('|', ':') },
      memo: `${day.institution.name} ${day.date} 门诊统筹 ${day.visits} 人次`,
      lines: settlement(day.institution.id, 'outpatient', day.fen),
    });
    owe(day.institution.id, day.date, day.fen);
  }
  for (const [i, r] of reversed) {
    const d = drafts[i]!;
    const fen = payOf[i]!;
    const [expense, payable] = settlement(d.institution.id, bucketOf[i] ?? d.kind, fen);
    ledger.add({
      pool,
      year,
      date: r.on,
      kind: 'reversal',
      reference: { type: 'claim', id: firstId + i },
      memo: `冲销 ${claimNo(i)} ${d.person.name}：${r.reason}`,
      lines: [
        { ...payable!, creditFen: undefined, debitFen: fen },
        { ...expense!, debitFen: undefined, creditFen: fen },
      ],
    });
    owe(d.institution.id, r.on, -fen);
  }

  // Payments (拨付): on the 15th, what each institution's claims of the month before came to, never above what it
  // is owed that day (payInstitution's rule).
  let payments = 0;
  const months = paidMonths(year, asOf);
  for (const [institutionId, days] of [...owedByDay].sort(([a], [b]) => a - b)) {
    const sorted = [...days].sort(([a], [b]) => (a < b ? -1 : 1));
    const name = drafts.find((d) => d.institution.id === institutionId)!.institution.name;
    let paidSoFar = 0;
    for (let m = 1; m <= months; m++) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      const date = `${year}-${String(m + 1).padStart(2, '0')}-15`;
      if (date > end) break;
      const net = sorted.filter(([d]) => d.startsWith(month)).reduce((s, [, f]) => s + f, 0);
      const owed = sorted.filter(([d]) => d <= date).reduce((s, [, f]) => s + f, 0) - paidSoFar;
      const amount = Math.min(net, owed);
      if (amount <= 0) continue;
      paidSoFar += amount;
      ledger.add({
        pool,
        year,
        date,
        kind: 'payment',
        reference: { type: 'payment', id: `demo-${year}-${institutionId}-${m}` },
        memo: `拨付「${name}」${m} 月补偿款`,
        lines: [
          { account: 'payable_institution', debitFen: amount, institutionId },
          { account: 'bank', creditFen: amount },
        ],
      });
      payments++;
    }
  }
  return payments;
}
