import { describe, expect, it } from 'vitest';
import { NOTIFIABLE_LISTS } from '../notifiable/index.ts';
import { checkCard, reportedOnTime, type CardInput } from './card-rules.ts';

const diagnosed = new Date('2026-03-02T09:00:00+08:00');
const after = (hours: number, ms = 0) => new Date(diagnosed.getTime() + hours * 3_600_000 + ms);
const input = (icd10: string): CardInput => ({ areaId: 1, patientName: '甲', sex: 'F', birthDate: '1990-01-01', occupation: '农民', icd10, caseClass: 'confirmed', onsetDate: '2026-03-01', diagnosedAt: diagnosed.toISOString() });

describe('time limits', () => {
  it('counts the limit’s last moment as on time and a millisecond later as late', () => {
    expect([reportedOnTime(diagnosed, after(24), 24), reportedOnTime(diagnosed, after(24, 1), 24)]).toEqual([true, false]);
    expect([reportedOnTime(diagnosed, after(2), 2), reportedOnTime(diagnosed, after(2, 1), 2)]).toEqual([true, false]);
  });

  it('gives class A and managed-as-A cards 2 hours and the rest 24', () => {
    const at = (code: string, hours: number) => checkCard(input(code), NOTIFIABLE_LISTS, after(hours)).onTime;
    expect([at('A00.9', 2), at('A00.9', 3), at('A22.1', 3), at('A22.0', 3), at('B26.9', 23), at('B26.9', 25)]).toEqual([true, false, false, true, true, false]);
  });
});
