import argon2 from 'argon2';
import { invalid } from '../errors.ts';

/** argon2id at 64 MiB and 3 passes (the library's defaults, written out): about 0.1 s a hash on a modest PC, which is the point. */
export const PASSWORD_HASHING = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;
let hashOptions: argon2.HashOptions = PASSWORD_HASHING;

export const hashPassword = (password: string) => argon2.hash(password, hashOptions);

/**
 * For the test suite only (src/testing/setup.ts): argon2id at its smallest cost, so the hundreds of fixture users and
 * logins do not spend minutes hashing. Verification reads the cost from each hash, so both kinds verify.
 */
export function useCheapPasswordHashingForTests(): void {
  hashOptions = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 };
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** At least 8 characters with letters and digits: clerks must be able to type it, strangers not guess it. */
export function checkPasswordStrength(password: string, field = 'password'): void {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw invalid(field, '密码至少 8 位，且须同时包含字母和数字', 'weak_password');
  }
}
