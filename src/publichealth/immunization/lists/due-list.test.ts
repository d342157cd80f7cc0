import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../plan.ts';
import { random, syntheticChild } from '../testing/synthetic-children.ts';
import type { GivenDose } from '../types.ts';
import { ageText, type ListChild } from './child-plan.ts';
import { dueList, overdueList } from './due-list.ts';

let nextId = 1;
const child = (birthDate: string, given: GivenDose[] = [], over: Partial<ListChild> = {}): ListChild => ({
  childId: nextId++,
  name: `儿童${nextId}`,
  idNumber: null,
  birthDate,
  given,
  conditions: [],
  areaId: 1,
  areaName: '东岭村',
  guardianName: '监护人',
  guardianPhone: '13800000000',
  address: '',
  ...over,
});

const g = (vaccine: string, dose: number, date: string): GivenDose => ({ vaccine, dose, date });

describe('due list', () => {
  it('lists the doses due or overdue on the vaccination day, with the guardian to call', () => {
    const c = child('2026-01-10', [g('HepB', 1, '2026-01-10'), g('BCG', 1, '2026-01-11')]);
    const list = dueList([c], '2026-03-10');
    expect(list.children).toHaveLength(1);
    const row = list.children[0]!;
    expect(row).toMatchObject({ name: c.name, guardianName: '监护人', guardianPhone: '13800000000', age: '2月龄' });
    const doses = Object.fromEntries(row.doses.map((d) => [`${d.vaccine}-${d.dose}`, d.status]));
    // HepB 2 was due at 1 month and overdue one month later; IPV 1 and DTaP 1 (2025 schedule: 2 months) are due today.
    expect(doses).toEqual({ 'HepB-2': 'overdue', 'IPV-1': 'due', 'DTaP-1': 'due' });
  });

  it('holds back a dose the 28-day live-vaccine rule keeps from the day, and ignores doses given after it', () => {
    const history = [
      g('HepB', 1, '2025-06-15'),
      g('HepB', 2, '2025-07-15'),
      g('HepB', 3, '2025-12-15'),
      g('BCG', 1, '2025-06-15'),
      g('IPV', 1, '2025-08-15'),
      g('IPV', 2, '2025-09-15'),
      g('bOPV', 1, '2025-10-15'),
      g('DTaP', 1, '2025-08-15'),
      g('DTaP', 2, '2025-10-15'),
      g('DTaP', 3, '2025-12-15'),
      g('MPSV-A', 1, '2025-12-15'),
      g('MMR', 1, '2026-02-20'),
    ];
    const list = dueList([child('2025-06-15', [...history, g('JE-L', 1, '2026-03-25')])], '2026-03-01');
    // JE-L 1 was due at 8 months (2026-02-15) but may only be given from 2026-03-20, 28 days after MMR.
    expect(list.children).toEqual([]);
    expect(list.heldBack).toBe(1);
  });

  it('reports a record the engine refuses instead of failing the list', () => {
    const bad = child('2025-01-01', [g('HepB', 1, '2025-01-01'), g('HepB', 3, '2025-07-01')]);
    const list = dueList([bad, child('2026-01-10')], '2026-03-10');
    expect(list.children).toHaveLength(1);
    expect(list.problems).toEqual([expect.objectContaining({ childId: bad.childId, message: expect.stringContaining('接种记录有误') })]);
  });

  it('lists exactly the plan’s due and overdue doses that may be given on the day', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const s = syntheticChild(random(seed));
        const c = child(s.birthDate, s.given);
        const expected = plan(s.birthDate, s.given, s.on).doses.filter((d) => (d.status === 'due' || d.status === 'overdue') && d.earliest <= s.on);
        const listed = dueList([c], s.on).children[0]?.doses ?? [];
        expect(listed.map((d) => `${d.vaccine}-${d.dose}`)).toEqual(expected.map((d) => `${d.vaccine}-${d.dose}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('overdue list', () => {
  it('sorts children by how late their latest dose is, and says since when each dose is overdue', () => {
    const young = child('2025-06-01', [], { name: '小' });
    const old = child('2024-01-01', [], { name: '大' });
    const onTime = child('2026-02-01', [g('HepB', 1, '2026-02-01'), g('BCG', 1, '2026-02-01')]);
    const list = overdueList([young, onTime, old], '2026-03-01');
    expect(list.children.map((c) => c.name)).toEqual(['大', '小']);
    const hepB1 = list.children[0]!.doses.find((d) => d.vaccine === 'HepB' && d.dose === 1)!;
    // Within 24 h, dates only: overdue from the second day after birth.
    expect(hepB1).toMatchObject({ overdueSince: '2024-01-03', status: 'overdue' });
    expect(hepB1.daysOverdue).toBe(788);
    expect(list.children[0]!.maxDaysOverdue).toBe(788);
    // MMR 1 (8 months) is due but only overdue from 12 months: not on the young child's overdue list yet.
    expect(list.children[1]!.doses.map((d) => d.vaccine)).not.toContain('MMR');
    expect(list.children[1]!.doses[0]).toMatchObject({ vaccine: 'HepB', dose: 1, overdueSince: '2025-06-03' });
  });

  it('words ages as a clerk does', () => {
    expect(ageText('2026-01-10', '2026-01-20')).toBe('10天');
    expect(ageText('2025-06-15', '2026-03-01')).toBe('8月龄');
    expect(ageText('2023-01-01', '2026-03-01')).toBe('3岁2月');
    expect(ageText('2020-03-01', '2026-03-01')).toBe('6岁');
  });
});
