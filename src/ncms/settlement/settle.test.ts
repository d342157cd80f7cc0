import { beforeEach, describe, expect, it } from 'vitest';
import { parseScheme } from '../scheme/parse-scheme.ts';
import type { Scheme } from '../scheme/types.ts';
import { exampleSchemeDocument } from '../testing/example-scheme.ts';
import { isInvalid, parseClaim, type Claim, type ClaimEntry } from './claim.ts';
import { formatResultLine } from './result.ts';
import { settle, settleClaim } from './settle.ts';
import { emptyYearToDate, type PersonYearToDate } from './year-to-date.ts';

function schemeFrom(change: (doc: any) => void = () => {}): Scheme {
  const doc = exampleSchemeDocument();
  change(doc);
  const parsed = parseScheme(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scheme;
}
const scheme = schemeFrom();

let seq = 0;
beforeEach(() => {
  seq = 0;
});
/** A valid claim of person p on 2025-03-01 at county level unless overridden (money in yuan as in JSONL). */
function claim(fields: Record<string, unknown>): Claim {
  const entry = parseClaim({ id: `c${++seq}`, person: 'p', date: '2025-03-01', level: 'county', kind: 'inpatient', diagnosis: 'K35', total: 0, ...fields });
  if (isInvalid(entry)) throw new Error(JSON.stringify(entry.problems));
  return entry;
}
/** [pay, capped or status/reason] per claim, for compact expectations. */
const outcome = (claims: ClaimEntry[], options = {}, s = scheme) =>
  settle(s, claims, options).map((r) => (r.status === 'rejected' ? [r.pay, r.reason] : r.capped ? [r.pay, r.capped] : [r.pay]));

const withSaved = (sums: Partial<PersonYearToDate>) => ({ yearToDate: new Map([['p', { ...emptyYearToDate('p', 2025), ...sums }]]) });

describe('settle: the worked example of the contract', () => {
  it('pays 6 450.00, 15.00 capped perVisit and 8 550.00', () => {
    const claims = [
      claim({ level: 'county', kind: 'inpatient', total: 10000, outOfCatalog: 1000 }),
      claim({ level: 'village', kind: 'outpatient', diagnosis: 'J06', total: 40, outOfCatalog: 0 }),
      claim({ level: 'outside', kind: 'inpatient', referred: false, total: 20000, outOfCatalog: 0 }),
    ];
    const results = settle(scheme, claims);
    expect(results).toEqual([
      { id: 'c1', status: 'paid', eligible: 9000, pay: 6450, selfPay: 3550 },
      { id: 'c2', status: 'paid', eligible: 40, pay: 15, selfPay: 25, capped: 'perVisit' },
      { id: 'c3', status: 'paid', eligible: 20000, pay: 8550, selfPay: 11450 },
    ]);
    expect(results.map(formatResultLine)).toEqual([
      '{"id":"c1","status":"paid","eligible":9000.00,"pay":6450.00,"selfPay":3550.00}',
      '{"id":"c2","status":"paid","eligible":40.00,"pay":15.00,"selfPay":25.00,"capped":"perVisit"}',
      '{"id":"c3","status":"paid","eligible":20000.00,"pay":8550.00,"selfPay":11450.00}',
    ]);
  });
});

describe('rule 1: eligible = total − outOfCatalog, never below 0', () => {
  it('floors a typed claim whose out-of-catalogue part exceeds the total', () => {
    const typed: Claim = { ...claim({ kind: 'chronic', diagnosis: 'I10', total: 10 }), outOfCatalogFen: 5000 };
    expect(settle(scheme, [typed])[0]).toMatchObject({ eligible: 0, pay: 0, selfPay: 10 });
  });
});

describe('rule 2: major diseases', () => {
  it('pays 70 % of eligible up to the major cap, counted toward no other cap, at any level', () => {
    const results = settle(scheme, [
      claim({ diagnosis: 'C92.0', total: 100000 }), // 70 000
      claim({ diagnosis: 'Q21', total: 200000, outOfCatalog: 0 }), // 140 000 → room 110 000
      claim({ diagnosis: 'C921', total: 100 }), // room 0
      claim({ diagnosis: 'K35', total: 200400 }), // ordinary: (200 400 − 400) × 0.75 = 150 000, the full annual cap
      claim({ level: 'village', diagnosis: 'Q21.1', total: 10, person: 'q' }), // village has no inpatient entry: major still pays
    ]);
    expect(results.map((r) => [r.pay, r.capped])).toEqual([
      [70000, undefined],
      [110000, 'majorAnnual'],
      [0, 'majorAnnual'],
      [150000, undefined],
      [7, undefined],
    ]);
  });

  it('matches an entry, or the entry followed by "." or a digit, and nothing else', () => {
    const codes = ['C92', 'C92.0', 'C921', 'C9', 'C92A', 'C93', 'c92', 'XC92'];
    const paid = codes.map((diagnosis) => settle(scheme, [claim({ level: 'township', diagnosis, total: 1000 })])[0]!.pay);
    // major: 1 000 × 0.7 = 700; ordinary township: (1 000 − 100) × 0.85 = 765
    expect(paid).toEqual([700, 700, 700, 765, 765, 765, 765, 765]);
  });
});

describe('rule 3: ordinary inpatient', () => {
  it('rejects a level without an entry', () => {
    expect(outcome([claim({ level: 'village', total: 500 })])).toEqual([[0, 'level_not_covered']]);
  });

  it('applies the deductible and the level ratio, pays 0 below the deductible', () => {
    expect(outcome([claim({ level: 'township', total: 1100 }), claim({ level: 'county', total: 300 })], {}, scheme)).toEqual([[850], [0]]);
  });

  it('uses the unreferred ratio only out of county without referral, and only when the scheme sets one', () => {
    const noUnreferred = schemeFrom((d) => delete d.inpatient.outside.unreferredRatio);
    const out = (s: Scheme, referred: boolean) => settle(s, [claim({ level: 'outside', referred, total: 20000 })])[0]!.pay;
    expect([out(scheme, true), out(scheme, false), out(noUnreferred, false)]).toEqual([11400, 8550, 11400]);
  });

  it('caps inpatient + chronic at the annual cap', () => {
    expect(
      outcome([
        claim({ kind: 'chronic', diagnosis: 'I10', level: 'county', total: 400 }), // 300 chronic
        claim({ total: 200000 }), // (200 000 − 400) × 0.75 = 149 700 → room 149 700
        claim({ total: 1400 }), // 750 → room 0
      ]),
    ).toEqual([[300], [149700], [0, 'annual']]);
  });
});

describe('rule 4: special chronic diseases', () => {
  it('pays the same-level inpatient ratio without deductible; the outside level uses its ratio, not the unreferred one', () => {
    expect(
      outcome([
        claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 1000 }),
        claim({ kind: 'chronic', diagnosis: 'E11.9', level: 'county', total: 1000 }),
        claim({ kind: 'chronic', diagnosis: 'E11', level: 'outside', referred: false, total: 100 }),
      ]),
    ).toEqual([[850], [750], [60]]);
  });

  it('rejects a disease not on the list before looking at the level, and a level without inpatient entry', () => {
    expect(
      outcome([
        claim({ kind: 'chronic', diagnosis: 'K35', level: 'village', total: 100 }),
        claim({ kind: 'chronic', diagnosis: 'I10', level: 'village', total: 100 }),
      ]),
    ).toEqual([
      [0, 'not_chronic_disease'],
      [0, 'level_not_covered'],
    ]);
  });

  it('caps at the chronic cap, then at the annual cap; capped names the last cap that lowered the pay', () => {
    expect(
      outcome([
        claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 11000 }), // 9 350
        claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 1000 }), // 850 → room 650
      ]),
    ).toEqual([[9350], [650, 'chronicAnnual']]);
    // chronic room 100, annual room 50: both lower 850, the annual cap last
    const both = withSaved({ chronicFen: 990000, inpatientFen: 15000000 - 990000 - 5000 });
    expect(outcome([claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 1000 })], both)).toEqual([[50, 'annual']]);
    // chronic room 100 lowers, annual room 500 does not
    const chronicOnly = withSaved({ chronicFen: 990000, inpatientFen: 15000000 - 990000 - 50000 });
    expect(outcome([claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 1000 })], chronicOnly)).toEqual([[100, 'chronicAnnual']]);
  });
});

