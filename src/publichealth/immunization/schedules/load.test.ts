import { describe, expect, it } from 'vitest';
import { plan } from '../plan.ts';
import { NIP_SCHEDULES } from './index.ts';
import { loadSchedules, ScheduleDataError } from './load.ts';
import { nip2021 } from './nip-2021.ts';
import { nip2025Dtap } from './nip-2025-dtap.ts';
import type { ChangeDocument } from './schema.ts';

const clone = <T>(value: T): T => structuredClone(value);

describe('schedule data', () => {
  it('loads the 2021 edition and the 2025 change, oldest first', () => {
    expect(NIP_SCHEDULES.versions.map((v) => [v.id, v.effective])).toEqual([
      ['nip-2021', '2021-03-01'],
      ['nip-2025-dtap', '2025-01-01'],
    ]);
    const dtp = (i: number) => NIP_SCHEDULES.versions[i]!.series.find((s) => s.id === 'DTP')!.options[0]!;
    expect(dtp(0).doses.map((d) => [d.vaccine, d.minAge.months])).toEqual([['DTaP', 3], ['DTaP', 4], ['DTaP', 5], ['DTaP', 18], ['DT', 72]]);
    expect(dtp(1).doses.map((d) => [d.vaccine, d.minAge.months])).toEqual([['DTaP', 2], ['DTaP', 4], ['DTaP', 6], ['DTaP', 18], ['DTaP', 72]]);
    expect([...dtp(1).members].sort()).toEqual(['DT', 'DTaP']);
    // Series the change does not touch are the edition's.
    expect(NIP_SCHEDULES.versions[1]!.series.find((s) => s.id === 'MMR')).toEqual(NIP_SCHEDULES.versions[0]!.series.find((s) => s.id === 'MMR'));
  });

  it('keeps the unverified facts marked', () => {
    const je = NIP_SCHEDULES.versions[0]!.series.find((s) => s.id === 'JE')!;
    expect(je.options.find((o) => o.id === 'JE-I')!.doses[3]!.unverified).toEqual(['minInterval']);
    expect(nip2021.verifiedEffective).toBe(false);
  });

  it('rejects a document that does not match the schema, saying where', () => {
    const bad = clone(nip2021);
    bad.series[0]!.options[0]!.doses[0]!.minAge = 'two months';
    expect(() => loadSchedules([bad])).toThrow(ScheduleDataError);
    expect(() => loadSchedules([bad])).toThrow(/ISO 8601[\s\S]*minAge/);
  });

  it('rejects a change whose series does not line up dose by dose with the edition', () => {
    const change: ChangeDocument = clone(nip2025Dtap);
    change.series[0]!.options[0]!.doses.pop();
    expect(() => loadSchedules([nip2021, change])).toThrow(/nip-2025-dtap 的系列、替代疫苗或剂次数与 nip-2021 不一致/);
  });

  it('rejects a change loaded before its edition, or not later than it', () => {
    expect(() => loadSchedules([nip2025Dtap, nip2021])).toThrow(/所依据的版本 nip-2021 须先载入/);
    expect(() => loadSchedules([nip2021, { ...nip2025Dtap, effective: '2020-01-01' }])).toThrow(/生效日期须晚于 nip-2021/);
  });

  it('plans with another set of versions given as data (a hypothetical later change)', () => {
    const later: ChangeDocument = { ...clone(nip2025Dtap), id: 'test-2027-mmr', effective: '2027-01-01', basedOn: 'nip-2025-dtap', series: [clone(nip2021.series.find((s) => s.id === 'MMR')!)] };
    later.series[0]!.options[0]!.doses[1]!.minAge = 'P12M';
    // The 2025 change resolved as an edition for the next change to build on.
    const set = loadSchedules([nip2021, nip2025Dtap, later]);
    const mmr2 = (birth: string) => plan(birth, [], '2030-01-01', { schedules: set }).doses.find((d) => d.vaccine === 'MMR' && d.dose === 2)!;
    expect(mmr2('2025-06-01')).toMatchObject({ schedule: 'nip-2025-dtap', dueDate: '2026-12-01' });
    expect(mmr2('2026-06-01')).toMatchObject({ schedule: 'test-2027-mmr', dueDate: '2027-06-01' });
  });
});
