import { describe, expect, it } from 'vitest';
import { shiftMonth } from './months.ts';
import { duplicateReceipts, frequentVisits, ineligiblePersons, splitAdmissions, villageSurges, type ClaimFact } from './alert-rules.ts';

let nextId = 1;
const claim = (over: Partial<ClaimFact>): ClaimFact => ({
  id: nextId++,
  institutionId: 1,
  institutionName: '东岭村卫生室',
  personId: 7,
  personName: '张三',
  kind: 'outpatient',
  admittedOn: '2026-03-10',
  dischargedOn: over.admittedOn ?? '2026-03-10',
  diagnosis: '',
  totalFen: 4000,
  ...over,
});

describe('village clinic surge (mean + 3 SD and at least double the mean of the previous 6 months)', () => {
  const params = { historyMonths: 6, sdFactor: 3, minRatio: 2 };
  // The six months before 2026-03, oldest first.
  const clinic = (amounts: number[], current: number) => ({
    institutionId: 5,
    institutionName: '东岭村卫生室',
    payByMonth: new Map([...amounts.map((fen, i) => [shiftMonth('2026-03', i - 6), fen] as const), ['2026-03', current] as const]),
  });

  it('fires above both lines and says the figures', () => {
    const [alert] = villageSurges('2026-03', [clinic([10_000, 11_000, 9_000, 10_000, 10_500, 9_500], 25_000)], params);
    expect(alert).toMatchObject({ rule: 'village_surge', key: '5:2026-03', institutionId: 5 });
    expect(alert!.figures).toMatchObject({ meanFen: 10_000, currentFen: 25_000 });
    expect(alert!.summary).toContain('前 6 个月平均 100.00 元');
  });

  it("does not fire at just under double the mean, nor on a steady clinic's ordinary rise above mean + 3 SD", () => {
    expect(villageSurges('2026-03', [clinic([10_000, 11_000, 9_000, 10_000, 10_500, 9_500], 19_999)], params)).toEqual([]);
    // SD 0: mean + 3 SD is the mean itself, yet 30 % more is no surge.
    expect(villageSurges('2026-03', [clinic([10_000, 10_000, 10_000, 10_000, 10_000, 10_000], 13_000)], params)).toEqual([]);
  });

  it('needs six months of history: a clinic without pooling in the first month of the window is not judged', () => {
    expect(villageSurges('2026-03', [clinic([0, 11_000, 9_000, 10_000, 10_500, 9_500], 90_000)], params)).toEqual([]);
  });
});

describe('many visits in a short time (≥ 5 visits within 7 days)', () => {
  const params = { visits: 5, days: 7 };
  const visits = (days: string[], personId = 7) => days.map((d) => claim({ personId, admittedOn: d, dischargedOn: d }));

  it('fires on five visits within seven days, with the window reaching into the previous month', () => {
    const planted = visits(['2026-02-26', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-04']);
    const [alert] = frequentVisits('2026-03', planted, params);
    expect(alert).toMatchObject({ rule: 'frequent_visits', key: '7:2026-03', personId: 7 });
    expect(alert!.claimIds).toEqual(planted.map((c) => c.id));
    expect(alert!.figures).toMatchObject({ mostInWindow: 5, windowFrom: '2026-02-26', windowTo: '2026-03-04' });
  });

  it('does not fire on five visits spread over eight days, nor on a window that ends in the previous month', () => {
    expect(frequentVisits('2026-03', visits(['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-06', '2026-03-08']), params)).toEqual([]);
    expect(frequentVisits('2026-03', visits(['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']), params)).toEqual([]);
  });
});

describe('split admissions (re-admission within 3 days, same ICD-10 category)', () => {
  const params = { days: 3 };
  const stay = (admittedOn: string, dischargedOn: string, diagnosis: string) => claim({ kind: 'inpatient', institutionName: '清河县人民医院', admittedOn, dischargedOn, diagnosis });

  it('fires on discharge and re-admission 3 days later for J18.9 then J18.0', () => {
    const first = stay('2026-02-20', '2026-03-01', 'J18.9');
    const again = stay('2026-03-04', '2026-03-12', 'J18.0');
    const [alert] = splitAdmissions('2026-03', [again, first], params);
    expect(alert).toMatchObject({ rule: 'split_admission', key: `${first.id}-${again.id}`, claimIds: [first.id, again.id] });
    expect(alert!.figures).toMatchObject({ gapDays: 3, category: 'J18' });
  });

  it('does not fire after 4 days, for another category, or for a re-admission discharged in another month', () => {
    expect(splitAdmissions('2026-03', [stay('2026-02-20', '2026-03-01', 'J18.9'), stay('2026-03-05', '2026-03-12', 'J18.0')], params)).toEqual([]);
    expect(splitAdmissions('2026-03', [stay('2026-02-20', '2026-03-01', 'J18.9'), stay('2026-03-02', '2026-03-12', 'J20.0')], params)).toEqual([]);
    expect(splitAdmissions('2026-04', [stay('2026-02-20', '2026-03-01', 'J18.9'), stay('2026-03-02', '2026-03-12', 'J18.0')], params)).toEqual([]);
  });
});

describe('claims of a person deceased or moved out', () => {
  it('fires on a visit the day after the registered death, not on the day itself', () => {
    const persons = new Map([[7, { status: 'deceased' as const, statusDate: '2026-03-09' }]]);
    const after = claim({ admittedOn: '2026-03-10' });
    const [alert] = ineligiblePersons('2026-03', [after, claim({ admittedOn: '2026-03-09' })], persons);
    expect(alert).toMatchObject({ rule: 'ineligible_person', key: '7:2026-03', claimIds: [after.id] });
    expect(alert!.summary).toContain('已于 2026-03-09 登记死亡');
    expect(ineligiblePersons('2026-03', [claim({ admittedOn: '2026-03-09' })], persons)).toEqual([]);
  });

  it('fires for a person moved out, not for one alive', () => {
    expect(ineligiblePersons('2026-03', [claim({})], new Map([[7, { status: 'moved_out' as const, statusDate: '2026-01-31' }]]))[0]!.summary).toContain('迁出');
    expect(ineligiblePersons('2026-03', [claim({})], new Map([[7, { status: 'alive' as const, statusDate: null }]]))).toEqual([]);
  });
});

describe('the same receipt claimed twice (same institution, person, days and total)', () => {
  it('fires on two equal claims, not when the total differs by a fen', () => {
    const a = claim({ totalFen: 4550 });
    const b = claim({ totalFen: 4550 });
    const [alert] = duplicateReceipts('2026-03', [a, b, claim({ totalFen: 4551 })]);
    expect(alert).toMatchObject({ rule: 'duplicate_receipt', claimIds: [a.id, b.id] });
    expect(duplicateReceipts('2026-03', [claim({ totalFen: 4550 }), claim({ totalFen: 4551 })])).toEqual([]);
    expect(duplicateReceipts('2026-03', [claim({ totalFen: 4550 }), claim({ totalFen: 4550, institutionId: 2 })])).toEqual([]);
  });
});