describe('rule 5: outpatient pooling', () => {
  it('pays the village and township ratio up to the per-visit cap; other levels are not covered', () => {
    expect(
      outcome([
        claim({ kind: 'outpatient', level: 'township', total: 50 }),
        claim({ kind: 'outpatient', level: 'township', total: 60 }),
        claim({ kind: 'outpatient', level: 'county', total: 50 }),
        claim({ kind: 'outpatient', level: 'outside', total: 50 }),
      ]),
    ).toEqual([[25], [30], [0, 'level_not_covered'], [0, 'level_not_covered']]);
    const villageOnly = schemeFrom((d) => delete d.outpatient.township);
    expect(outcome([claim({ kind: 'outpatient', level: 'township', total: 50 })], {}, villageOnly)).toEqual([[0, 'level_not_covered']]);
  });

  it('caps the year at the outpatient annual cap', () => {
    const visits = Array.from({ length: 8 }, () => claim({ kind: 'outpatient', level: 'township', total: 100 })); // 50 → 30 per visit
    expect(outcome(visits)).toEqual([
      ...Array.from({ length: 6 }, () => [30, 'perVisit']),
      [20, 'outpatientAnnual'],
      [0, 'outpatientAnnual'],
    ]);
  });
});

describe('rule 6: hospital delivery', () => {
  it('pays the fixed subsidy or the total if lower, whatever the catalogue and the level', () => {
    expect(
      outcome([
        claim({ kind: 'delivery', level: 'village', total: 3000, outOfCatalog: 2900 }),
        claim({ kind: 'delivery', level: 'township', total: 320.5 }),
      ]),
    ).toEqual([[500], [320.5]]);
    expect(settle(scheme, [claim({ kind: 'delivery', total: 3000, outOfCatalog: 2900 })])[0]).toMatchObject({ eligible: 100, pay: 500, selfPay: 2500 });
  });
});

