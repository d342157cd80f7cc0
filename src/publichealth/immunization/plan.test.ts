import { describe, expect, it } from 'vitest';
import { plan } from './plan.ts';
import type { GivenDose, PlannedDose } from './types.ts';
import { PlanInputError } from './validate-input.ts';

/** The planned dose of a product and dose number (the followed alternative first, as the plan lists it). */
function dose(doses: PlannedDose[], vaccine: string, n: number): PlannedDose {
  const found = doses.find((d) => d.vaccine === vaccine && d.dose === n);
  if (!found) throw new Error(`no ${vaccine} ${n} in the plan`);
  return found;
}

const given = (vaccine: string, n: number, date: string): GivenDose => ({ vaccine, dose: n, date });

function problemsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (e) {
    if (e instanceof PlanInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a PlanInputError');
}

describe('plan: newborn and the 2025 DTaP change', () => {
  it('a newborn on day 0 is due HepB 1 and BCG (no PPD), everything else later', () => {
    const { doses } = plan('2025-03-01', [], '2025-03-01');
    expect(dose(doses, 'HepB', 1)).toMatchObject({ status: 'due', dueDate: '2025-03-01', earliest: '2025-03-01' });
    expect(dose(doses, 'BCG', 1)).toMatchObject({ status: 'due', earliest: '2025-03-01' });
    expect(dose(doses, 'BCG', 1)).not.toHaveProperty('note');
    expect(dose(doses, 'HepB', 2)).toMatchObject({ status: 'not_yet_due', dueDate: '2025-04-01', earliest: '2025-04-01' });
    const due = doses.filter((d) => d.status === 'due' || d.status === 'overdue').map((d) => d.vaccine);
    expect(due).toEqual(['HepB', 'BCG']);
    // Alternatives not followed (JE-I, HepA-I) are listed as not to give; every other dose is not yet due.
    expect(doses.filter((d) => d.status === 'not_to_give').map((d) => d.vaccine)).toEqual(['JE-I', 'JE-I', 'JE-I', 'JE-I', 'HepA-I', 'HepA-I']);
  });

  it('HepB 1 is overdue from day 2 (within 24 h, counted in dates as the birth day or the next)', () => {
    expect(dose(plan('2025-03-01', [], '2025-03-02').doses, 'HepB', 1).status).toBe('due');
    expect(dose(plan('2025-03-01', [], '2025-03-03').doses, 'HepB', 1).status).toBe('overdue');
  });

  it('a 2-month-old born 2024-06-01 follows the 2021 edition: DTaP 1 at 3 months', () => {
    const { doses } = plan('2024-06-01', [], '2024-08-01');
    expect(dose(doses, 'DTaP', 1)).toMatchObject({ status: 'not_yet_due', dueDate: '2024-09-01', schedule: 'nip-2021' });
    expect(dose(doses, 'IPV', 1)).toMatchObject({ status: 'due', dueDate: '2024-08-01', earliest: '2024-08-01' });
  });

  it('a 2-month-old born 2025-03-01 follows the 2025 change: DTaP 1 at 2 months', () => {
    const { doses } = plan('2025-03-01', [], '2025-05-01');
    expect(dose(doses, 'DTaP', 1)).toMatchObject({ status: 'due', dueDate: '2025-05-01', earliest: '2025-05-01', schedule: 'nip-2025-dtap' });
    expect(dose(doses, 'DTaP', 3)).toMatchObject({ dueDate: '2025-09-01' });
    expect(dose(doses, 'DTaP', 5)).toMatchObject({ status: 'not_yet_due', dueDate: '2031-03-01' });
    expect(doses.some((d) => d.vaccine === 'DT')).toBe(false);
  });

  it('a dose falling due after 2025-01-01 moves to the new schedule but is never due before the change', () => {
    // Born 2024-10-15: DTaP 1 would be due 2025-01-15 under 2021, so the 2025 timing (2 months = 2024-12-15) applies from 2025-01-01.
    const before = plan('2024-10-15', [], '2024-12-20').doses;
    expect(dose(before, 'DTaP', 1)).toMatchObject({ status: 'not_yet_due', dueDate: '2025-01-01', earliest: '2025-01-01', schedule: 'nip-2025-dtap' });
    expect(dose(plan('2024-10-15', [], '2025-01-01').doses, 'DTaP', 1).status).toBe('due');
    // Born 2024-09-10: DTaP 1 was due 2024-12-10 under 2021 and keeps it; DTaP 2 falls due after the change (4 months either way).
    const straddling = plan('2024-09-10', [given('DTaP', 1, '2024-12-10')], '2025-01-20').doses;
    expect(dose(straddling, 'DTaP', 1)).toMatchObject({ status: 'done', timely: true, schedule: 'nip-2021' });
    expect(dose(straddling, 'DTaP', 2)).toMatchObject({ schedule: 'nip-2025-dtap', dueDate: '2025-01-10', earliest: '2025-01-20' });
    // DTaP 3 at 6 months under 2025 (5 months under 2021).
    expect(dose(straddling, 'DTaP', 3)).toMatchObject({ dueDate: '2025-03-10' });
  });

  it('the 6-year dose is DT for a child who turned 6 before 2025 and DTaP after', () => {
    const early = plan('2018-06-01', [], '2025-01-01').doses;
    expect(dose(early, 'DT', 1)).toMatchObject({ seriesDose: 5, schedule: 'nip-2021', dueDate: '2024-06-01' });
    const late = plan('2019-06-01', [], '2025-01-01').doses;
    expect(dose(late, 'DTaP', 5)).toMatchObject({ seriesDose: 5, schedule: 'nip-2025-dtap', dueDate: '2025-06-01' });
    expect(late.some((d) => d.vaccine === 'DT')).toBe(false);
  });

  it('a DT dose given for catch-up still counts as the 5th dose under the 2025 schedule', () => {
    const history = [
      given('DTaP', 1, '2019-09-01'),
      given('DTaP', 2, '2019-10-01'),
      given('DTaP', 3, '2019-11-01'),
      given('DTaP', 4, '2020-12-01'),
      given('DT', 1, '2025-07-01'),
    ];
    const doses = plan('2019-06-01', history, '2025-08-01').doses.filter((d) => d.series === 'DTP');
    expect(doses.map((d) => [d.vaccine, d.dose, d.status])).toEqual([
      ['DTaP', 1, 'done'],
      ['DTaP', 2, 'done'],
      ['DTaP', 3, 'done'],
      ['DTaP', 4, 'done'],
      ['DT', 1, 'done'],
    ]);
  });
});

describe('plan: complete and incomplete histories', () => {
  it('a child with every dose on time has everything done and timely', () => {
    const history = [
      given('HepB', 1, '2018-01-15'),
      given('BCG', 1, '2018-01-15'),
      given('HepB', 2, '2018-02-15'),
      given('IPV', 1, '2018-03-15'),
      given('IPV', 2, '2018-04-15'),
      given('DTaP', 1, '2018-04-15'),
      given('bOPV', 1, '2018-05-15'),
      given('DTaP', 2, '2018-05-15'),
      given('DTaP', 3, '2018-06-15'),
      given('HepB', 3, '2018-07-15'),
      given('MPSV-A', 1, '2018-07-15'),
      given('MMR', 1, '2018-09-15'),
      given('JE-L', 1, '2018-09-15'),
      given('MPSV-A', 2, '2018-10-15'),
      given('DTaP', 4, '2019-07-15'),
      given('MMR', 2, '2019-07-15'),
      given('HepA-L', 1, '2019-07-15'),
      given('JE-L', 2, '2020-01-15'),
      given('MPSV-AC', 1, '2021-01-15'),
      given('bOPV', 2, '2022-01-15'),
      given('DT', 1, '2024-01-15'),
      given('MPSV-AC', 2, '2024-01-15'),
    ];
    const { doses } = plan('2018-01-15', history, '2025-01-01');
    const followed = doses.filter((d) => !(d.status === 'not_to_give' && d.reason === 'replaced'));
    expect(followed).toHaveLength(history.length);
    for (const d of followed) expect(d, `${d.vaccine} ${d.dose}`).toMatchObject({ status: 'done', timely: true });
    expect(dose(doses, 'JE-I', 1)).toMatchObject({ status: 'not_to_give', reason: 'replaced' });
  });

  it('a dose given after its timely limit is done but not timely', () => {
    const { doses } = plan('2023-01-01', [given('BCG', 1, '2023-04-01'), given('HepB', 1, '2023-01-02')], '2023-05-01');
    expect(dose(doses, 'BCG', 1)).toMatchObject({ status: 'done', date: '2023-04-01', timely: false });
    expect(dose(doses, 'HepB', 1)).toMatchObject({ status: 'done', timely: true });
  });

  const upTo24Months = [
    given('HepB', 1, '2023-01-10'),
    given('BCG', 1, '2023-01-10'),
    given('HepB', 2, '2023-02-10'),
    given('IPV', 1, '2023-03-10'),
    given('IPV', 2, '2023-04-10'),
    given('DTaP', 1, '2023-04-10'),
    given('bOPV', 1, '2023-05-10'),
    given('DTaP', 2, '2023-05-10'),
    given('DTaP', 3, '2023-06-10'),
    given('HepB', 3, '2023-07-10'),
    given('MPSV-A', 1, '2023-07-10'),
    given('MMR', 1, '2023-09-10'),
    given('JE-L', 1, '2023-09-10'),
    given('MPSV-A', 2, '2023-10-10'),
    given('HepA-L', 1, '2024-07-10'),
  ];

  it('a 2-year-old who missed MMR 2 and DTaP 4: both overdue, to give today', () => {
    const { doses } = plan('2023-01-10', upTo24Months, '2025-02-10');
    expect(dose(doses, 'MMR', 2)).toMatchObject({ status: 'overdue', dueDate: '2024-07-10', earliest: '2025-02-10' });
    expect(dose(doses, 'DTaP', 4)).toMatchObject({ status: 'overdue', dueDate: '2024-07-10', earliest: '2025-02-10', schedule: 'nip-2021' });
    // JE-L 2 fell due at 2 years and is still timely (< 3 years); same day as MMR 2 is allowed.
    expect(dose(doses, 'JE-L', 2)).toMatchObject({ status: 'due', dueDate: '2025-01-10', earliest: '2025-02-10' });
    expect(doses.filter((d) => d.status === 'overdue').map((d) => d.vaccine)).toEqual(['DTaP', 'MMR']);
  });

  it('a missed DTaP 4 waits 6 months after a late DTaP 3 (never restarts the series)', () => {
    const history = upTo24Months.map((g) => (g.vaccine === 'DTaP' && g.dose === 3 ? given('DTaP', 3, '2024-12-01') : g));
    const { doses } = plan('2023-01-10', history, '2025-02-10');
    expect(dose(doses, 'DTaP', 3)).toMatchObject({ status: 'done', timely: false });
    expect(dose(doses, 'DTaP', 4)).toMatchObject({ status: 'overdue', earliest: '2025-06-01' });
    expect(doses.filter((d) => d.series === 'DTP')).toHaveLength(5);
  });
});

describe('plan: catch-up rules', () => {
  it('MMR given 10 days ago: JE-L waits until 28 days after it', () => {
    const history = [given('MMR', 1, '2024-09-05'), given('IPV', 1, '2024-03-05'), given('IPV', 2, '2024-04-05')];
    const { doses } = plan('2024-01-05', history, '2024-09-15');
    expect(dose(doses, 'JE-L', 1)).toMatchObject({ status: 'due', dueDate: '2024-09-05', earliest: '2024-10-03' });
    // BCG (live, injected) too, and it now needs a PPD test first; bOPV is oral and does not wait.
    expect(dose(doses, 'BCG', 1)).toMatchObject({ status: 'overdue', earliest: '2024-10-03' });
    expect(dose(doses, 'BCG', 1)).toHaveProperty('note', expect.stringContaining('PPD'));
    expect(dose(doses, 'bOPV', 1)).toMatchObject({ earliest: '2024-09-15' });
  });

  it('live vaccines on the same day are allowed', () => {
    const { doses } = plan('2024-01-05', [given('MMR', 1, '2024-09-15')], '2024-09-15');
    expect(dose(doses, 'JE-L', 1)).toMatchObject({ earliest: '2024-09-15' });
  });

  it('the 28-day rule also holds between doses the plan proposes', () => {
    // JE-L 2 can only come 12 months after a late JE-L 1 (2025-01-20); MMR 2 and HepA-L are proposed for today
    // (2025-01-01), so JE-L 2 moves to 28 days after them.
    const history = [given('MMR', 1, '2023-09-01'), given('JE-L', 1, '2024-01-20'), given('BCG', 1, '2023-01-01')];
    const { doses } = plan('2023-01-01', history, '2025-01-01');
    expect(dose(doses, 'MMR', 2)).toMatchObject({ earliest: '2025-01-01' });
    expect(dose(doses, 'HepA-L', 1)).toMatchObject({ earliest: '2025-01-01' });
    expect(dose(doses, 'JE-L', 2)).toMatchObject({ status: 'due', earliest: '2025-01-29' });
  });

  it('BCG at 5 years is not given', () => {
    const bcg = dose(plan('2020-01-01', [], '2025-01-02').doses, 'BCG', 1);
    expect(bcg).toMatchObject({ status: 'not_to_give', reason: 'age_limit' });
    expect(bcg.status === 'not_to_give' && bcg.message).toContain('4岁');
  });

  it('BCG from 3 months to under 4 years is due only after a negative PPD', () => {
    expect(dose(plan('2024-01-01', [], '2024-03-31').doses, 'BCG', 1)).not.toHaveProperty('note');
    expect(dose(plan('2024-01-01', [], '2024-04-01').doses, 'BCG', 1)).toMatchObject({ status: 'overdue', note: expect.stringContaining('PPD') });
    expect(dose(plan('2021-01-01', [], '2024-12-31').doses, 'BCG', 1)).toMatchObject({ status: 'overdue', note: expect.stringContaining('PPD') });
    expect(dose(plan('2021-01-01', [], '2025-01-01').doses, 'BCG', 1)).toMatchObject({ status: 'not_to_give' });
  });

  it('MPSV-A at 30 months is not given; MPSV-AC is given instead at 3 years', () => {
    const { doses } = plan('2022-07-01', [], '2025-01-01');
    const a1 = dose(doses, 'MPSV-A', 1);
    expect(a1).toMatchObject({ status: 'not_to_give', reason: 'age_limit' });
    expect(a1.status === 'not_to_give' && a1.message).toContain('改种A群C群流脑多糖疫苗（MPSV-AC）');
    expect(dose(doses, 'MPSV-A', 2)).toMatchObject({ status: 'not_to_give', reason: 'previous_not_given' });
    expect(dose(doses, 'MPSV-AC', 1)).toMatchObject({ status: 'not_yet_due', dueDate: '2025-07-01' });
  });

  it('MPSV-AC waits 12 months after the last MPSV-A dose', () => {
    const { doses } = plan('2021-07-01', [given('MPSV-A', 1, '2022-01-01'), given('MPSV-A', 2, '2023-06-01')], '2024-07-01');
    expect(dose(doses, 'MPSV-AC', 1)).toMatchObject({ status: 'due', dueDate: '2024-07-01', earliest: '2024-07-01' });
    const late = plan('2021-07-01', [given('MPSV-A', 1, '2022-01-01'), given('MPSV-A', 2, '2023-09-01')], '2024-07-01').doses;
    expect(dose(late, 'MPSV-AC', 1)).toMatchObject({ earliest: '2024-09-01' });
  });

  it('polio catch-up at 4.5 years with 2 doses completes 4 doses', () => {
    const { doses } = plan('2020-07-01', [given('IPV', 1, '2020-09-01'), given('IPV', 2, '2020-10-01')], '2025-01-01');
    expect(dose(doses, 'bOPV', 1)).toMatchObject({ seriesDose: 3, status: 'overdue', earliest: '2025-01-01' });
    expect(dose(doses, 'bOPV', 2)).toMatchObject({ seriesDose: 4, status: 'due', dueDate: '2024-07-01', earliest: '2025-01-29' });
  });

  it('polio catch-up under 4 years completes 3 doses now, the 4th at 4 years', () => {
    const { doses } = plan('2022-01-01', [given('IPV', 1, '2022-03-01'), given('IPV', 2, '2022-04-01')], '2025-01-01');
    expect(dose(doses, 'bOPV', 1)).toMatchObject({ status: 'overdue', earliest: '2025-01-01' });
    expect(dose(doses, 'bOPV', 2)).toMatchObject({ status: 'not_yet_due', dueDate: '2026-01-01', earliest: '2026-01-01' });
  });

  it('a child with one JE-I dose continues JE-I; JE-L is not given', () => {
    const { doses } = plan('2024-01-01', [given('JE-I', 1, '2024-09-01')], '2024-09-05');
    const je = doses.filter((d) => d.series === 'JE');
    expect(je.map((d) => [d.vaccine, d.dose, d.status])).toEqual([
      ['JE-I', 1, 'done'],
      ['JE-I', 2, 'due'],
      ['JE-I', 3, 'not_yet_due'],
      ['JE-I', 4, 'not_yet_due'],
      ['JE-L', 1, 'not_to_give'],
      ['JE-L', 2, 'not_to_give'],
    ]);
    // Due by age (8 months), but only from 7 days after dose 1.
    expect(dose(doses, 'JE-I', 2)).toMatchObject({ dueDate: '2024-09-01', earliest: '2024-09-08' });
    expect(dose(doses, 'JE-L', 1)).toMatchObject({ reason: 'replaced' });
  });

  it('a child with doses of both JE products continues JE-I; the JE-L dose stays on record as done', () => {
    const { doses } = plan('2023-01-01', [given('JE-L', 1, '2023-09-01'), given('JE-I', 1, '2024-01-01')], '2024-02-01');
    const je = doses.filter((d) => d.series === 'JE');
    expect(je.map((d) => [d.vaccine, d.dose, d.status])).toEqual([
      ['JE-I', 1, 'done'],
      ['JE-I', 2, 'overdue'],
      ['JE-I', 3, 'not_yet_due'],
      ['JE-I', 4, 'not_yet_due'],
      ['JE-L', 1, 'done'],
      ['JE-L', 2, 'not_to_give'],
    ]);
    expect(dose(doses, 'JE-I', 2)).toMatchObject({ earliest: '2024-02-01' });
  });

  it('gives nothing at 18 years and over', () => {
    const { doses } = plan('2005-01-01', [], '2023-01-01');
    expect(doses.every((d) => d.status === 'not_to_give')).toBe(true);
    expect(dose(doses, 'HepB', 1)).toMatchObject({ reason: 'catch_up_limit' });
  });
});

describe('plan: HepB for children with a condition', () => {
  it('an infant under 2000 g gets 4 HepB doses at 0, 1, 2 and 7 months', () => {
    const options = { conditions: ['birth_weight_under_2000g'] as const };
    const { doses } = plan('2025-03-01', [given('HepB', 1, '2025-03-01'), given('HepB', 2, '2025-04-01')], '2025-05-01', options);
    expect(doses.filter((d) => d.series === 'HepB').map((d) => [d.dose, d.status, 'dueDate' in d ? d.dueDate : d.status === 'done' && d.date])).toEqual([
      [1, 'done', '2025-03-01'],
      [2, 'done', '2025-04-01'],
      [3, 'due', '2025-05-01'],
      [4, 'not_yet_due', '2025-10-01'],
    ]);
    const four = [given('HepB', 1, '2025-03-01'), given('HepB', 2, '2025-04-01'), given('HepB', 3, '2025-05-01'), given('HepB', 4, '2025-10-01')];
    expect(plan('2025-03-01', four, '2025-11-01', options).doses.filter((d) => d.series === 'HepB' && d.status === 'done')).toHaveLength(4);
    expect(problemsOf(() => plan('2025-03-01', four, '2025-11-01'))).toEqual([{ field: 'given[3]', message: 'HepB 第4剂多余：乙肝疫苗共 3 剂，已录入 4 剂' }]);
  });

  it('a mother HBsAg-positive: HepB 1 on the day of birth with HBIG', () => {
    const options = { conditions: ['mother_hbsag_positive'] as const };
    expect(dose(plan('2025-03-01', [], '2025-03-01', options).doses, 'HepB', 1)).toMatchObject({ status: 'due', note: expect.stringContaining('乙肝免疫球蛋白（HBIG）') });
    expect(dose(plan('2025-03-01', [], '2025-03-02', options).doses, 'HepB', 1)).toMatchObject({ status: 'overdue' });
    expect(dose(plan('2025-03-01', [given('HepB', 1, '2025-03-02')], '2025-03-02', options).doses, 'HepB', 1)).toMatchObject({ timely: false });
    expect(dose(plan('2025-03-01', [given('HepB', 1, '2025-03-02')], '2025-03-02').doses, 'HepB', 1)).toMatchObject({ timely: true });
    // HepB 2 and 3 as usual.
    expect(dose(plan('2025-03-01', [], '2025-03-01', options).doses, 'HepB', 3)).toMatchObject({ dueDate: '2025-09-01' });
  });

  it('both conditions: 4 doses, the first on the day of birth with HBIG', () => {
    const { doses } = plan('2025-03-01', [], '2025-03-01', { conditions: ['birth_weight_under_2000g', 'mother_hbsag_positive'] });
    expect(doses.filter((d) => d.series === 'HepB')).toHaveLength(4);
    expect(dose(doses, 'HepB', 1)).toMatchObject({ note: expect.stringContaining('HBIG') });
  });
});

describe('plan: input problems, in Chinese, naming the item', () => {
  it('a dose before birth', () => {
    expect(problemsOf(() => plan('2024-01-01', [given('HepB', 1, '2023-12-31')], '2024-02-01'))).toEqual([
      { field: 'given[0]', message: 'HepB 第1剂的接种日期 2023-12-31 早于出生日期 2024-01-01' },
    ]);
  });

  it('a skipped dose number', () => {
    expect(problemsOf(() => plan('2024-01-01', [given('DTaP', 1, '2024-04-01'), given('DTaP', 3, '2024-06-01')], '2024-07-01'))).toEqual([
      { field: 'given[1]', message: 'DTaP 第3剂缺少第2剂的记录（剂次不能跳过）' },
    ]);
  });

  it('an unknown vaccine code', () => {
    const [problem] = problemsOf(() => plan('2024-01-01', [given('Hib', 1, '2024-03-01')], '2024-07-01'));
    expect(problem).toMatchObject({ field: 'given[0]', message: expect.stringContaining('未知的疫苗代码“Hib”') });
  });

  it('a duplicate dose', () => {
    expect(problemsOf(() => plan('2024-01-01', [given('HepB', 1, '2024-01-01'), given('HepB', 1, '2024-01-02')], '2024-07-01'))).toEqual([
      { field: 'given[1]', message: 'HepB 第1剂重复：与 given[0] 是同一疫苗的同一剂次' },
    ]);
  });

  it('dates that are not real dates', () => {
    expect(problemsOf(() => plan('2024-01-01', [given('MMR', 1, '2024-02-30')], '2024-13-01'))).toEqual([
      { field: 'on', message: '计划日期“2024-13-01”不是有效日期（应为 YYYY-MM-DD）' },
      { field: 'given[0]', message: 'MMR 第1剂的接种日期“2024-02-30”不是有效日期（应为 YYYY-MM-DD）' },
    ]);
    expect(problemsOf(() => plan('20240101', [], '2024-02-01'))).toEqual([{ field: 'birthDate', message: '出生日期“20240101”不是有效日期（应为 YYYY-MM-DD）' }]);
  });

  it('a plan date before birth', () => {
    expect(problemsOf(() => plan('2024-01-01', [], '2023-12-31'))).toEqual([{ field: 'on', message: '计划日期 2023-12-31 早于出生日期 2024-01-01' }]);
  });

  it('doses out of order, after the plan date, too many, or with a bad dose number', () => {
    const problems = problemsOf(() =>
      plan(
        '2020-01-01',
        [
          given('HepB', 1, '2020-03-01'),
          given('HepB', 2, '2020-02-01'),
          given('MMR', 1, '2025-01-01'),
          given('IPV', 1, '2020-03-01'),
          given('IPV', 2, '2020-04-01'),
          given('bOPV', 1, '2020-05-01'),
          given('bOPV', 2, '2024-01-01'),
          given('bOPV', 3, '2024-03-01'),
          given('BCG', 0, '2020-01-01'),
        ],
        '2024-06-01',
      ),
    );
    expect(problems).toEqual([
      { field: 'given[1]', message: 'HepB 第2剂的接种日期 2020-02-01 应晚于第1剂（2020-03-01）' },
      { field: 'given[2]', message: 'MMR 第1剂的接种日期 2025-01-01 晚于计划日期 2024-06-01' },
      { field: 'given[7]', message: 'bOPV 第3剂多余：脊灰疫苗共 4 剂，已录入 5 剂' },
      { field: 'given[8]', message: 'BCG 的剂次“0”应为从 1 开始的整数' },
    ]);
    // The error carries every problem and the first field, ready for the API's {error:{code,message,field,details}}.
    try {
      plan('2024-01-01', [], 'x');
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_immunization_input', status: 400, details: { field: 'on' } });
    }
  });
});
