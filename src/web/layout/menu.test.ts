import { describe, expect, it } from 'vitest';
import { menuFor, menuItemsFor, selectedEntry } from './menu.tsx';

describe('side menu', () => {
  it('shows user admin to the bureau admin only and the audit log to auditors too', () => {
    const paths = (role: string) => menuFor(role).map((entry) => entry.path);
    expect(paths('bureau_admin')).toContain('/users');
    expect(paths('auditor')).toEqual(['/', '/areas', '/people', '/institutions', '/supervision/values', '/supervision/ranking', '/supervision/bulletins', '/supervision/inspections', '/supervision/targets', '/supervision/indicators', '/records', '/records/list', '/ncms/schemes', '/ncms/enrollment', '/ncms/cards', '/ncms/claims', '/ncms/fund', '/ncms/review', '/ncms/review/rules', '/ncms/review/summary', '/ncms/monitoring', '/ncms/monitoring/alerts', '/ncms/monitoring/fund', '/ncms/notices', '/ncms/rectification', '/ncms/simulation', '/immunization/coverage', '/immunization/lists', '/immunization/children', '/immunization/stock', '/immunization/school-check', '/disease/visits', '/disease/cards', '/disease/alerts', '/disease/missed', '/disease/report-rates', '/disease/clusters', '/disease/deaths', '/disease/deaths/expected', '/disease/ranking/spectrum', '/disease/ranking/death-causes', '/audit']);
    expect(paths('village_doctor')).toEqual(['/', '/areas', '/people', '/institutions', '/records', '/records/list', '/ncms/enrollment', '/ncms/cards', '/ncms/claims', '/ncms/notices', '/immunization/coverage', '/immunization/lists', '/immunization/children', '/immunization/stock', '/immunization/school-check', '/disease/visits', '/disease/visits/import', '/disease/cards', '/disease/alerts', '/disease/missed', '/disease/report-rates', '/disease/clusters', '/disease/deaths', '/disease/deaths/expected', '/disease/ranking/spectrum', '/disease/ranking/death-causes']);
  });

  it('gathers the 新农合 entries in one submenu', () => {
    const ncms = menuItemsFor('ncms_clerk').find((item) => item.key === '新农合');
    expect(ncms && 'children' in ncms && ncms.children.map((item) => item?.key)).toEqual(['/ncms/schemes', '/ncms/enrollment', '/ncms/cards', '/ncms/claims', '/ncms/fund', '/ncms/review', '/ncms/review/runs', '/ncms/review/rules', '/ncms/review/summary', '/ncms/monitoring', '/ncms/monitoring/alerts', '/ncms/monitoring/fund', '/ncms/notices', '/ncms/rectification', '/ncms/simulation']);
    expect(menuItemsFor('cdc_staff').some((item) => item.key === '新农合')).toBe(false);
    // A hospital's settlement clerk sees settlement only.
    const clerk = menuItemsFor('institution_clerk').find((item) => item.key === '新农合');
    expect(clerk && 'children' in clerk && clerk.children.map((item) => item?.key)).toEqual(['/ncms/claims']);
  });

  it('gathers the 预防接种 entries in one submenu; the historic import only for those who enter doses', () => {
    const keys = (role: string) => {
      const group = menuItemsFor(role).find((item) => item.key === '预防接种');
      return group && 'children' in group ? group.children.map((item) => item?.key) : [];
    };
    expect(keys('township_staff')).toEqual(['/immunization/coverage', '/immunization/lists', '/immunization/children', '/immunization/stock', '/immunization/school-check', '/immunization/import']);
    expect(keys('village_doctor')).not.toContain('/immunization/import');
    expect(keys('ncms_clerk')).toEqual([]);
  });

  it('shows a hospital doctor disease reporting, and no 新农合 or supervision', () => {
    const keys = menuItemsFor('hospital_doctor').map((item) => item.key);
    expect(keys).toContain('疾病报告');
    expect(keys).not.toContain('新农合');
    expect(keys).not.toContain('督导考核');
  });

  it('highlights the section a detail page belongs to', () => {
    expect(selectedEntry('/people/persons/12')).toBe('/people');
    expect(selectedEntry('/')).toBe('/');
    expect(selectedEntry('/peoplex')).toBe('/');
    expect(selectedEntry('/ncms/enrollment/villages/3')).toBe('/ncms/enrollment');
  });
});