describe('rule 7: rounding half up to the fen; caps never go negative', () => {
  it('rounds .5 fen up on every ratio', () => {
    const pay = (fields: Record<string, unknown>) => settle(scheme, [claim(fields)])[0]!.pay;
    expect(pay({ level: 'county', total: 400.02 })).toBe(0.02); // 2 fen × 0.75 = 1.5
    expect(pay({ level: 'county', total: 400.06 })).toBe(0.05); // 4.5
    expect(pay({ level: 'county', total: 400.01 })).toBe(0.01); // 0.75
    expect(pay({ level: 'township', total: 100.1 })).toBe(0.09); // 8.5
    expect(pay({ level: 'outside', total: 1000.1 })).toBe(0.05); // 10 × 0.45 = 4.5
    expect(pay({ level: 'outside', total: 1000.01 })).toBe(0); // 0.45
    expect(pay({ kind: 'outpatient', level: 'village', total: 0.01 })).toBe(0.01); // 0.5
    expect(pay({ kind: 'outpatient', level: 'village', total: 0.03 })).toBe(0.02); // 1.5
    expect(pay({ diagnosis: 'C92', total: 0.05 })).toBe(0.04); // 3.5
  });

  it('stays exact when fen × ratio leaves the safe-integer range', () => {
    const rich = schemeFrom((d) => (d.annualCap = 1e12));
    // (1 000 000 000 001 − 40 000) fen × 0.75 = 749 999 970 000.75 fen → 749 999 970 001
    expect(settle(rich, [claim({ total: '10000000000.01' })])[0]).toMatchObject({ pay: 7499999700.01, selfPay: 2500000300 });
  });

  it('pays 0 (not less) when saved sums already exceed a cap', () => {
    const over = withSaved({ outpatientFen: 25000 });
    expect(settle(scheme, [claim({ kind: 'outpatient', level: 'village', total: 10 })], over)[0]).toMatchObject({
      pay: 0,
      selfPay: 10,
      capped: 'outpatientAnnual',
    });
  });
});

