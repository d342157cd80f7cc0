/**
 * Reviewers: users whose role has 'ncms.review'. An item goes only to a reviewer whose scope holds the claim's
 * institution (the same rule that lets them read the claim), so nobody is handed work they may not do.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { can, ROLE_NAMES } from '../../core/auth/roles.ts';
import { institutionIdsIn } from '../../core/institutions/institutions.ts';
import { invalid } from '../../core/errors.ts';

export interface Reviewer {
  userId: number;
  name: string;
  institutions: ReadonlySet<number>;
}

export interface ReviewerInfo {
  userId: number;
  name: string;
  username: string;
  areaName: string;
}

const REVIEW_ROLES = ROLE_NAMES.filter((r) => can(r, 'ncms.review'));

/**
 * Active reviewers whose area lies inside the caller's scope. No users service lists by permission for non-admins,
 * so this one query reads app_user (read-only, scoped like the users admin list).
 */
export async function listReviewers(db: Db, actor: Actor): Promise<ReviewerInfo[]> {
  requirePermission(actor, 'ncms.review');
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('area', 'area.id', 'app_user.area_id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.username', 'area.name as area_name'])
    .where('app_user.role', 'in', REVIEW_ROLES)
    .where('app_user.active', '=', true)
    .where('app_user.area_id', 'in', areaIdsIn(db, actor.scope))
    .orderBy('app_user.username')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, username: r.username, areaName: r.area_name }));
}

/** The named users as reviewers with the institutions in their scope; one that cannot review is refused by name. */
export async function reviewerInstitutions(db: Db, userIds: readonly number[]): Promise<Reviewer[]> {
  const reviewers: Reviewer[] = [];
  for (const [i, userId] of [...new Set(userIds)].entries()) {
    const user = await actorForUser(db, userId);
    if (!user || !can(user.role, 'ncms.review')) throw invalid(`assignTo.${i}`, `用户 ${userId} 不是审核人员（需合管办经办人或卫健局管理员），请重新选择`, 'not_a_reviewer');
    const ids = await institutionIdsIn(db, user.scope).execute();
    reviewers.push({ userId, name: user.name, institutions: new Set(ids.map((r) => r.id)) });
  }
  return reviewers;
}
