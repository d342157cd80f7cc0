import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Scheme } from '../scheme/types.ts';
import type { Claim, ClaimEntry, InvalidClaim } from './claim.ts';
import type { SettlementResult } from './result.ts';
import { settle } from './settle.ts';

const fen = (max: number) => fc.integer({ min: 0, max });
const ppm = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 450_000, 500_000, 1_000_000));
const inpatientLevel = fc.option(fc.record({ deductibleFen: fen(50_000), ratioPpm: ppm }), { nil: null });
const outpatientLevel = fc.option(fc.record({ ratioPpm: ppm, perVisitCapFen: fen(5_000) }), { nil: null });

/** Small caps so that they bite within a few claims. */
const schemeArb: fc.Arbitrary<Scheme> = fc.record({
  format: fc.constant('jiceng.ncms.scheme/v1' as const),
  pool: fc.constant('430702'),
  year: fc.constant(2025),
  financing: fc.constant({ individualFen: 40000, governmentFen: 70000 }),
  inpatient: fc.record({
    village: inpatientLevel,
    township: inpatientLevel,
    county: inpatientLevel,
    outside: fc.option(fc.record({ deductibleFen: fen(50_000), ratioPpm: ppm, unreferredRatioPpm: ppm }, { requiredKeys: ['deductibleFen', 'ratioPpm'] }), {
      nil: null,
    }),
  }),
  outpatient: fc.record({ village: outpatientLevel, township: outpatientLevel, annualCapFen: fen(30_000) }),
  chronic: fc.record({ diseases: fc.subarray(['I10', 'E11', 'J44']), annualCapFen: fen(300_000) }),
  major: fc.record({ diseases: fc.subarray(['C92', 'Q21', 'I10']), ratioPpm: ppm, annualCapFen: fen(1_000_000) }),
  delivery: fc.record({ fixedFen: fen(80_000) }),
  annualCapFen: fen(1_000_000),
});

const claimArb: fc.Arbitrary<Omit<Claim, 'id'>> = fc
  .record({
    person: fc.constantFrom('a', 'b', 'c', 'd'),
    date: fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10)),
    level: fc.constantFrom('village', 'township', 'county', 'outside'),
    kind: fc.constantFrom('outpatient', 'inpatient', 'chronic', 'delivery'),
    diagnosis: fc.constantFrom('I10', 'I10.9', 'E119', 'C92.0', 'C9', 'Q21', 'K35', 'J44.1', ''),
    referred: fc.boolean(),
    totalFen: fen(300_000),
    catalogueShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ catalogueShare, ...c }) => ({ ...c, outOfCatalogFen: Math.floor(c.totalFen * catalogueShare) }));

const claimsArb = fc.array(claimArb, { maxLength: 40 }).map((cs) => cs.map((c, i): Claim => ({ id: `c${i}`, ...c })));

const toFen = (yuan: number) => Math.round(yuan * 100);
/** The contract's matching rule, written independently of the engine's matcher. */
const listed = (codes: readonly string[], dx: string) => codes.some((c) => dx === c || (dx.startsWith(c) && /[.0-9]/.test(dx.charAt(c.length))));
const byId = (results: SettlementResult[]) => new Map(results.map((r) => [r.id, r]));

/**
 * The contract's rules written the plain way (stable sort by date, BigInt rounding, one object per person), as an
 * oracle for the engine's three-pass integer version. Gives [pay in fen, reason, capped] per claim.
 */
