import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { containsPattern } from '../db/like.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { invalid, notFound } from '../errors.ts';
import { pageRequest, type Page, type PageRequest } from '../list-page.ts';
import { requirePermission, type Actor } from './actor.ts';
import { areaIdsIn } from './scope-query.ts';
import { ROLES, type Role } from './roles.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { endSessions } from './sessions.ts';
import { checkDisplayName, checkPlacement, createUser, type NewUser } from './users.ts';

/** A user as the administration screens show them; never with the password hash. */
export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  areaId: number;
  areaName: string;
  institutionId: number | null;
  institutionName: string | null;
  active: boolean;
  /** Locked for a while after too many wrong passwords; a password reset unlocks. */
  locked: boolean;
  lastLoginAt: string | null;
}

export interface UserFilter extends Partial<PageRequest> {
  q?: string | undefined;
  role?: string | undefined;
  areaId?: number | undefined;
  active?: boolean | undefined;
}

export interface UserPatch {
  displayName?: string | undefined;
  role?: string | undefined;
  areaId?: number | undefined;
  institutionId?: number | null | undefined;
  active?: boolean | undefined;
}

// Only the users whose scope area lies inside the administrator's own scope.
function userQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('app_user')
    .innerJoin('area', 'area.id', 'app_user.area_id')
    .leftJoin('institution', 'institution.id', 'app_user.institution_id')
    .where('app_user.area_id', 'in', areaIdsIn(db, actor.scope))
    .select([
      'app_user.id',
      'app_user.username',
      'app_user.display_name as displayName',
      'app_user.role',
      'app_user.area_id as areaId',
      'area.name as areaName',
      'app_user.institution_id as institutionId',
      'institution.name as institutionName',
      'app_user.active',
      'app_user.locked_until as lockedUntil',
      'app_user.last_login_at as lastLoginAt',
    ]);
}
type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

const toInfo = ({ lockedUntil, lastLoginAt, ...row }: UserRow): UserInfo => ({
  ...row,
  roleName: ROLES[row.role as Role] ?? row.role,
  locked: lockedUntil !== null && new Date(lockedUntil) > new Date(),
  lastLoginAt: lastLoginAt ? new Date(lastLoginAt).toISOString() : null,
});

export async function listUsers(db: Db, actor: Actor, filter: UserFilter = {}): Promise<Page<UserInfo>> {
  requirePermission(actor, 'users.manage');
  const { page, pageSize, offset } = pageRequest(filter);
  const q = filter.q?.trim();
  let query = userQuery(db, actor);
  if (q) {
    const pattern = containsPattern(q);
    query = query.where((eb) => eb.or([eb('app_user.username', 'ilike', pattern), eb('app_user.display_name', 'like', pattern)]));
  }
  if (filter.role) query = query.where('app_user.role', '=', filter.role);
  if (filter.areaId !== undefined) query = query.where('app_user.area_id', '=', filter.areaId);
  if (filter.active !== undefined) query = query.where('app_user.active', '=', filter.active);
  const [rows, count] = await Promise.all([
    query.orderBy('app_user.username').limit(pageSize).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toInfo), total: Number(count.total), page, pageSize };
}

export async function getUser(db: Db, actor: Actor, id: number): Promise<UserInfo> {
  requirePermission(actor, 'users.manage');
  const row = await userQuery(db, actor).where('app_user.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return toInfo(row);
}

export async function addUser(db: Db, actor: Actor, input: NewUser): Promise<number> {
  requirePermission(actor, 'users.manage');
  return inTransaction(db, (trx) => createUser(trx, actor, input));
}

/** Changes a user's name, role, scope or institution, or (de)activates them. Deactivating ends their sessions. */
export async function updateUser(db: Db, actor: Actor, id: number, patch: UserPatch): Promise<void> {
  requirePermission(actor, 'users.manage');
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('app_user')
      .select(['display_name as displayName', 'role', 'area_id as areaId', 'institution_id as institutionId', 'active'])
      .where('id', '=', id)
      .where('area_id', 'in', areaIdsIn(trx, actor.scope))
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('用户');
    const after = {
      displayName: patch.displayName === undefined ? before.displayName : checkDisplayName(patch.displayName),
      role: patch.role ?? before.role,
      areaId: patch.areaId ?? before.areaId,
      institutionId: patch.institutionId === undefined ? before.institutionId : patch.institutionId,
      active: patch.active ?? before.active,
    };
    // An administrator who locks themselves out leaves the county without one.
    if (id === actor.userId && !after.active) throw invalid('active', '不能停用自己的账号', 'cannot_deactivate_self');
    if (id === actor.userId && after.role !== before.role) throw invalid('role', '不能修改自己的角色', 'cannot_change_own_role');
    if (patch.role !== undefined || patch.areaId !== undefined || patch.institutionId !== undefined) {
      await checkPlacement(trx, actor, after);
    }
    await trx
      .updateTable('app_user')
      .set({
        display_name: after.displayName,
        role: after.role,
        area_id: after.areaId,
        institution_id: after.institutionId,
        active: after.active,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    if (!after.active) await endSessions(trx, id);
    const action = after.active === before.active ? 'update' : after.active ? 'activate' : 'deactivate';
    await recordAudit(trx, actor, { action, entity: 'app_user', entityId: id, areaId: after.areaId, before, after });
  });
}

/** Sets a new password for a user who forgot theirs: unlocks the account and ends their sessions. */
export async function resetPassword(db: Db, actor: Actor, id: number, password: string): Promise<void> {
  requirePermission(actor, 'users.manage');
  checkPasswordStrength(password, 'password');
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['area_id'])
      .where('id', '=', id)
      .where('area_id', 'in', areaIdsIn(trx, actor.scope))
      .executeTakeFirst();
    if (!user) throw notFound('用户');
    await trx
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(password), failed_logins: 0, locked_until: null, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await endSessions(trx, id);
    await recordAudit(trx, actor, { action: 'reset_password', entity: 'app_user', entityId: id, areaId: user.area_id });
  });
}

/**
 * A user changes their own password: the old one must be right. Their other sessions end
 * (a password is usually changed because someone else may know it); `currentToken`'s stays.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: { oldPassword: string; newPassword: string },
  currentToken?: string,
): Promise<void> {
  if (actor.userId === null) throw invalid('oldPassword', '系统账号没有密码', 'no_password');
  const userId = actor.userId;
  await inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('app_user').select(['password_hash', 'area_id']).where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, input.oldPassword))) {
      throw invalid('oldPassword', '原密码不正确', 'wrong_password');
    }
    checkPasswordStrength(input.newPassword, 'newPassword');
    if (input.newPassword === input.oldPassword) throw invalid('newPassword', '新密码不能与原密码相同', 'same_password');
    await trx
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(input.newPassword), updated_at: sql`now()` })
      .where('id', '=', userId)
      .execute();
    await endSessions(trx, userId, currentToken);
    await recordAudit(trx, actor, { action: 'change_password', entity: 'app_user', entityId: userId, areaId: user.area_id });
  });
}
