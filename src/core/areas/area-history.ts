import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { AreaChangeTable } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePermission, pathInScope } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { invalid, notFound } from '../errors.ts';
import { addDays, isRealDate, todayInShanghai } from '../dates.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { AREA_LEVEL_NAMES } from '../area-levels.ts';
import { checkAreaCode } from './area-code.ts';
import { CHILD_PREFIX_LENGTH, checkCodeFree, checkCodeUnderParent, createArea } from './areas.ts';

// Area restructuring (区划调整) is dated: an area's current version closes the day before the change
// takes effect and a new one opens on it. Area ids are never reused or deleted, so statistics that
// hang on an old id keep working and `areaLineage` tells what it became.

type AreaRow = Awaited<ReturnType<typeof lockCurrentArea>>;

/** Loads and locks a current area the actor may manage; anything else answers like a missing area. */
async function lockCurrentArea(trx: Db, actor: Actor, id: number, field?: string) {
  const area = await trx.selectFrom('area').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!area || area.valid_to !== null || !pathInScope(actor.scope, area.path)) {
    if (field) throw invalid(field, `区划 ${id} 不存在、已撤销或不在您的管辖范围内`, 'unknown_area');
    throw notFound('区划');
  }
  const version = await trx
    .selectFrom('area_version')
    .select(['id', 'valid_from'])
    .where('area_id', '=', id)
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  return { ...area, versionFrom: version.valid_from };
}

/** An effective date must be a real day, not in the future, and after the area's current version began. */
function checkEffective(effective: string, areas: AreaRow[]): void {
  if (!isRealDate(effective)) throw invalid('effective', `生效日期「${effective}」无效，应为 YYYY-MM-DD`);
  if (effective > todayInShanghai()) throw invalid('effective', `生效日期 ${effective} 不能晚于今天`);
  for (const area of areas) {
    if (effective <= area.versionFrom) {
      throw invalid('effective', `生效日期应晚于「${area.name}」现行名称代码的启用日期 ${area.versionFrom}`);
    }
  }
}

/** Ends an area's current version the day before `effective` and, unless the area ends too, opens the next one. */
async function closeVersion(trx: Db, areaId: number, effective: string, next?: { code: string; name: string; parent_id: number | null; urban: boolean }) {
  const validTo = addDays(effective, -1);
  await trx.updateTable('area_version').set({ valid_to: validTo }).where('area_id', '=', areaId).where('valid_to', 'is', null).execute();
  if (next) {
    await trx.insertInto('area_version').values({ area_id: areaId, ...next, valid_from: effective }).execute();
    await trx.updateTable('area').set({ code: next.code, name: next.name }).where('id', '=', areaId).execute();
  } else {
    await trx.updateTable('area').set({ valid_to: validTo }).where('id', '=', areaId).execute();
  }
}