function reference(scheme: Scheme, claims: readonly Claim[], enrolled?: ReadonlySet<string>) {
  const round = (fen: number, ppm: number) => Number((BigInt(fen) * BigInt(ppm) * 2n + 1_000_000n) / 2_000_000n);
  const order = claims.map((_, i) => i).sort((a, b) => claims[a]!.date.localeCompare(claims[b]!.date) || a - b);
  const sums = new Map<string, { outpatient: number; chronic: number; inpatient: number; major: number }>();
  const out: [number, string | undefined, string | undefined][] = [];
  for (const i of order) {
    const c = claims[i]!;
    if (!c.date.startsWith(`${scheme.year}-`)) {
      out[i] = [0, 'not_in_scheme_year', undefined];
      continue;
    }
    if (enrolled && !enrolled.has(c.person)) {
      out[i] = [0, 'not_enrolled', undefined];
      continue;
    }
    const s = sums.get(c.person) ?? { outpatient: 0, chronic: 0, inpatient: 0, major: 0 };
    sums.set(c.person, s);
    const eligible = Math.max(0, c.totalFen - c.outOfCatalogFen);
    let pay = 0;
    let capped: string | undefined;
    const cap = (room: number, name: string) => {
      if (pay > Math.max(0, room)) [pay, capped] = [Math.max(0, room), name];
    };
    const inpatient = scheme.inpatient[c.level];
    if (c.kind === 'inpatient' && listed(scheme.major.diseases, c.diagnosis)) {
      pay = round(eligible, scheme.major.ratioPpm);
      cap(scheme.major.annualCapFen - s.major, 'majorAnnual');
      s.major += pay;
    } else if (c.kind === 'inpatient') {
      if (!inpatient) {
        out[i] = [0, 'level_not_covered', undefined];
        continue;
      }
      const unreferred = c.level === 'outside' && !c.referred ? inpatient.unreferredRatioPpm : undefined;
      pay = round(Math.max(0, eligible - inpatient.deductibleFen), unreferred ?? inpatient.ratioPpm);
      cap(scheme.annualCapFen - s.inpatient - s.chronic, 'annual');
      s.inpatient += pay;
    } else if (c.kind === 'chronic') {
      if (!listed(scheme.chronic.diseases, c.diagnosis) || !inpatient) {
        out[i] = [0, listed(scheme.chronic.diseases, c.diagnosis) ? 'level_not_covered' : 'not_chronic_disease', undefined];
        continue;
      }
      pay = round(eligible, inpatient.ratioPpm);
      cap(scheme.chronic.annualCapFen - s.chronic, 'chronicAnnual');
      cap(scheme.annualCapFen - s.inpatient - s.chronic, 'annual');
      s.chronic += pay;
    } else if (c.kind === 'outpatient') {
      const benefit = c.level === 'village' || c.level === 'township' ? scheme.outpatient[c.level] : null;
      if (!benefit) {
        out[i] = [0, 'level_not_covered', undefined];
        continue;
      }
      pay = round(eligible, benefit.ratioPpm);
      cap(benefit.perVisitCapFen, 'perVisit');
      cap(scheme.outpatient.annualCapFen - s.outpatient, 'outpatientAnnual');
      s.outpatient += pay;
    } else {
      pay = Math.min(scheme.delivery.fixedFen, c.totalFen);
    }
    out[i] = [pay, undefined, capped];
  }
  return out;
}

