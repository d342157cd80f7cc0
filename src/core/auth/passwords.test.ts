import { describe, expect, it } from 'vitest';
import argon2 from 'argon2';
import { PASSWORD_HASHING, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashes', () => {
  it('the product hashes with argon2id at 64 MiB, 3 passes, and such a hash verifies', async () => {
    const hash = await argon2.hash('abc12345', PASSWORD_HASHING);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await verifyPassword(hash, 'abc12345')).toBe(true);
    expect(await verifyPassword(hash, 'abc12346')).toBe(false);
  });

  it('the test suite hashes cheaply, salted per hash, and a malformed hash never verifies', async () => {
    const [a, b] = [await hashPassword('abc12345'), await hashPassword('abc12345')];
    expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'abc12345')).toBe(true);
    expect(await verifyPassword('not a hash', 'abc12345')).toBe(false);
  });
});
