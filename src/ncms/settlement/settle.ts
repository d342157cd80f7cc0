/**
 * The NCMS settlement engine (即时结报, shared/domain/ncms.md) as pure functions over integer fen.
 *
 * settle: a batch. Each person's claims are settled in date order, then input order; results come back in input order.
 * settleClaim: one claim against a loaded year-to-date state (settlement at discharge); returns the new state.
 */
import type { Fen } from '../scheme/decimal.ts';
import type { Scheme } from '../scheme/types.ts';
import { isInvalid, type Claim, type ClaimEntry } from './claim.ts';
import { invalidClaimResult, makeResult, type RejectionReason, type SettlementResult } from './result.ts';
import { CAPS, claimCode, compileScheme, eligibleOf, payFor, REJECTIONS, type CompiledScheme, type Verdict } from './rules.ts';
import { startingYearToDate, type PersonYearToDate } from './year-to-date.ts';

export interface SettleOptions {
  /** Persons enrolled (参合) in the scheme year; when given, anyone else is rejected `not_enrolled`. */
  enrolled?: ReadonlySet<string>;
  /** Year-to-date sums already paid before this batch, by person (never modified). */
  yearToDate?: ReadonlyMap<string, PersonYearToDate>;
}

const DAY_KEYS = 13 * 32;

