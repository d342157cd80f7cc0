import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Actor } from './actor.ts';
import type { Role } from './roles.ts';
import { verifyPassword } from './passwords.ts';

export const SESSION_HOURS = 12;
const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  areaId: number;
  areaName: string;
  institutionId: number | null;
}

/**
 * Checks a username and password and opens a session. Five wrong passwords lock the account
 * for a quarter of an hour; the message never tells which of the two was wrong.
 */
export async function login(db: Db, username: string, password: string): Promise<{ token: string; user: SessionUser }> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  const wrong = new AppError('login_failed', '用户名或密码错误', 401);
  if (!user || !user.active) {
    throw wrong;
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    throw new AppError('account_locked', `密码错误次数过多，账号已锁定，请 ${LOCK_MINUTES} 分钟后再试`, 423);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failed = user.failed_logins + 1;
    await db
      .updateTable('app_user')
      .set({
        failed_logins: failed >= MAX_FAILED_LOGINS ? 0 : failed,
        locked_until: failed >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null,
      })
      .where('id', '=', user.id)
      .execute();
    throw wrong;
  }
  const token = randomBytes(32).toString('base64url');
  const row = await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', user.id).execute();
    await trx
      .insertInto('user_session')
      .values({ token_hash: tokenHash(token), user_id: user.id, expires_at: new Date(Date.now() + SESSION_HOURS * 3_600_000) })
      .execute();
    const loggedIn = await userQuery(trx).where('app_user.id', '=', user.id).executeTakeFirstOrThrow();
    await recordAudit(trx, toActor(loggedIn), { action: 'login', entity: 'app_user', entityId: user.id });
    return loggedIn;
  });
  return { token, user: toSessionUser(row) };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash(token)).execute();
}

/** The actor behind a session token, or null when the token is unknown, expired or its user disabled. */
export async function actorForToken(db: Db, token: string): Promise<{ actor: Actor; user: SessionUser } | null> {
  const row = await userQuery(db)
    .innerJoin('user_session', 'user_session.user_id', 'app_user.id')
    .where('user_session.token_hash', '=', tokenHash(token))
    .where('user_session.expires_at', '>', new Date())
    .where('app_user.active', '=', true)
    .executeTakeFirst();
  return row ? { actor: toActor(row), user: toSessionUser(row) } : null;
}

export async function actorForUser(db: Db, userId: number): Promise<Actor | null> {
  const row = await userQuery(db).where('app_user.id', '=', userId).executeTakeFirst();
  return row ? toActor(row) : null;
}

function userQuery(db: Db) {
  return db
    .selectFrom('app_user')
    .innerJoin('area', 'area.id', 'app_user.area_id')
    .select([
      'app_user.id',
      'app_user.username',
      'app_user.display_name as displayName',
      'app_user.role',
      'app_user.institution_id as institutionId',
      'area.id as areaId',
      'area.name as areaName',
      'area.path',
    ]);
}
type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

const toActor = (row: UserRow): Actor => ({
  userId: row.id,
  name: row.displayName,
  role: row.role as Role,
  scope: { areaId: row.areaId, path: row.path },
  institutionId: row.institutionId,
});

const toSessionUser = ({ path: _path, ...row }: UserRow): SessionUser => ({ ...row, role: row.role as Role });

/** Ends a user's sessions: all of them, or all but the one holding `keepToken` (the session a password was changed from). */
export async function endSessions(db: Db, userId: number, keepToken?: string): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .$if(keepToken !== undefined, (q) => q.where('token_hash', '<>', tokenHash(keepToken!)))
    .execute();
}
