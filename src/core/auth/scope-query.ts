import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database.ts';
import type { Scope } from './actor.ts';

/**
 * The ids of every area inside a scope, as a subquery: `where(col, 'in', areaIdsIn(db, scope))`.
 * This is the one place the scope becomes SQL; every scoped service query goes through it.
 */
export function areaIdsIn(
  eb: ExpressionBuilder<Database, any> | { selectFrom: ExpressionBuilder<Database, any>['selectFrom'] },
  scope: Scope,
): SelectQueryBuilder<Database, 'area', { id: number }> {
  return (eb.selectFrom('area') as SelectQueryBuilder<Database, 'area', {}>)
    .select('area.id')
    .where('area.path', 'like', `${scope.path}%`);
}
