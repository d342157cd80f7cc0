import { describe, expect, it } from 'vitest';
import { periodDays, recordLinks } from './drilldown.ts';

const MARCH = periodDays('2026-03', '2026-03');
const ALL = ['ncms_enrollment_rate', 'ncms_inpatient_compensation_ratio', 'nip_coverage', 'record_rate', 'record_use_rate', 'disease_timely_rate'];
const labels = (role: string, level: string, codes = ALL) => recordLinks(role, { areaId: 7, level }, MARCH, codes).map((l) => l.label);

describe('drill-down from the supervision tables', () => {
  it("a period's first and last day", () => {
    expect(MARCH).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodDays('2024-01', '2024-02')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
  });

  it('opens each module list filtered by the area and the period', () => {
    const links = Object.fromEntries(recordLinks('bureau_admin', { areaId: 7, level: 'township' }, MARCH, ALL).map((l) => [l.label, l.href]));
    expect(links).toEqual({
      档案名单: '/records/list?areaId=7&to=2026-03-31',
      报告卡: '/disease/cards?areaId=7&from=2026-03-01&to=2026-03-31',
      报销单据: '/ncms/claims?institutionAreaId=7&kind=inpatient,delivery&status=settled&from=2026-03-01&to=2026-03-31',
    });
    expect(recordLinks('township_staff', { areaId: 9, level: 'village' }, MARCH, ['record_completeness_rate'])).toEqual([{ label: '档案名单', href: '/records/list?areaId=9&to=2026-03-31' }]);
    expect(labels('township_staff', 'village')).toEqual(['参合名单', '漏种名单', '档案名单']);
  });

  it('offers only what the role may open, for the indicators the row has', () => {
    expect(labels('cdc_staff', 'township')).toEqual(['档案名单', '报告卡']); // no NCMS rights
    expect(labels('ncms_clerk', 'township')).toEqual(['报销单据']); // no records rights
    expect(labels('bureau_admin', 'township', ['record_rate'])).toEqual(['档案名单']);
    expect(labels('bureau_admin', 'county')).toEqual([]);
  });
});
