import type { Db } from '../db/connection.ts';
import type { Actor } from './actor.ts';
import { ROLES, type Role } from './roles.ts';
import { ROLE_AREA_LEVEL } from './role-areas.ts';
import { areaIdsIn } from './scope-query.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { AREA_LEVEL_NAMES } from '../area-levels.ts';
import { conflict, invalid } from '../errors.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: string;
  areaId: number;
  institutionId?: number | null;
}

export interface UserPlacement {
  role: string;
  areaId: number;
  institutionId: number | null;
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;

export async function createUser(trx: Db, actor: Actor, input: NewUser): Promise<number> {
  if (!USERNAME.test(input.username)) {
    throw invalid('username', '用户名须为 2-32 位字母、数字、下划线、点或短横线', 'invalid_username');
  }
  const displayName = checkDisplayName(input.displayName);
  checkPasswordStrength(input.password);
  await checkPlacement(trx, actor, { role: input.role, areaId: input.areaId, institutionId: input.institutionId ?? null });
  const existing = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
  if (existing) throw conflict('duplicate_username', `用户名「${input.username}」已被使用`, 'username');
  const { id } = await trx
    .insertInto('app_user')
    .values({
      username: input.username,
      display_name: displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      area_id: input.areaId,
      institution_id: input.institutionId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { password: _secret, ...shown } = input;
  await recordAudit(trx, actor, { action: 'create', entity: 'app_user', entityId: id, areaId: input.areaId, after: { ...shown, displayName } });
  return id;
}

export function checkDisplayName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('displayName', '姓名不能为空', 'required');
  return trimmed;
}

/**
 * A user's role, scope area and institution must fit together: the area must exist, lie in the
 * actor's own scope and be of the level the role works at (see ROLE_AREA_LEVEL).
 */
export async function checkPlacement(trx: Db, actor: Actor, placement: UserPlacement): Promise<void> {
  const { role, areaId, institutionId } = placement;
  if (!Object.hasOwn(ROLES, role)) throw invalid('role', `未知角色「${role}」，可选：${Object.values(ROLES).join('、')}`, 'unknown_role');
  const area = await trx
    .selectFrom('area')
    .select(['name', 'level'])
    .where('id', '=', areaId)
    .where('valid_to', 'is', null)
    .where('id', 'in', areaIdsIn(trx, actor.scope))
    .executeTakeFirst();
  if (!area) throw invalid('areaId', `管辖区划（编号 ${areaId}）不存在、已撤销或不在您的管辖范围内`, 'unknown_area');
  const level = ROLE_AREA_LEVEL[role as Role];
  if (area.level !== level) {
    throw invalid(
      'areaId',
      `${ROLES[role as Role]}的管辖区划应为${AREA_LEVEL_NAMES[level]}，而「${area.name}」是${AREA_LEVEL_NAMES[area.level]}`,
      'area_does_not_fit_role',
    );
  }
  if (institutionId !== null) {
    const institution = await trx.selectFrom('institution').select('id').where('id', '=', institutionId).executeTakeFirst();
    if (!institution) throw invalid('institutionId', `所属机构（编号 ${institutionId}）不存在`, 'unknown_institution');
  }
}
