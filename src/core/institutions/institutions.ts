import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { InstitutionLevel } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { containsPattern, prefixPattern } from '../db/like.ts';
import { pathInScope, requirePermission, type Actor, type Scope } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { notFound } from '../errors.ts';
import { pageRequest, type Page, type PageRequest } from '../list-page.ts';
import { INSTITUTION_KINDS, INSTITUTION_LEVELS, isInstitutionKind } from './catalog.ts';
import { checkInstitution, type CheckedInstitution, type InstitutionFields } from './institution-rules.ts';
import { staffOf, type StaffMember } from './staff.ts';

export interface InstitutionSummary {
  id: number;
  code: string;
  name: string;
  kind: string;
  kindName: string;
  level: InstitutionLevel;
  levelName: string;
  areaId: number;
  areaName: string;
  parentId: number | null;
  designations: string[];
  address: string;
  phone: string | null;
  active: boolean;
  staffCount: number;
}

export interface InstitutionDetail extends InstitutionSummary {
  parentName: string | null;
  /** False when the institution lies outside the caller's area: staff ID numbers and phones are then withheld. */
  staffDetailsVisible: boolean;
  staff: StaffMember[];
}

export interface InstitutionFilter extends Partial<PageRequest> {
  q?: string | undefined;
  kind?: string | undefined;
  level?: string | undefined;
  areaId?: number | undefined;
}

export type NewInstitution = Omit<InstitutionFields, 'designations' | 'address' | 'phone' | 'parentId'> &
  Partial<Pick<InstitutionFields, 'designations' | 'address' | 'phone' | 'parentId'>>;
export type InstitutionPatch = Partial<InstitutionFields> & { active?: boolean };

function summaryQuery(db: Db) {
  return db
    .selectFrom('institution')
    .innerJoin('area', 'area.id', 'institution.area_id')
    .select((eb) => [
      'institution.id',
      'institution.code',
      'institution.name',
      'institution.kind',
      'institution.level',
      'institution.area_id as areaId',
      'area.name as areaName',
      'area.path as areaPath',
      'institution.parent_id as parentId',
      'institution.designations',
      'institution.address',
      'institution.phone',
      'institution.active',
      eb
        .selectFrom('staff')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('staff.institution_id', '=', 'institution.id')
        .where('staff.active', '=', true)
        .as('staffCount'),
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const toSummary = ({ areaPath: _path, ...row }: SummaryRow): InstitutionSummary => ({
  ...row,
  kindName: isInstitutionKind(row.kind) ? INSTITUTION_KINDS[row.kind].name : row.kind,
  levelName: INSTITUTION_LEVELS[row.level],
  staffCount: Number(row.staffCount ?? 0),
});

/**
 * The institution directory. Every logged-in user sees all of it (a village doctor refers
 * patients to the county hospital); only staff personal details are scoped, in getInstitution.
 */
export async function listInstitutions(db: Db, actor: Actor, filter: InstitutionFilter = {}): Promise<Page<InstitutionSummary>> {
  requirePermission(actor, 'institutions.read');
  const { page, pageSize, offset } = pageRequest(filter);
  let subtreePath: string | undefined;
  if (filter.areaId !== undefined) {
    const area = await db.selectFrom('area').select('path').where('id', '=', filter.areaId).executeTakeFirst();
    if (!area) return { items: [], total: 0, page, pageSize };
    subtreePath = area.path;
  }
  const q = filter.q?.trim();
  let query = summaryQuery(db);
  if (q) query = query.where((eb) => eb.or([eb('institution.name', 'like', containsPattern(q)), eb('institution.code', 'like', prefixPattern(q))]));
  if (filter.kind) query = query.where('institution.kind', '=', filter.kind);
  if (filter.level) query = query.where('institution.level', '=', filter.level as InstitutionLevel);
  if (subtreePath) query = query.where('institution.area_id', 'in', areaIdsIn(db, { areaId: filter.areaId!, path: subtreePath }));

  const [rows, count] = await Promise.all([
    query.orderBy('institution.code').orderBy('institution.id').limit(pageSize).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.total), page, pageSize };
}

export async function getInstitution(db: Db, actor: Actor, id: number): Promise<InstitutionDetail> {
  requirePermission(actor, 'institutions.read');
  const row = await summaryQuery(db)
    .leftJoin('institution as parent', 'parent.id', 'institution.parent_id')
    .select('parent.name as parentName')
    .where('institution.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('机构');
  const { parentName, ...summary } = row;
  const staffDetailsVisible = pathInScope(actor.scope, row.areaPath);
  return { ...toSummary(summary), parentName, staffDetailsVisible, staff: await staffOf(db, id, staffDetailsVisible) };
}

/** What a service acting at an institution needs (its level, designations, where it is), without staff; null if none. */
export async function institutionBasics(db: Db, id: number) {
  const row = await db
    .selectFrom('institution')
    .innerJoin('area', 'area.id', 'institution.area_id')
    .select(['institution.id', 'institution.code', 'institution.name', 'institution.level', 'institution.designations', 'institution.active', 'institution.area_id as areaId', 'area.path as areaPath'])
    .where('institution.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, levelName: INSTITUTION_LEVELS[row.level] } : null;
}

/** The ids of the institutions whose area lies in a scope, as a subquery: `where(col, 'in', institutionIdsIn(db, scope))`. */
export function institutionIdsIn(db: Db, scope: Scope) {
  return db.selectFrom('institution').select('institution.id').where('institution.area_id', 'in', areaIdsIn(db, scope));
}

/** The checked fields as the institution table's columns, for insert and update alike. */
function institutionColumns(fields: CheckedInstitution) {
  return {
    code: fields.code,
    name: fields.name,
    kind: fields.kind,
    level: fields.level,
    area_id: fields.areaId,
    parent_id: fields.parentId,
    designations: fields.designations,
    address: fields.address,
    phone: fields.phone,
  };
}

export async function createInstitution(db: Db, actor: Actor, input: NewInstitution): Promise<number> {
  requirePermission(actor, 'institutions.write');
  return inTransaction(db, async (trx) => {
    const fields = await checkInstitution(trx, actor, {
      ...input,
      parentId: input.parentId ?? null,
      designations: input.designations ?? [],
      address: input.address ?? '',
      phone: input.phone ?? null,
    });
    const { id } = await trx
      .insertInto('institution')
      .values(institutionColumns(fields))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', entity: 'institution', entityId: id, areaId: fields.areaId, after: fields });
    return id;
  });
}

export async function updateInstitution(db: Db, actor: Actor, id: number, patch: InstitutionPatch): Promise<void> {
  requirePermission(actor, 'institutions.write');
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('institution')
      .select(['code', 'name', 'kind', 'level', 'area_id as areaId', 'parent_id as parentId', 'designations', 'address', 'phone', 'active'])
      .where('id', '=', id)
      .where('area_id', 'in', areaIdsIn(trx, actor.scope))
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('机构');
    const { active: activeBefore, ...before } = current;
    const { active = activeBefore, ...changes } = patch;
    const fields = await checkInstitution(trx, actor, { ...before, ...definedOnly(changes) }, id);
    await trx
      .updateTable('institution')
      .set({
        ...institutionColumns(fields),
        active,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'institution',
      entityId: id,
      areaId: fields.areaId,
      before: current,
      after: { ...fields, active },
    });
  });
}

/** A patch without its undefined keys, so that spreading it keeps the current values. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
