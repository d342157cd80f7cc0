import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { AreaChangeTable, AreaKind, AreaLevel } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePermission, pathInScope } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { todayInShanghai, isRealDate } from '../dates.ts';
import { AREA_LEVEL_NAMES } from '../area-levels.ts';
import { checkAreaCode } from './area-code.ts';

export interface NewArea {
  code: string;
  name: string;
  kind: AreaKind;
  urban?: boolean;
  parentId?: number | null;
  validFrom?: string;
}

export const LEVEL_OF_KIND: Record<AreaKind, AreaLevel> = {
  county: 'county',
  street: 'township',
  town: 'township',
  township: 'township',
  community: 'village',
  village: 'village',
};
const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = { county: null, township: 'county', village: 'township' };
// How many leading code digits an area shares with its children: the county part, or county + township.
export const CHILD_PREFIX_LENGTH: Record<AreaLevel, number> = { county: 6, township: 9, village: 12 };
// Streets and communities are urban; towns, townships and villages rural, unless told otherwise.
const URBAN_KINDS = new Set<AreaKind>(['street', 'community']);

/** A child's code must start with its parent's county (+ township) digits. */
export function checkCodeUnderParent(code: string, parent: { code: string; level: AreaLevel }, field = 'code'): void {
  const prefixLength = CHILD_PREFIX_LENGTH[parent.level];
  if (code.slice(0, prefixLength) !== parent.code.slice(0, prefixLength)) {
    throw invalid(field, `区划代码 ${code} 与上级区划代码 ${parent.code} 不符：前 ${prefixLength} 位应相同`, 'area_code_mismatch');
  }
}

/** Refuses a code another current area already uses (ended areas' codes may be reused). */
export async function checkCodeFree(trx: Db, code: string, field = 'code', exceptIds: number[] = []): Promise<void> {
  let query = trx.selectFrom('area').select('name').where('code', '=', code).where('valid_to', 'is', null);
  if (exceptIds.length) query = query.where('id', 'not in', exceptIds);
  const taken = await query.executeTakeFirst();
  if (taken) throw conflict('duplicate_area_code', `区划代码 ${code} 已被「${taken.name}」使用`, field);
}

