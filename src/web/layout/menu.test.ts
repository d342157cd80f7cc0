import { describe, expect, it } from 'vitest';
import { menuFor, selectedEntry } from './menu.tsx';

describe('side menu', () => {
  it('shows user admin to the bureau admin only and the audit log to auditors too', () => {
    const paths = (role: string) => menuFor(role).map((entry) => entry.path);
    expect(paths('bureau_admin')).toContain('/users');
    expect(paths('auditor')).toEqual(['/', '/areas', '/people', '/institutions', '/audit']);
    expect(paths('village_doctor')).toEqual(['/', '/areas', '/people', '/institutions']);
  });

  it('highlights the section a detail page belongs to', () => {
    expect(selectedEntry('/people/persons/12')).toBe('/people');
    expect(selectedEntry('/')).toBe('/');
    expect(selectedEntry('/peoplex')).toBe('/');
  });
});
