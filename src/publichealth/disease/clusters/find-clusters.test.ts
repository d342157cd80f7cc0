import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/dates.ts';
import { findClusters, type DiseaseCase } from './find-clusters.ts';

let nextId = 1;
const mumps = (day: string, person = `p:${nextId}`, areaId = 1): DiseaseCase => ({ source: 'visit', sourceId: nextId++, personKey: person, areaId, date: day, icd10: 'B26.9' });
const spread = (first: string, count: number, everyDays = 0, areaId = 1) =>
  Array.from({ length: count }, (_, i) => mumps(addDays(first, Math.floor(i * everyDays)), undefined, areaId));

describe('findClusters', () => {
  it('needs 10 mumps cases in a village: 9 are not a cluster, 10 are', () => {
    expect(findClusters(spread('2026-04-01', 9))).toEqual([]);
    const [episode, ...rest] = findClusters(spread('2026-04-01', 10));
    expect(rest).toEqual([]);
    expect(episode).toMatchObject({ areaId: 1, firstDate: '2026-04-01', lastDate: '2026-04-01' });
    expect(episode!.rule.key).toBe('mumps');
    expect(episode!.cases).toHaveLength(10);
  });

  it('counts a week as 7 days including the first: day 1 to day 7 crosses, day 1 to day 8 does not', () => {
    const within = [...spread('2026-04-01', 9), mumps('2026-04-07')];
    expect(findClusters(within)).toHaveLength(1);
    const beyond = [...spread('2026-04-01', 9), mumps('2026-04-08')];
    expect(findClusters(beyond)).toEqual([]);
  });

  it('counts a person once, even with a card and a visit, and keeps villages apart', () => {
    const nine = spread('2026-04-01', 9);
    const cases = [...nine, { ...mumps('2026-04-02', nine[0]!.personKey), source: 'card' as const }];
    expect(findClusters(cases)).toEqual([]);
    expect(findClusters([...spread('2026-04-01', 5, 0, 1), ...spread('2026-04-01', 5, 0, 2)])).toEqual([]);
  });

  it('merges overlapping windows into one episode holding every case', () => {
    const [episode, ...rest] = findClusters(spread('2026-04-01', 30, 0.5));
    expect(rest).toEqual([]);
    expect(episode!.cases).toHaveLength(30);
    expect(episode).toMatchObject({ firstDate: '2026-04-01', lastDate: '2026-04-15' });
  });

  it('goes on while each next case comes within a week of the one before, and ends after a quiet week', () => {
    const cases = [...spread('2026-04-01', 10), mumps('2026-04-07'), mumps('2026-04-13'), mumps('2026-04-21')];
    const [episode, ...rest] = findClusters(cases);
    expect(rest).toEqual([]);
    expect(episode).toMatchObject({ firstDate: '2026-04-01', lastDate: '2026-04-13' });
    expect(episode!.cases).toHaveLength(12);
  });

  it('uses each disease its own threshold and window: dysentery 10 in 3 days, cholera from 1 case', () => {
    const dysentery = (day: string): DiseaseCase => ({ ...mumps(day), icd10: 'A03.9' });
    expect(findClusters(Array.from({ length: 10 }, (_, i) => dysentery(addDays('2026-07-01', i % 4))))).toEqual([]);
    expect(findClusters(Array.from({ length: 10 }, (_, i) => dysentery(addDays('2026-07-01', i % 3))))).toHaveLength(1);
    expect(findClusters([{ ...mumps('2026-07-01'), icd10: 'A00.1' }])[0]!.rule.key).toBe('cholera');
    expect(findClusters([{ ...mumps('2026-07-01'), icd10: 'J18.9' }])).toEqual([]);
  });
});