async function recordChange(trx: Db, change: { kind: AreaChangeTable['kind']; effective: string; from: number[]; to: number[]; note: string }) {
  const { id } = await trx
    .insertInto('area_change')
    .values({ kind: change.kind, effective: change.effective, from_area_ids: change.from, to_area_ids: change.to, note: change.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface RenameInput {
  name?: string | undefined;
  code?: string | undefined;
  effective: string;
}

/**
 * Renames and/or recodes an area from a date. A new code carries down to the current areas below it
 * (their county/township digits change with it), each with its own dated version.
 */
export async function renameArea(db: Db, actor: Actor, id: number, input: RenameInput): Promise<void> {
  requirePermission(actor, 'areas.manage');
  await inTransaction(db, async (trx) => {
    const area = await lockCurrentArea(trx, actor, id);
    const name = input.name?.trim() || area.name;
    const code = input.code ?? area.code;
    if (input.name !== undefined && !input.name.trim()) throw invalid('name', '名称不能为空');
    if (name === area.name && code === area.code) throw invalid('name', '名称和区划代码都没有改变');
    checkEffective(input.effective, [area]);
    const descendants: Array<{ id: number; code: string; name: string; parent_id: number | null; urban: boolean }> = [];
    if (code !== area.code) {
      checkAreaCode(code, area.kind);
      if (area.parent_id !== null) {
        const parent = await trx.selectFrom('area').select(['code', 'level']).where('id', '=', area.parent_id).executeTakeFirstOrThrow();
        checkCodeUnderParent(code, parent);
      }
      await checkCodeFree(trx, code, 'code', [id]);
      const below = await trx
        .selectFrom('area')
        .select(['id', 'code', 'name', 'parent_id', 'urban'])
        .where('path', 'like', `${area.path}%`)
        .where('id', '!=', id)
        .where('valid_to', 'is', null)
        .forUpdate()
        .execute();
      const prefix = code.slice(0, CHILD_PREFIX_LENGTH[area.level]);
      for (const child of below) {
        const childCode = prefix + child.code.slice(prefix.length);
        await checkCodeFree(trx, childCode, 'code', [id, ...below.map((b) => b.id)]);
        descendants.push({ ...child, code: childCode });
      }
    }
    const kind = code !== area.code ? 'recode' : 'rename';
    await closeVersion(trx, id, input.effective, { code, name, parent_id: area.parent_id, urban: area.urban });
    await recordChange(trx, { kind, effective: input.effective, from: [id], to: [id], note: `${area.name}（${area.code}）→ ${name}（${code}）` });
    for (const child of descendants) {
      const { id: childId, ...next } = child;
      const old = await trx.selectFrom('area').select('code').where('id', '=', childId).executeTakeFirstOrThrow();
      await closeVersion(trx, childId, input.effective, next);
      await recordChange(trx, { kind: 'recode', effective: input.effective, from: [childId], to: [childId], note: `随上级改码：${old.code} → ${next.code}` });
    }
    await recordAudit(trx, actor, {
      action: kind,
      entity: 'area',
      entityId: id,
      areaId: id,
      before: { name: area.name, code: area.code },
      after: { name, code, effective: input.effective, recodedBelow: descendants.map((d) => ({ id: d.id, code: d.code })) },
    });
  });
}

/**
 * Moves households into an area, keeping each 户编号 when it is free there and otherwise giving the
 * next free one. Returns what moved, for the audit entry.
 */
async function moveHouseholds(trx: Db, householdIds: number[], intoId: number) {
  if (householdIds.length === 0) return [];
  const taken = new Set(
    (await trx.selectFrom('household').select('household_no').where('area_id', '=', intoId).execute()).map((h) => h.household_no),
  );
  let next = Math.max(0, ...[...taken].map(Number));
  const households = await trx
    .selectFrom('household')
    .select(['id', 'area_id', 'household_no'])
    .where('id', 'in', householdIds)
    .orderBy('area_id')
    .orderBy('household_no')
    .execute();
  const moved = [];
  for (const h of households) {
    let no = h.household_no;
    while (taken.has(no)) {
      next += 1;
      if (next > 9999) throw invalid('intoId', '目标区划的户编号已用完（最多 9999 户）');
      no = String(next).padStart(4, '0');
    }
    taken.add(no);
    await trx.updateTable('household').set({ area_id: intoId, household_no: no, updated_at: sql`now()` }).where('id', '=', h.id).execute();
    moved.push({ id: h.id, fromAreaId: h.area_id, householdNo: h.household_no, newHouseholdNo: no });
  }
  return moved;
}

export interface MergeInput {
  fromIds: number[];
  intoId: number;
  effective: string;
}

/**
 * Merges areas into another of the same level (撤并): the sources end the day before `effective`
 * and their households move to the target. Areas that still have current areas below them are
 * refused: merge or move those first, so no village is left under an ended township.
 */
export async function mergeAreas(db: Db, actor: Actor, input: MergeInput): Promise<void> {
  requirePermission(actor, 'areas.manage');
  if (input.fromIds.length === 0) throw invalid('fromIds', '请选择要并入的区划');
  if (input.fromIds.includes(input.intoId)) throw invalid('intoId', '不能把区划并入它自己');
  const repeated = input.fromIds.findIndex((id, i) => input.fromIds.indexOf(id) !== i);
  if (repeated >= 0) throw invalid(`fromIds.${repeated}`, '同一区划选了两次');
  await inTransaction(db, async (trx) => {
    const into = await lockCurrentArea(trx, actor, input.intoId, 'intoId');
    const sources: AreaRow[] = [];
    for (const [i, id] of input.fromIds.entries()) {
      const source = await lockCurrentArea(trx, actor, id, `fromIds.${i}`);
      if (source.level !== into.level) {
        throw invalid(`fromIds.${i}`, `「${source.name}」是${AREA_LEVEL_NAMES[source.level]}，「${into.name}」是${AREA_LEVEL_NAMES[into.level]}，级别不同不能合并`);
      }
      const child = await trx.selectFrom('area').select('name').where('parent_id', '=', id).where('valid_to', 'is', null).executeTakeFirst();
      if (child) throw invalid(`fromIds.${i}`, `「${source.name}」下还有现行的下级区划（如「${child.name}」），请先合并或调整下级区划`);
      sources.push(source);
    }
    checkEffective(input.effective, sources);
    const householdIds = (await trx.selectFrom('household').select('id').where('area_id', 'in', input.fromIds).execute()).map((h) => h.id);
    const moved = await moveHouseholds(trx, householdIds, input.intoId);
    for (const source of sources) await closeVersion(trx, source.id, input.effective);
    await recordChange(trx, {
      kind: 'merge',
      effective: input.effective,
      from: input.fromIds,
      to: [input.intoId],
      note: `${sources.map((s) => s.name).join('、')} 并入 ${into.name}`,
    });
    await recordAudit(trx, actor, {
      action: 'merge',
      entity: 'area',
      entityId: input.intoId,
      areaId: input.intoId,
      before: { sources: sources.map((s) => ({ id: s.id, code: s.code, name: s.name })) },
      after: { effective: input.effective, movedHouseholds: moved },
    });
  });
}

export interface SplitPart {
  code: string;
  name: string;
  householdIds: number[];
}

/**
 * Splits a village or community (拆分) into new sibling areas. Decision: the source ENDS the day
 * before `effective` and every one of its households must be assigned to exactly one part, so no
 * household is left in an ended area and the old area's figures map cleanly onto the parts.
 * A part may take over the source's code (it is free once the source ends). Returns the new ids.
 */
export async function splitArea(db: Db, actor: Actor, id: number, input: { effective: string; parts: SplitPart[] }): Promise<number[]> {
  requirePermission(actor, 'areas.manage');
  if (input.parts.length < 2) throw invalid('parts', '拆分至少要分成两个区划');
  return inTransaction(db, async (trx) => {
    const source = await lockCurrentArea(trx, actor, id);
    if (source.level !== 'village') throw invalid('id', `只有村（社区）可以拆分，「${source.name}」是${AREA_LEVEL_NAMES[source.level]}`);
    checkEffective(input.effective, [source]);
    const parent = await trx.selectFrom('area').select(['code', 'level']).where('id', '=', source.parent_id!).executeTakeFirstOrThrow();
    const owned = new Set(
      (await trx.selectFrom('household').select('id').where('area_id', '=', id).execute()).map((h) => h.id),
    );
    const assigned = new Map<number, string>();
    for (const [i, part] of input.parts.entries()) {
      if (!part.name.trim()) throw invalid(`parts.${i}.name`, '名称不能为空');
      checkAreaCode(part.code, source.kind);
      checkCodeUnderParent(part.code, parent, `parts.${i}.code`);
      if (input.parts.findIndex((p) => p.code === part.code) !== i) throw invalid(`parts.${i}.code`, `区划代码 ${part.code} 在拆分方案中出现了两次`);
      await checkCodeFree(trx, part.code, `parts.${i}.code`, [id]);
      for (const [j, householdId] of part.householdIds.entries()) {
        const field = `parts.${i}.householdIds.${j}`;
        if (!owned.has(householdId)) throw invalid(field, `户 ${householdId} 不属于「${source.name}」`);
        if (assigned.has(householdId)) throw invalid(field, `户 ${householdId} 已分给「${assigned.get(householdId)}」，不能重复分配`);
        assigned.set(householdId, part.name);
      }
    }
    const left = [...owned].filter((h) => !assigned.has(h));
    if (left.length) {
      throw invalid('parts', `「${source.name}」还有 ${left.length} 户未分配（户 ${left.slice(0, 5).join('、')}${left.length > 5 ? ' 等' : ''}），拆分后原区划撤销，每户都须分到新区划`);
    }
    await closeVersion(trx, id, input.effective);
    const partIds: number[] = [];
    for (const part of input.parts) {
      const partId = await createArea(trx, actor, { code: part.code, name: part.name.trim(), kind: source.kind, urban: source.urban, parentId: source.parent_id, validFrom: input.effective });
      await moveHouseholds(trx, part.householdIds, partId);
      partIds.push(partId);
    }
    await recordChange(trx, { kind: 'split', effective: input.effective, from: [id], to: partIds, note: `${source.name} 拆分为 ${input.parts.map((p) => p.name).join('、')}` });
    await recordAudit(trx, actor, {
      action: 'split',
      entity: 'area',
      entityId: id,
      areaId: id,
      before: { code: source.code, name: source.name },
      after: { effective: input.effective, parts: input.parts.map((p, i) => ({ id: partIds[i], code: p.code, name: p.name, householdIds: p.householdIds })) },
    });
    return partIds;
  });
}

export interface LineageLink {
  id: number;
  code: string;
  name: string;
  validTo: string | null;
  via: 'merge' | 'split';
  effective: string;
}

/**
 * What an area came from and became through merges and splits, transitively (renames keep the id,
 * so they are not links). Statistics use it to carry old figures onto today's areas.
 */
export async function areaLineage(db: Db, id: number): Promise<{ predecessors: LineageLink[]; successors: LineageLink[] }> {
  const changes = await db
    .selectFrom('area_change')
    .select(['kind', 'effective', 'from_area_ids', 'to_area_ids'])
    .where('kind', 'in', ['merge', 'split'])
    .orderBy('effective')
    .execute();
  const walk = (direction: 'back' | 'forward') => {
    const found = new Map<number, { via: 'merge' | 'split'; effective: string }>();
    const queue = [id];
    while (queue.length) {
      const current = queue.shift()!;
      for (const c of changes) {
        const [here, there] = direction === 'back' ? [c.to_area_ids, c.from_area_ids] : [c.from_area_ids, c.to_area_ids];
        if (!here.includes(current)) continue;
        for (const other of there) {
          if (other === id || found.has(other)) continue;
          found.set(other, { via: c.kind as 'merge' | 'split', effective: c.effective });
          queue.push(other);
        }
      }
    }
    return found;
  };
  const back = walk('back');
  const forward = walk('forward');
  const ids = [...back.keys(), ...forward.keys()];
  const areas = ids.length
    ? await db.selectFrom('area').select(['id', 'code', 'name', 'valid_to']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(areas.map((a) => [a.id, a]));
  const links = (found: Map<number, { via: 'merge' | 'split'; effective: string }>) =>
    [...found].map(([areaId, link]) => {
      const a = byId.get(areaId)!;
      return { id: areaId, code: a.code, name: a.name, validTo: a.valid_to, ...link };
    });
  return { predecessors: links(back), successors: links(forward) };
}
