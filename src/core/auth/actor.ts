import type { Role, Permission } from './roles.ts';
import { can } from './roles.ts';
import { forbidden } from '../errors.ts';

/**
 * Where a caller may look: the subtree of one area. `path` is that area's path ('/1/4/'),
 * and a row is in scope when its area's path starts with it. '/' is the whole database.
 */
export interface Scope {
  areaId: number | null;
  path: string;
}

/** Who is acting: every service call that reads or writes records takes one. */
export interface Actor {
  userId: number | null;
  name: string;
  role: Role | 'system';
  scope: Scope;
  /** The institution the user works at (app_user.institution_id): where claims they settle are made. */
  institutionId: number | null;
}

/** The actor for command-line jobs (migrations, demo generation): sees and may do everything. */
export function systemActor(name = 'system'): Actor {
  return { userId: null, name, role: 'system', scope: { areaId: null, path: '/' }, institutionId: null };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw forbidden();
}

export function pathInScope(scope: Scope, path: string): boolean {
  return path.startsWith(scope.path);
}
