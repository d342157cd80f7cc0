/**
 * Inspections (督查): the bureau records a visit and the problems found, each with the unit answering for it and a
 * deadline; the township reports its rectification; the bureau's follow-up check (回头看) closes the problem or sends
 * it back with a note. Scope: an inspection is seen by readers whose area contains the area inspected or a problem's
 * responsible area; a township reports only on problems in its own area.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { can } from '../../core/auth/roles.ts';
import { pathInScope, requirePermission, type Actor } from '../../core/auth/actor.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { isRealDate } from '../../core/dates.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import type { ProblemStatus } from '../db/schema.ts';

export const PROBLEM_STATUS_NAMES: Record<ProblemStatus, string> = { open: '待整改', rectified: '已整改待复查', closed: '已销号' };

export interface NewInspection {
  inspectedOn: string;
  areaId: number;
  topic: string;
  inspectors: string;
  summary?: string | undefined;
  problems: Array<{ description: string; responsibleAreaId: number; deadline: string }>;
}

export interface Problem {
  id: number;
  description: string;
  responsibleAreaId: number;
  responsibleAreaName: string;
  deadline: string;
  status: ProblemStatus;
  overdue: boolean;
  rectification: string | null;
  rectifiedByName: string | null;
  reviewNote: string | null;
  closedByName: string | null;
}

export interface Inspection {
  id: number;
  inspectedOn: string;
  areaId: number;
  areaName: string;
  topic: string;
  inspectors: string;
  summary: string;
  createdByName: string;
  problems: Problem[];
}

const text = (value: string | undefined, field: string, what: string, max: number) => {
  const t = value?.trim() ?? '';
  if (!t) throw invalid(field, `请填写${what}`);
  if (t.length > max) throw invalid(field, `${what}不能超过 ${max} 字`);
  return t;
};

async function areaPath(db: Db, id: number, field: string): Promise<string> {
  const area = await db.selectFrom('area').select(['path', 'level']).where('id', '=', id).executeTakeFirst();
  if (!area || area.level === 'county') throw invalid(field, '请选择乡镇（街道）或村（社区）');
  return area.path;
}

export async function createInspection(db: Db, actor: Actor, input: NewInspection): Promise<number> {
  requirePermission(actor, 'supervision.manage');
  if (!isRealDate(input.inspectedOn)) throw invalid('inspectedOn', `督查日期「${input.inspectedOn}」无效，应为 YYYY-MM-DD`);
  const topic = text(input.topic, 'topic', '督查内容', 200);
  const inspectors = text(input.inspectors, 'inspectors', '督查人员', 200);
  await areaPath(db, input.areaId, 'areaId');
  const problems = await Promise.all(
    input.problems.map(async (p, i) => {
      if (!isRealDate(p.deadline)) throw invalid(`problems.${i}.deadline`, `第 ${i + 1} 个问题的整改期限无效，应为 YYYY-MM-DD`);
      if (p.deadline < input.inspectedOn) throw invalid(`problems.${i}.deadline`, `第 ${i + 1} 个问题的整改期限不能早于督查日期`);
      await areaPath(db, p.responsibleAreaId, `problems.${i}.responsibleAreaId`);
      return { description: text(p.description, `problems.${i}.description`, `第 ${i + 1} 个问题的描述`, 1000), responsible_area_id: p.responsibleAreaId, deadline: p.deadline };
    }),
  );
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('supervision_inspection')
      .values({ inspected_on: input.inspectedOn, area_id: input.areaId, topic, inspectors, summary: input.summary?.trim() ?? '', created_by_name: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (problems.length) await trx.insertInto('supervision_problem').values(problems.map((p) => ({ ...p, inspection_id: id }))).execute();
    await recordAudit(trx, actor, { action: 'create', entity: 'supervision_inspection', entityId: id, areaId: input.areaId, after: { ...input, topic, inspectors } });
    return id;
  });
}

function visibleInspections(db: Db, actor: Actor) {
  const inScope = areaIdsIn(db, actor.scope);
  return db
    .selectFrom('supervision_inspection as i')
    .innerJoin('area as a', 'a.id', 'i.area_id')
    .where((eb) =>
      eb.or([
        eb('i.area_id', 'in', inScope),
        eb.exists(eb.selectFrom('supervision_problem as p').select('p.id').whereRef('p.inspection_id', '=', 'i.id').where('p.responsible_area_id', 'in', inScope)),
      ]),
    );
}

export async function listInspections(db: Db, actor: Actor, today: string): Promise<Array<Omit<Inspection, 'problems'> & { problems: number; open: number; overdue: number }>> {
  requirePermission(actor, 'supervision.read');
  const rows = await visibleInspections(db, actor)
    .leftJoin('supervision_problem as p', 'p.inspection_id', 'i.id')
    .select([
      'i.id',
      'i.inspected_on',
      'i.area_id',
      'a.name as area_name',
      'i.topic',
      'i.inspectors',
      'i.summary',
      'i.created_by_name',
      sql<number>`count(p.id)::int`.as('problems'),
      sql<number>`count(p.id) filter (where p.status <> 'closed')::int`.as('open'),
      sql<number>`count(p.id) filter (where p.status <> 'closed' and p.deadline < ${today})::int`.as('overdue'),
    ])
    .groupBy(['i.id', 'a.name'])
    .orderBy('i.inspected_on', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, inspectedOn: r.inspected_on, areaId: r.area_id, areaName: r.area_name, topic: r.topic, inspectors: r.inspectors, summary: r.summary, createdByName: r.created_by_name, problems: r.problems, open: r.open, overdue: r.overdue }));
}

export async function getInspection(db: Db, actor: Actor, id: number, today: string): Promise<Inspection> {
  requirePermission(actor, 'supervision.read');
  const row = await visibleInspections(db, actor).selectAll('i').select('a.name as area_name').where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('督查记录');
  const problems = await db
    .selectFrom('supervision_problem as p')
    .innerJoin('area as a', 'a.id', 'p.responsible_area_id')
    .selectAll('p')
    .select('a.name as area_name')
    .where('p.inspection_id', '=', id)
    .orderBy('p.id')
    .execute();
  return {
    id: row.id,
    inspectedOn: row.inspected_on,
    areaId: row.area_id,
    areaName: row.area_name,
    topic: row.topic,
    inspectors: row.inspectors,
    summary: row.summary,
    createdByName: row.created_by_name,
    problems: problems.map((p) => ({
      id: p.id,
      description: p.description,
      responsibleAreaId: p.responsible_area_id,
      responsibleAreaName: p.area_name,
      deadline: p.deadline,
      status: p.status,
      overdue: p.status !== 'closed' && p.deadline < today,
      rectification: p.rectification,
      rectifiedByName: p.rectified_by_name,
      reviewNote: p.review_note,
      closedByName: p.closed_by_name,
    })),
  };
}

/** A problem locked for a change, refused when out of the actor's reach. */
async function lockedProblem(trx: Db, actor: Actor, id: number) {
  const p = await trx
    .selectFrom('supervision_problem as p')
    .innerJoin('area as a', 'a.id', 'p.responsible_area_id')
    .selectAll('p')
    .select('a.path')
    .where('p.id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();
  if (!p || !pathInScope(actor.scope, p.path)) throw notFound('督查问题');
  return p;
}

/** The responsible township (or the bureau) reports what was done; an open problem becomes 已整改待复查. */
export async function reportRectification(db: Db, actor: Actor, id: number, rectification: string): Promise<void> {
  requirePermission(actor, 'supervision.read');
  if (!(can(actor.role, 'supervision.manage') || actor.role === 'township_staff')) throw forbidden('只有责任乡镇卫生院或卫健局可以填报整改情况');
  const what = text(rectification, 'rectification', '整改情况', 1000);
  await inTransaction(db, async (trx) => {
    const p = await lockedProblem(trx, actor, id);
    if (p.status !== 'open') throw conflict('not_open', `该问题${PROBLEM_STATUS_NAMES[p.status]}，不能再填报整改情况`);
    await trx.updateTable('supervision_problem').set({ status: 'rectified', rectification: what, rectified_by_name: actor.name, rectified_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'rectify', entity: 'supervision_problem', entityId: id, areaId: p.responsible_area_id, before: { status: p.status }, after: { status: 'rectified', rectification: what } });
  });
}

/** The bureau's follow-up check (回头看): close the problem (销号), or send it back to 待整改 with the reason. */
export async function reviewProblem(db: Db, actor: Actor, id: number, input: { accept: boolean; note?: string | undefined }): Promise<void> {
  requirePermission(actor, 'supervision.manage');
  const note = input.accept ? input.note?.trim() || null : text(input.note, 'note', '退回原因', 500);
  await inTransaction(db, async (trx) => {
    const p = await lockedProblem(trx, actor, id);
    if (p.status !== 'rectified') throw conflict('not_rectified', `该问题${PROBLEM_STATUS_NAMES[p.status]}，只有已整改待复查的问题可以复查`);
    const next: ProblemStatus = input.accept ? 'closed' : 'open';
    await trx
      .updateTable('supervision_problem')
      .set(input.accept ? { status: next, review_note: note, closed_by_name: actor.name, closed_at: new Date() } : { status: next, review_note: note })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: input.accept ? 'close' : 'return', entity: 'supervision_problem', entityId: id, areaId: p.responsible_area_id, before: { status: p.status }, after: { status: next, note } });
  });
}
