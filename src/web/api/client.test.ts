import { describe, expect, it } from 'vitest';
import { apiUrl, loginPath } from './client.ts';

describe('apiUrl', () => {
  it('leaves out empty filters and encodes the rest', () => {
    expect(apiUrl('/persons', { q: '张 三', areaId: undefined, status: '', page: 2 })).toBe('/api/persons?q=%E5%BC%A0+%E4%B8%89&page=2');
    expect(apiUrl('/areas/tree')).toBe('/api/areas/tree');
  });
});

describe('loginPath', () => {
  it('remembers where the user was going, but not the home or login page', () => {
    expect(loginPath('/people?q=张')).toBe(`/login?next=${encodeURIComponent('/people?q=张')}`);
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login?next=%2Fx')).toBe('/login');
  });
});
