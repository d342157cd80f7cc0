import { can, type Permission, type Role } from '../../core/auth/roles.ts';

export type { Permission };

/**
 * Whether the user's role carries a permission, from the server's own table. Only to hide what
 * would be refused: the server checks every request regardless.
 */
export function allowed(role: string, permission: Permission): boolean {
  return can(role as Role, permission);
}