/** month × 32 + day for a date in the scheme year (sorts like the date), else −1. Dates are valid by the Claim type. */
function dayKey(date: string, year: number): number {
  const y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  if (y !== year || date.length !== 10) return -1;
  const key = ((date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48)) * 32 + (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return key > 32 && key < DAY_KEYS ? key : -1;
}

/** Rule 8 and claim validation: the result when the claim is settled without looking at any sums, else undefined. */
function rejectedUpFront(entry: ClaimEntry, key: number, enrolled: ReadonlySet<string> | undefined): SettlementResult | undefined {
  if (isInvalid(entry)) return invalidClaimResult(entry);
  const reason: RejectionReason | undefined =
    key < 0 ? 'not_in_scheme_year' : enrolled !== undefined && !enrolled.has(entry.person) ? 'not_enrolled' : undefined;
  return reason === undefined ? undefined : makeResult(entry.id, reason, eligibleOf(entry.totalFen, entry.outOfCatalogFen), 0, entry.totalFen, undefined);
}

function resultOf(claim: Claim, pay: Fen, verdict: Verdict): SettlementResult {
  const eligible = eligibleOf(claim.totalFen, claim.outOfCatalogFen);
  return makeResult(claim.id, REJECTIONS[verdict.rejection], eligible, pay, claim.totalFen - pay, CAPS[verdict.cap]);
}

/** Placeholder while a batch is settled out of input order; every slot is overwritten before settle returns. */
const NOT_YET = makeResult(null, undefined, 0, 0, 0, undefined);

/** Stable counting sort of the claim indexes `from` by `key[index]` (0 ≤ key < buckets). */
function countingSort(from: Int32Array, key: Int32Array, buckets: number): Int32Array {
  const starts = new Int32Array(buckets + 1);
  for (let j = 0; j < from.length; j++) starts[key[from[j]!]! + 1]!++;
  for (let k = 1; k <= buckets; k++) starts[k]! += starts[k - 1]!;
  const sorted = new Int32Array(from.length);
  for (let j = 0; j < from.length; j++) {
    const i = from[j]!;
    sorted[starts[key[i]!]!++] = i;
  }
  return sorted;
}

// Per-claim slot of the batch's work table: what rules 2-7 read, then what they decided.
const SLOT = 4;
const [TOTAL, ELIGIBLE, CODE, PERSON] = [0, 1, 2, 3];
const [PAY, VERDICT] = [ELIGIBLE, CODE]; // overwritten once settled

/**
 * Three passes, so that the only out-of-order memory touched per claim is one 32-byte slot:
 * 1. input order: up-front rejections, a person number (the only map lookup), the claim's code and sums into its slot;
 * 2. two stable counting sorts (by day, then by person) give every person's claims in date then input order, O(n);
 *    each person's group is settled against a year-to-date record that stays hot, pay and verdict written to the slot;
 * 3. input order: the result objects.
 */
export function settle(scheme: Scheme, claims: readonly ClaimEntry[], options: SettleOptions = {}): SettlementResult[] {
  const c = compileScheme(scheme);
  const year = scheme.year;
  const n = claims.length;
  const results: SettlementResult[] = []; // pushed in input order: a packed array
  const slots = new Float64Array(n * SLOT);
  const pending = new Int32Array(n);
  const dayOf = new Int32Array(n);
  const personOf = new Int32Array(n);
  const personIndex = new Map<string, number>();
  const personIds: string[] = [];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const entry = claims[i]!;
    const key = isInvalid(entry) ? -1 : dayKey(entry.date, year);
    const early = rejectedUpFront(entry, key, options.enrolled);
    results.push(early ?? NOT_YET);
    if (early) continue;
    const claim = entry as Claim;
    let p = personIndex.get(claim.person);
    if (p === undefined) {
      p = personIds.push(claim.person) - 1;
      personIndex.set(claim.person, p);
    }
    pending[m++] = i;
    dayOf[i] = key;
    personOf[i] = p;
    const at = i * SLOT;
    slots[at + TOTAL] = claim.totalFen;
    slots[at + ELIGIBLE] = eligibleOf(claim.totalFen, claim.outOfCatalogFen);
    slots[at + CODE] = claimCode(c, claim);
    slots[at + PERSON] = p;
  }

  const order = countingSort(countingSort(pending.subarray(0, m), dayOf, DAY_KEYS), personOf, personIds.length);
  const verdict: Verdict = { rejection: 0, cap: 0 };
  let current = -1;
  let ytd: PersonYearToDate | undefined;
  for (let j = 0; j < order.length; j++) {
    const at = order[j]! * SLOT;
    const p = slots[at + PERSON]!;
    if (p !== current) {
      current = p;
      ytd = startingYearToDate(personIds[p]!, year, options.yearToDate?.get(personIds[p]!));
    }
    slots[at + PAY] = payFor(c, slots[at + CODE]!, slots[at + ELIGIBLE]!, slots[at + TOTAL]!, ytd!, verdict);
    slots[at + VERDICT] = verdict.rejection * CAPS.length + verdict.cap;
  }

  for (let i = 0; i < n; i++) {
    if (results[i] !== NOT_YET) continue;
    const code = slots[i * SLOT + VERDICT]!;
    verdict.rejection = Math.floor(code / CAPS.length);
    verdict.cap = code % CAPS.length;
    results[i] = resultOf(claims[i] as Claim, slots[i * SLOT + PAY]!, verdict);
  }
  return results;
}

/**
 * One claim at discharge: `saved` is the person's year-to-date state (undefined or another year = nothing paid yet).
 * Returns the result and the state to save; `saved` itself is not modified.
 */
export function settleClaim(
  scheme: Scheme,
  claim: Claim,
  saved: PersonYearToDate | undefined,
  options: Pick<SettleOptions, 'enrolled'> = {},
): { result: SettlementResult; yearToDate: PersonYearToDate } {
  if (saved && saved.person !== claim.person) throw new Error(`year-to-date state of ${saved.person} given for a claim of ${claim.person}`);
  const c: CompiledScheme = compileScheme(scheme);
  const ytd = startingYearToDate(claim.person, scheme.year, saved);
  const early = rejectedUpFront(claim, dayKey(claim.date, scheme.year), options.enrolled);
  if (early) return { result: early, yearToDate: ytd };
  const verdict: Verdict = { rejection: 0, cap: 0 };
  const pay = payFor(c, claimCode(c, claim), eligibleOf(claim.totalFen, claim.outOfCatalogFen), claim.totalFen, ytd, verdict);
  return { result: resultOf(claim, pay, verdict), yearToDate: ytd };
}
