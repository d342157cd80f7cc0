import type { Db } from '../db/connection.ts';
import type { Actor } from './actor.ts';
import { ROLES, type Role } from './roles.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { conflict, invalid } from '../errors.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaId: number;
  institutionId?: number | null;
}

export async function createUser(trx: Db, actor: Actor, input: NewUser): Promise<number> {
  if (!(input.role in ROLES)) throw invalid('role', `未知角色：${input.role}`);
  checkPasswordStrength(input.password);
  const existing = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
  if (existing) throw conflict('duplicate_username', `用户名「${input.username}」已被使用`, 'username');
  const { id } = await trx
    .insertInto('app_user')
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      area_id: input.areaId,
      institution_id: input.institutionId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { password: _secret, ...shown } = input;
  await recordAudit(trx, actor, { action: 'create', entity: 'app_user', entityId: id, areaId: input.areaId, after: shown });
  return id;
}
