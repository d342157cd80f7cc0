import { describe, expect, it } from 'vitest';
import { itemPoints, rankScores, totalScore, type ScoringItem } from './scoring.ts';

const item = (rule: ScoringItem['rule'], deductPerUnit?: number): ScoringItem => ({ indicator: 'x', points: 20, rule, deductPerUnit });

describe('scoring', () => {
  it('gives full points at or beyond target, and the rule below it', () => {
    expect(itemPoints(item('proportional'), 'higher', 90, 90)).toBe(20);
    expect(itemPoints(item('proportional'), 'higher', 95, 90)).toBe(20);
    expect(itemPoints(item('proportional'), 'higher', 45, 90)).toBe(10);
    expect(itemPoints(item('proportional'), 'lower', 4, 2)).toBe(10);
    expect(itemPoints(item('deduct', 2), 'higher', 85, 90)).toBe(10);
    expect(itemPoints(item('deduct', 2), 'higher', 50, 90)).toBe(0);
    expect(itemPoints(item('none'), 'higher', 89.99, 90)).toBe(0);
  });

  it('leaves out an item with no value (无数据) or no target', () => {
    expect(itemPoints(item('proportional'), 'higher', null, 90)).toBeNull();
    expect(itemPoints(item('proportional'), 'higher', 80, null)).toBeNull();
    const score = totalScore([
      { indicator: 'a', value: 90, target: 90, points: 20, earned: 20 },
      { indicator: 'b', value: 45, target: 90, points: 20, earned: 10 },
      { indicator: 'c', value: null, target: 90, points: 60, earned: null },
    ]);
    expect(score).toBe(75);
    expect(totalScore([{ indicator: 'c', value: null, target: 90, points: 60, earned: null }])).toBeNull();
  });

  it('ranks highest first, ties share a rank, no score no rank', () => {
    const ranked = rankScores([
      { name: 'a', score: 80 },
      { name: 'b', score: null },
      { name: 'c', score: 95 },
      { name: 'd', score: 80 },
      { name: 'e', score: 70 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', null],
    ]);
  });
});