describe('settle: properties over random schemes and claims', () => {
  it('agrees with a plain reference implementation of the rules, claim by claim', () => {
    const someOtherYear = fc.array(fc.boolean(), { maxLength: 40 });
    fc.assert(
      fc.property(schemeArb, claimsArb, someOtherYear, fc.boolean(), (scheme, claims, moved, checkEnrolment) => {
        const mixed = claims.map((c, i) => (moved[i] ? { ...c, date: c.date.replace('2025', '2026') } : c));
        const enrolled = checkEnrolment ? new Set(['a', 'b', 'c']) : undefined;
        const engine = settle(scheme, mixed, { enrolled }).map((r) => [toFen(r.pay), r.reason, r.capped]);
        expect(engine).toEqual(reference(scheme, mixed, enrolled));
      }),
      { numRuns: 300 },
    );
  });

  it('never pays below 0 or above eligible (delivery: above min(fixed, total)); selfPay = total − pay', () => {
    fc.assert(
      fc.property(schemeArb, claimsArb, (scheme, claims) => {
        settle(scheme, claims).forEach((r, i) => {
          const c = claims[i]!;
          const pay = toFen(r.pay);
          expect(pay).toBeGreaterThanOrEqual(0);
          expect(toFen(r.eligible)).toBe(Math.max(0, c.totalFen - c.outOfCatalogFen));
          expect(pay).toBeLessThanOrEqual(c.kind === 'delivery' ? Math.min(scheme.delivery.fixedFen, c.totalFen) : toFen(r.eligible));
          expect(toFen(r.selfPay)).toBe(c.totalFen - pay);
          if (r.status === 'rejected') expect(pay).toBe(0);
        });
      }),
    );
  });

  it('never lets a person exceed any cap over the year', () => {
    fc.assert(
      fc.property(schemeArb, claimsArb, (scheme, claims) => {
        const sums = new Map<string, { outpatient: number; chronic: number; inpatient: number; major: number }>();
        settle(scheme, claims).forEach((r, i) => {
          const c = claims[i]!;
          const s = sums.get(c.person) ?? { outpatient: 0, chronic: 0, inpatient: 0, major: 0 };
          sums.set(c.person, s);
          const pay = toFen(r.pay);
          if (c.kind === 'outpatient') s.outpatient += pay;
          else if (c.kind === 'chronic') s.chronic += pay;
          else if (c.kind === 'inpatient') s[listed(scheme.major.diseases, c.diagnosis) ? 'major' : 'inpatient'] += pay;
        });
        for (const s of sums.values()) {
          expect(s.outpatient).toBeLessThanOrEqual(scheme.outpatient.annualCapFen);
          expect(s.chronic).toBeLessThanOrEqual(scheme.chronic.annualCapFen);
          expect(s.inpatient + s.chronic).toBeLessThanOrEqual(scheme.annualCapFen);
          expect(s.major).toBeLessThanOrEqual(scheme.major.annualCapFen);
        }
      }),
    );
  });

  it('gives every person the same results whether or not other persons are interleaved', () => {
    fc.assert(
      fc.property(schemeArb, claimsArb, (scheme, claims) => {
        const together = byId(settle(scheme, claims));
        for (const person of new Set(claims.map((c) => c.person))) {
          for (const alone of settle(scheme, claims.filter((c) => c.person === person))) expect(alone).toEqual(together.get(alone.id));
        }
      }),
    );
  });

  it('depends only on each person’s date order: reordering the input by date changes no result', () => {
    fc.assert(
      fc.property(schemeArb, claimsArb, (scheme, claims) => {
        const sorted = [...claims].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
        expect(byId(settle(scheme, sorted))).toEqual(byId(settle(scheme, claims)));
      }),
    );
  });

  it('changes nothing for the other claims when rejected claims are added anywhere', () => {
    const rejectedArb = fc.oneof(
      claimArb.map((c): ClaimEntry => ({ ...c, id: '', date: '2024-06-30' })), // not_in_scheme_year
      claimArb.map((c): ClaimEntry => ({ ...c, id: '', person: 'not-enrolled' })), // not_enrolled
      fc.constant<InvalidClaim>({ id: null, problems: [{ fault: 'bad_total', field: 'total', message: 'total：总费用不能为负数' }] }),
    );
    fc.assert(
      fc.property(schemeArb, claimsArb, fc.array(fc.tuple(fc.nat(), rejectedArb), { maxLength: 10 }), (scheme, claims, extras) => {
        const enrolled = new Set(['a', 'b', 'c', 'd']);
        const mixed: ClaimEntry[] = [...claims];
        extras.forEach(([at, extra], k) => mixed.splice(at % (mixed.length + 1), 0, 'problems' in extra ? extra : { ...extra, id: `x${k}` }));
        const results = settle(scheme, mixed, { enrolled });
        const extraResults = results.filter((r) => r.id === null || r.id.startsWith('x'));
        expect(extraResults.every((r) => r.status === 'rejected' && r.pay === 0)).toBe(true);
        expect(results.filter((r) => r.id !== null && r.id.startsWith('c'))).toEqual(settle(scheme, claims, { enrolled }));
      }),
    );
  });
});