describe('rule 8 and ordering', () => {
  it('rejects claims outside the scheme year and persons not enrolled, without touching any sum', () => {
    const enrolled = new Set(['p']);
    const results = settle(
      scheme,
      [
        claim({ kind: 'outpatient', level: 'village', total: 400, date: '2024-12-31' }),
        claim({ kind: 'outpatient', level: 'village', total: 400, person: 'stranger' }),
        claim({ kind: 'outpatient', level: 'village', total: 40, outOfCatalog: 10 }),
      ],
      { enrolled },
    );
    expect(results).toEqual([
      { id: 'c1', status: 'rejected', reason: 'not_in_scheme_year', eligible: 400, pay: 0, selfPay: 400 },
      { id: 'c2', status: 'rejected', reason: 'not_enrolled', eligible: 400, pay: 0, selfPay: 400 },
      { id: 'c3', status: 'paid', eligible: 30, pay: 15, selfPay: 25, capped: undefined },
    ]);
  });

  it('settles each person in date order, then input order, and answers in input order', () => {
    const saved = withSaved({ outpatientFen: 18000 }); // 20 left
    const results = settle(scheme, [
      claim({ kind: 'outpatient', level: 'village', total: 40, date: '2025-06-01' }), // settled last: 5
      claim({ kind: 'outpatient', level: 'village', total: 40, date: '2025-01-15' }), // first: 15
      claim({ kind: 'outpatient', level: 'village', total: 40, date: '2025-06-01', person: 'other' }), // own sums: 15
      claim({ kind: 'outpatient', level: 'village', total: 40, date: '2025-06-01' }), // same day, later in input: 0
    ], saved);
    expect(results.map((r) => [r.id, r.pay, r.capped])).toEqual([
      ['c1', 5, 'outpatientAnnual'],
      ['c2', 15, 'perVisit'],
      ['c3', 15, 'perVisit'],
      ['c4', 0, 'outpatientAnnual'],
    ]);
  });

  it('answers an invalid claim with invalid_claim, its fault and Chinese message, and zero money', () => {
    const bad = parseClaim({ id: 'x1', person: 'p', date: '2025-13-01', level: 'county', kind: 'inpatient', total: 10 });
    expect(settle(scheme, [bad])[0]).toEqual({
      id: 'x1',
      status: 'rejected',
      reason: 'invalid_claim',
      fault: 'bad_date',
      message: 'date：就诊日期应为 YYYY-MM-DD 格式的有效日期，收到 「2025-13-01」',
      eligible: 0,
      pay: 0,
      selfPay: 0,
    });
  });

  it('ignores saved sums of another year and never changes the map it was given', () => {
    const saved = new Map([['p', { ...emptyYearToDate('p', 2024), outpatientFen: 20000 }]]);
    expect(outcome([claim({ kind: 'outpatient', level: 'village', total: 20 })], { yearToDate: saved })).toEqual([[10]]);
    const current = withSaved({ outpatientFen: 100 });
    settle(scheme, [claim({ kind: 'outpatient', level: 'village', total: 20 })], current);
    expect(current.yearToDate.get('p')!.outpatientFen).toBe(100);
  });
});

describe('settleClaim (settlement at discharge)', () => {
  it('gives the same results as a batch when its returned state is saved between claims', () => {
    const claims = [
      claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 11000 }),
      claim({ kind: 'chronic', diagnosis: 'I10', level: 'township', total: 1000 }),
      claim({ kind: 'outpatient', level: 'village', total: 40 }),
      claim({ diagnosis: 'C92', total: 300000 }),
      claim({ level: 'village', total: 10 }),
    ];
    let state: PersonYearToDate | undefined;
    const oneByOne = claims.map((c) => {
      const before = state && { ...state };
      const { result, yearToDate } = settleClaim(scheme, c, state);
      if (before) expect(state).toEqual(before); // the saved state handed in is not modified
      state = yearToDate;
      return result;
    });
    expect(oneByOne).toEqual(settle(scheme, claims));
    expect(state).toEqual({ person: 'p', year: 2025, outpatientFen: 1500, chronicFen: 1000000, inpatientFen: 0, majorFen: 18000000 });
  });

  it('refuses a state that belongs to someone else', () => {
    expect(() => settleClaim(scheme, claim({ total: 1 }), emptyYearToDate('q', 2025))).toThrow();
  });
});