/** Creates an area under its parent, with its first version and an audit entry. Runs in the caller's transaction. */
export async function createArea(trx: Db, actor: Actor, input: NewArea): Promise<number> {
  requirePermission(actor, 'areas.manage');
  const level = LEVEL_OF_KIND[input.kind];
  checkAreaCode(input.code, input.kind);
  const validFrom = input.validFrom ?? '2000-01-01';
  const urban = input.urban ?? URBAN_KINDS.has(input.kind);
  let parentPath = '/';
  if (PARENT_LEVEL[level]) {
    const parent = input.parentId
      ? await trx.selectFrom('area').select(['id', 'level', 'path', 'code', 'valid_to']).where('id', '=', input.parentId).executeTakeFirst()
      : undefined;
    if (!parent || parent.level !== PARENT_LEVEL[level] || parent.valid_to !== null || !pathInScope(actor.scope, parent.path)) {
      throw invalid('parentId', `上级区划不存在、已撤销或级别不对：${input.name}应属于一个${AREA_LEVEL_NAMES[PARENT_LEVEL[level]!]}`);
    }
    checkCodeUnderParent(input.code, parent);
    parentPath = parent.path;
  } else if (input.parentId) {
    throw invalid('parentId', '县（区）不能有上级区划');
  } else if (actor.scope.path !== '/') {
    throw invalid('parentId', '只有系统管理可以建立县（区）');
  }
  await checkCodeFree(trx, input.code);

  const { id } = await trx
    .insertInto('area')
    .values({ level, kind: input.kind, code: input.code, name: input.name, urban, parent_id: input.parentId ?? null, path: '', valid_from: validFrom })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parentPath}${id}/`;
  await trx.updateTable('area').set({ path }).where('id', '=', id).execute();
  await trx
    .insertInto('area_version')
    .values({ area_id: id, code: input.code, name: input.name, parent_id: input.parentId ?? null, urban, valid_from: validFrom })
    .execute();
  await recordAudit(trx, actor, { action: 'create', entity: 'area', entityId: id, areaId: id, after: { ...input, level, urban, path } });
  return id;
}

export interface AreaNode {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
  kind: AreaKind;
  urban: boolean;
  children: AreaNode[];
}

export interface AreaVersion {
  code: string;
  name: string;
  parentId: number | null;
  urban: boolean;
  validFrom: string;
  validTo: string | null;
}

export interface AreaChange {
  id: number;
  kind: AreaChangeTable['kind'];
  effective: string;
  fromAreaIds: number[];
  toAreaIds: number[];
  note: string | null;
}

/** One area with its history: the versions it went through and the changes it took part in. */
export interface AreaDetail extends Omit<AreaNode, 'children'> {
  parentId: number | null;
  path: string;
  validFrom: string;
  validTo: string | null;
  versions: AreaVersion[];
  changes: AreaChange[];
}

/** The ids on a scope's path above its own area ('/1/4/27/' → 1, 4): shown in the tree, without their other children. */
function ancestorIds(scopePath: string): number[] {
  return scopePath.split('/').filter(Boolean).map(Number).slice(0, -1);
}

/** May the actor look at this area? Its own subtree, and the chain of areas above it. */
export function areaVisible(actor: Actor, path: string): boolean {
  return pathInScope(actor.scope, path) || actor.scope.path.startsWith(path);
}

/**
 * The caller's part of the area tree as it stood on a date (default today): names, codes and
 * parents come from the area versions valid that day, so old codes stay queryable.
 */
export async function areaTree(db: Db, actor: Actor, options: { asOf?: string } = {}): Promise<AreaNode[]> {
  requirePermission(actor, 'areas.read');
  const asOf = options.asOf ?? todayInShanghai();
  if (!isRealDate(asOf)) throw invalid('asOf', `日期「${asOf}」无效，应为 YYYY-MM-DD`);
  const above = ancestorIds(actor.scope.path);
  const rows = await db
    .selectFrom('area_version as v')
    .innerJoin('area', 'area.id', 'v.area_id')
    .select(['area.id', 'v.code', 'v.name', 'area.level', 'area.kind', 'v.urban', 'v.parent_id'])
    .where('v.valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>=', asOf)]))
    .where((eb) => {
      const inScope = eb('area.path', 'like', `${actor.scope.path}%`);
      return above.length ? eb.or([inScope, eb('area.id', 'in', above)]) : inScope;
    })
    .orderBy('v.code')
    .execute();
  const nodes = new Map<number, AreaNode & { parentId: number | null }>();
  for (const r of rows) {
    nodes.set(r.id, { id: r.id, code: r.code, name: r.name, level: r.level, kind: r.kind, urban: r.urban, children: [], parentId: r.parent_id });
  }
  const roots: AreaNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const strip = ({ parentId: _p, children, ...rest }: AreaNode & { parentId?: number | null }): AreaNode => ({
    ...rest,
    children: children.map(strip),
  });
  return roots.map(strip);
}

/** One area with its dated versions and the changes it took part in. */
export async function getArea(db: Db, actor: Actor, id: number): Promise<AreaDetail> {
  requirePermission(actor, 'areas.read');
  const area = await db.selectFrom('area').selectAll().where('id', '=', id).executeTakeFirst();
  if (!area || !areaVisible(actor, area.path)) throw notFound('区划');
  const versions = await db
    .selectFrom('area_version')
    .select(['code', 'name', 'parent_id', 'urban', 'valid_from', 'valid_to'])
    .where('area_id', '=', id)
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
  const changes = await db
    .selectFrom('area_change')
    .select(['id', 'kind', 'effective', 'from_area_ids', 'to_area_ids', 'note'])
    .where((eb) => eb.or([eb(sql<number>`${id}`, '=', sql<number>`any(from_area_ids)`), eb(sql<number>`${id}`, '=', sql<number>`any(to_area_ids)`)]))
    .orderBy('effective')
    .orderBy('id')
    .execute();
  return {
    id: area.id,
    code: area.code,
    name: area.name,
    level: area.level,
    kind: area.kind,
    urban: area.urban,
    parentId: area.parent_id,
    path: area.path,
    validFrom: area.valid_from,
    validTo: area.valid_to,
    versions: versions.map((v) => ({ code: v.code, name: v.name, parentId: v.parent_id, urban: v.urban, validFrom: v.valid_from, validTo: v.valid_to })),
    changes: changes.map((c) => ({ id: c.id, kind: c.kind, effective: c.effective, fromAreaIds: c.from_area_ids, toAreaIds: c.to_area_ids, note: c.note })),
  };
}

/** The area that carried a code on a date (codes are reused after an area ends), within the caller's view. */
export async function findAreaByCode(db: Db, actor: Actor, code: string, asOf: string = todayInShanghai()) {
  requirePermission(actor, 'areas.read');
  if (!isRealDate(asOf)) throw invalid('asOf', `日期「${asOf}」无效，应为 YYYY-MM-DD`);
  const row = await db
    .selectFrom('area_version as v')
    .innerJoin('area', 'area.id', 'v.area_id')
    .select(['area.id', 'area.path', 'v.code', 'v.name', 'v.valid_from', 'v.valid_to'])
    .where('v.code', '=', code)
    .where('v.valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>=', asOf)]))
    .executeTakeFirst();
  if (!row || !areaVisible(actor, row.path)) throw notFound(`区划代码 ${code}（${asOf}）`);
  return { id: row.id, code: row.code, name: row.name, validFrom: row.valid_from, validTo: row.valid_to };
}
