import argon2 from 'argon2';
import { invalid } from '../errors.ts';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

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
