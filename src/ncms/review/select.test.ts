import { describe, expect, it } from 'vitest';
import { parseReviewRules, type ReviewRulesDocument } from './rules-document.ts';
import { selectForReview, type DiagnosisAverage, type ReviewCandidate } from './select.ts';

const OFF: ReviewRulesDocument = { amount: null, sample: null, stay: null, diagnosisCost: null };
const compile = (doc: Partial<ReviewRulesDocument>) => {
  const parsed = parseReviewRules({ ...OFF, ...doc });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.rules;
};
let nextId = 1;
const claim = (over: Partial<ReviewCandidate> = {}): ReviewCandidate => ({
  claimId: nextId++,
  institutionId: 1,
  kind: 'inpatient',
  level: 'county',
  admittedOn: '2026-03-01',
  dischargedOn: '2026-03-08',
  diagnosis: 'K35.902',
  totalFen: 800_000,
  ...over,
});
const rulesOf = (claims: ReviewCandidate[], doc: Partial<ReviewRulesDocument>, averages: DiagnosisAverage[] = []) =>
  selectForReview(claims, averages, compile(doc)).map((s) => [s.claimId, s.reasons.map((r) => r.rule)]);

describe('review rules, one at a time', () => {
  it('amount: the level line wins over the kind line; only strictly above', () => {
    const a = claim({ totalFen: 3_000_000 }); // exactly the county line: not above
    const b = claim({ totalFen: 3_000_001 });
    const c = claim({ level: 'township', totalFen: 1_500_000 }); // above the kind line of 10 000
    const d = claim({ kind: 'chronic', totalFen: 9_000_000 }); // no line for chronic
    const doc = { amount: [{ kind: 'inpatient' as const, level: 'county' as const, above: 30000 }, { kind: 'inpatient' as const, above: '10000' }] };
    expect(rulesOf([a, b, c, d], doc)).toEqual([[b.claimId, ['amount']], [c.claimId, ['amount']]]);
    expect(selectForReview([b], [], compile(doc))[0]!.reasons[0]!.message).toBe('总费用 30000.01 元，超过县级住院大额审核线 30000.00 元');
  });

  it('stay: admissions longer than N days, never visits', () => {
    const long = claim({ admittedOn: '2026-03-01', dischargedOn: '2026-03-22' }); // 21 days
    const exact = claim({ admittedOn: '2026-03-01', dischargedOn: '2026-03-21' }); // 20 days
    const chronic = claim({ kind: 'chronic', admittedOn: '2026-01-01', dischargedOn: '2026-03-01' });
    expect(rulesOf([long, exact, chronic], { stay: { aboveDays: 20 } })).toEqual([[long.claimId, ['stay']]]);
  });

  it('diagnosis cost: above k × last year average of the same category and level, when enough cases', () => {
    const averages: DiagnosisAverage[] = [
      { kind: 'inpatient', level: 'county', category: 'K35', cases: 12, averageFen: 500_000 },
      { kind: 'inpatient', level: 'county', category: 'J18', cases: 3, averageFen: 100_000 }, // too few cases
    ];
    const high = claim({ diagnosis: 'K35.902', totalFen: 1_500_001 });
    const atLine = claim({ diagnosis: 'K35.1', totalFen: 1_500_000 });
    const fewCases = claim({ diagnosis: 'J18.9', totalFen: 9_000_000 });
    const otherLevel = claim({ diagnosis: 'K35', level: 'township', totalFen: 9_000_000 });
    const selected = selectForReview([high, atLine, fewCases, otherLevel], averages, compile({ diagnosisCost: { factor: 3, minCases: 10, kinds: ['inpatient'] } }));
    expect(selected.map((s) => s.claimId)).toEqual([high.claimId]);
    expect(selected[0]!.reasons[0]!.message).toContain('上年全县县级住院同病种（K35，12 例）平均 5000.00 元的 3.0 倍，超过 3 倍');
  });

  it('a claim meeting several rules is selected once with every reason, in rule order', () => {
    const c = claim({ totalFen: 5_000_000, admittedOn: '2026-02-01', dischargedOn: '2026-03-10' });
    expect(rulesOf([c], { amount: [{ kind: 'inpatient', above: 10000 }], stay: { aboveDays: 30 } })).toEqual([[c.claimId, ['amount', 'stay']]]);
  });
});

describe('random share per institution', () => {
  const month = [
    ...Array.from({ length: 40 }, () => claim({ institutionId: 1 })),
    ...Array.from({ length: 3 }, () => claim({ institutionId: 2 })),
    ...Array.from({ length: 10 }, () => claim({ institutionId: 1, kind: 'outpatient', level: 'village' })),
  ];
  const doc = (seed: string) => ({ sample: { seed, shares: [{ kind: 'inpatient' as const, share: 0.05 }] } });
  const picked = (seed: string, claims = month) => selectForReview(claims, [], compile(doc(seed))).map((s) => s.claimId);

  it('takes ⌈n × share⌉ of each institution (at least one), only of the kinds listed', () => {
    const ids = picked('2026-审核');
    const institutionOf = new Map(month.map((c) => [c.claimId, c]));
    expect(ids.filter((id) => institutionOf.get(id)!.institutionId === 1)).toHaveLength(2);
    expect(ids.filter((id) => institutionOf.get(id)!.institutionId === 2)).toHaveLength(1);
    expect(ids.every((id) => institutionOf.get(id)!.kind === 'inpatient')).toBe(true);
  });

  it('is deterministic: the same seed picks the same claims whatever the input order; another seed others', () => {
    const first = picked('2026-审核');
    expect(picked('2026-审核', [...month].reverse()).sort()).toEqual([...first].sort());
    const others = ['a', 'b', 'c', 'd'].map((s) => picked(s).join());
    expect(others.some((o) => o !== first.join())).toBe(true);
  });
});

describe('rules document', () => {
  it('names every problem in Chinese with its field', () => {
    const parsed = parseReviewRules({
      amount: [{ kind: 'inpatient', above: -1 }, { kind: 'surgery', above: 100 }],
      sample: { seed: '', shares: [{ kind: 'inpatient', share: 1.5 }] },
      stay: { aboveDays: 0 },
      diagnosisCost: null,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byField = Object.fromEntries(parsed.problems.map((p) => [p.field, p.message]));
    expect(byField).toMatchObject({
      'amount.0.above': '金额应为大于 0 的数字（元），最多两位小数',
      'amount.1.kind': expect.stringContaining('就诊类别应为'),
      'sample.seed': expect.stringContaining('请填写随机种子'),
      'sample.shares.0.share': expect.stringContaining('抽查比例应大于 0'),
      'stay.aboveDays': '住院天数至少为 1',
    });
  });

  it('refuses two lines for the same kind and level, and unknown keys', () => {
    const twice = parseReviewRules({ ...OFF, amount: [{ kind: 'inpatient', above: 1 }, { kind: 'inpatient', level: null, above: 2 }] });
    expect(twice.ok ? [] : twice.problems.map((p) => p.field)).toEqual(['amount.1']);
    const typo = parseReviewRules({ ...OFF, stays: { aboveDays: 3 } });
    expect(typo.ok ? [] : typo.problems).toEqual([{ field: '', message: '不认识的项「stays」，请检查拼写' }]);
    const missing = parseReviewRules({ amount: null, sample: null, stay: null });
    expect(missing.ok ? [] : missing.problems).toEqual([{ field: 'diagnosisCost', message: '缺少此项（不用的规则写 null）' }]);
  });
});
