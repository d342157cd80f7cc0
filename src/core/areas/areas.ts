import type { Db } from '../db/connection.ts';
import type { AreaKind, AreaLevel } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { conflict, invalid } from '../errors.ts';
import { checkAreaCode } from './area-code.ts';

export interface NewArea {
  code: string;
  name: string;
  kind: AreaKind;
  urban?: boolean;
  parentId?: number | null;
  validFrom?: string;
}

const LEVEL_OF_KIND: Record<AreaKind, AreaLevel> = {
  county: 'county',
  street: 'township',
  town: 'township',
  township: 'township',
  community: 'village',
  village: 'village',
};
const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = { county: null, township: 'county', village: 'township' };
// Streets and communities are urban; towns, townships and villages rural, unless told otherwise.
const URBAN_KINDS = new Set<AreaKind>(['street', 'community']);

/** Creates an area under its parent, with its first version and an audit entry. Runs in the caller's transaction. */
export async function createArea(trx: Db, actor: Actor, input: NewArea): Promise<number> {
  const level = LEVEL_OF_KIND[input.kind];
  checkAreaCode(input.code, input.kind);
  const validFrom = input.validFrom ?? '2000-01-01';
  const urban = input.urban ?? URBAN_KINDS.has(input.kind);
  let parentPath = '/';
  if (PARENT_LEVEL[level]) {
    const parent = input.parentId
      ? await trx.selectFrom('area').select(['id', 'level', 'path', 'code']).where('id', '=', input.parentId).executeTakeFirst()
      : undefined;
    if (!parent || parent.level !== PARENT_LEVEL[level]) {
      throw invalid('parentId', `上级区划不存在或级别不对：${input.name}应属于一个${PARENT_LEVEL[level] === 'county' ? '县（区）' : '乡镇（街道）'}`);
    }
    const prefixLength = level === 'township' ? 6 : 9;
    if (input.code.slice(0, prefixLength) !== parent.code.slice(0, prefixLength)) {
      throw invalid('code', `区划代码 ${input.code} 与上级区划代码 ${parent.code} 不符：前 ${prefixLength} 位应相同`, 'area_code_mismatch');
    }
    parentPath = parent.path;
  } else if (input.parentId) {
    throw invalid('parentId', '县（区）不能有上级区划');
  }
  const taken = await trx.selectFrom('area').select('name').where('code', '=', input.code).where('valid_to', 'is', null).executeTakeFirst();
  if (taken) throw conflict('duplicate_area_code', `区划代码 ${input.code} 已被「${taken.name}」使用`, 'code');

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
