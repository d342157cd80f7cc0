import type { Db } from '../db/connection.ts';
import type { InstitutionLevel } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { conflict, invalid } from '../errors.ts';
import { AREA_LEVEL_NAMES } from '../area-levels.ts';
import {
  DESIGNATIONS,
  INSTITUTION_KINDS,
  INSTITUTION_LEVELS,
  isDesignation,
  isInstitutionKind,
  isInstitutionLevel,
  servedAreaLevel,
} from './catalog.ts';

export interface InstitutionFields {
  code: string;
  name: string;
  kind: string;
  level: string;
  areaId: number;
  parentId: number | null;
  designations: string[];
  address: string;
  phone: string | null;
}

export interface CheckedInstitution extends InstitutionFields {
  level: InstitutionLevel;
}

// Parent chains are short (clinic → township centre → county hospital); this only stops a loop.
const MAX_PARENT_DEPTH = 20;

/** Phone numbers as clerks type them: digits with optional spaces, dashes, parentheses and a leading +. */
export function checkPhone(phone: string | null | undefined, field = 'phone'): string | null {
  const value = phone?.trim() || null;
  if (value && !/^\+?[\d\s()-]{5,20}$/.test(value)) {
    throw invalid(field, `电话号码「${value}」格式不正确：只能包含数字、空格和短横线`, 'invalid_phone');
  }
  return value;
}

export function requireText(value: string | undefined, field: string, label: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw invalid(field, `${label}不能为空`, 'required');
  return text;
}

/**
 * Checks an institution's fields as they will be stored (all of them, on update the merged
 * record) and returns them trimmed. Every fault names its field in Chinese.
 */
export async function checkInstitution(trx: Db, actor: Actor, input: InstitutionFields, selfId?: number): Promise<CheckedInstitution> {
  const code = requireText(input.code, 'code', '机构代码');
  const name = requireText(input.name, 'name', '机构名称');
  const { kind, level } = input;
  if (!isInstitutionKind(kind)) {
    throw invalid('kind', `未知的机构类别「${kind}」，可选：${Object.values(INSTITUTION_KINDS).map((k) => k.name).join('、')}`, 'unknown_kind');
  }
  if (!isInstitutionLevel(level)) {
    throw invalid('level', `未知的机构级别「${level}」，可选：${Object.values(INSTITUTION_LEVELS).join('、')}`, 'unknown_level');
  }
  const kindName = INSTITUTION_KINDS[kind].name;
  const areaLevel = servedAreaLevel(kind, level);
  if (!areaLevel) {
    const allowed = Object.keys(INSTITUTION_KINDS[kind].levels).map((l) => INSTITUTION_LEVELS[l as InstitutionLevel]);
    throw invalid('level', `机构级别「${INSTITUTION_LEVELS[level]}」不适用于${kindName}，应为：${allowed.join('、')}`, 'level_not_allowed');
  }

  const area = await trx
    .selectFrom('area')
    .select(['name', 'level'])
    .where('id', '=', input.areaId)
    .where('valid_to', 'is', null)
    .where('id', 'in', areaIdsIn(trx, actor.scope))
    .executeTakeFirst();
  if (!area) throw invalid('areaId', `所在区划（编号 ${input.areaId}）不存在、已撤销或不在您的管辖范围内`, 'unknown_area');
  if (area.level !== areaLevel) {
    throw invalid(
      'areaId',
      `${INSTITUTION_LEVELS[level]}${kindName}应设在${AREA_LEVEL_NAMES[areaLevel]}，而「${area.name}」是${AREA_LEVEL_NAMES[area.level]}`,
      'area_level_mismatch',
    );
  }

  const unknown = input.designations.find((d) => !isDesignation(d));
  if (unknown !== undefined) {
    throw invalid('designations', `未知的机构标识「${unknown}」，可选：${Object.values(DESIGNATIONS).join('、')}`, 'unknown_designation');
  }

  const taken = await trx
    .selectFrom('institution')
    .select('name')
    .where('code', '=', code)
    .$if(selfId !== undefined, (q) => q.where('id', '<>', selfId!))
    .executeTakeFirst();
  if (taken) throw conflict('duplicate_institution_code', `机构代码「${code}」已被「${taken.name}」使用`, 'code');

  if (input.parentId !== null) await checkParent(trx, input.parentId, selfId);

  return {
    code,
    name,
    kind,
    level,
    areaId: input.areaId,
    parentId: input.parentId,
    designations: [...new Set(input.designations)],
    address: input.address.trim(),
    phone: checkPhone(input.phone),
  };
}

/** The parent must exist and must not be the institution itself or one of its own subordinates. */
async function checkParent(trx: Db, parentId: number, selfId: number | undefined): Promise<void> {
  let id: number | null = parentId;
  for (let depth = 0; id !== null && depth < MAX_PARENT_DEPTH; depth++) {
    if (id === selfId) throw invalid('parentId', '上级机构不能是本机构或本机构的下级机构', 'parent_cycle');
    const row: { parent_id: number | null } | undefined = await trx
      .selectFrom('institution')
      .select('parent_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) {
      if (id === parentId) throw invalid('parentId', `上级机构（编号 ${parentId}）不存在`, 'unknown_parent');
      return;
    }
    id = row.parent_id;
  }
}
