/**
 * The list services: due list for a vaccination day, overdue list, school entry check — scoped to where children
 * live (a township user sees its township's villages; another area answers 404), permission immunization.read.
 */
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { villagesWithTownships, type VillageWithTownship } from '../../../core/areas/village-list.ts';
import { isRealDate, todayInShanghai } from '../../../core/dates.ts';
import { invalid } from '../../../core/errors.ts';
import { addDuration, formatDay, parseDay } from '../calendar.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import type { ListChild } from './child-plan.ts';
import { dueList, overdueList, type DueList, type OverdueList } from './due-list.ts';
import { loadRegisteredChildren, type ChildLoadFilter, type RegisteredChild } from './load-children.ts';
import { checkRoster, schoolCheck, type RosterInput, type SchoolCheckResult } from './school-check.ts';

export interface ListArea {
  /** The area asked for, or the caller's own. */
  areaId: number | null;
  areaName: string;
}

function checkDate(date: string, field = 'date'): string {
  if (!isRealDate(date)) throw invalid(field, `日期「${date}」无效，应为 YYYY-MM-DD`);
  return date;
}

/** Children are planned up to the catch-up limit (18 years): older ones have nothing left to give. */
function catchUpBirthLimit(on: string): string {
  const limit = NIP_SCHEDULES.versions.at(-1)!.catchUpBefore;
  return formatDay(addDuration(parseDay(on)!, { months: -limit.months, days: -limit.days }));
}

async function listScope(db: Db, actor: Actor, areaId: number | undefined) {
  requirePermission(actor, 'immunization.read');
  const villages = await villagesWithTownships(db, actor, areaId);
  const names = new Map(villages.map((v) => [v.id, v.name]));
  return { villages, names, area: areaLabel(villages, areaId) };
}

function areaLabel(villages: VillageWithTownship[], areaId: number | undefined): ListArea {
  const village = villages.find((v) => v.id === areaId);
  const township = villages.find((v) => v.townshipId === areaId);
  return { areaId: areaId ?? null, areaName: village?.name ?? township?.townshipName ?? (villages.length === 1 ? villages[0]!.name : '全部辖区') };
}

function listChild(c: RegisteredChild, names: Map<number, string>): ListChild {
  return { ...c, areaName: names.get(c.areaId) ?? '' };
}

async function activeChildren(db: Db, villages: VillageWithTownship[], names: Map<number, string>, on: string, filter: Partial<ChildLoadFilter> = {}) {
  const rows = await loadRegisteredChildren(db, { areaIds: villages.map((v) => v.id), activeOnly: true, bornFrom: catchUpBirthLimit(on), bornTo: on, ...filter });
  return rows.map((c) => listChild(c, names));
}

export async function dueListFor(db: Db, actor: Actor, query: { areaId?: number | undefined; date: string }): Promise<DueList & ListArea> {
  checkDate(query.date);
  const { villages, names, area } = await listScope(db, actor, query.areaId);
  return { ...area, ...dueList(await activeChildren(db, villages, names, query.date), query.date) };
}

export async function overdueListFor(db: Db, actor: Actor, query: { areaId?: number | undefined; date?: string | undefined }): Promise<OverdueList & ListArea> {
  const date = checkDate(query.date ?? todayInShanghai());
  const { villages, names, area } = await listScope(db, actor, query.areaId);
  return { ...area, ...overdueList(await activeChildren(db, villages, names, date), date) };
}

/**
 * Checks a class roster against the children registered in the caller's scope: candidates are read by the roster's
 * ID numbers and by its names (for children registered before they had an ID), in two statements.
 */
export async function schoolCheckFor(db: Db, actor: Actor, rows: readonly RosterInput[], date: string = todayInShanghai()): Promise<SchoolCheckResult & ListArea> {
  requirePermission(actor, 'immunization.read');
  checkDate(date);
  const checked = checkRoster(rows, date);
  const { villages, names, area } = await listScope(db, actor, undefined);
  const areaIds = villages.map((v) => v.id);
  const idNumbers = checked.flatMap((r) => (r.idNumber ? [r.idNumber] : []));
  const [byId, byName] = await Promise.all([
    idNumbers.length ? loadRegisteredChildren(db, { areaIds, idNumbers }) : [],
    loadRegisteredChildren(db, { areaIds, names: [...new Set(checked.map((r) => r.name))] }),
  ]);
  const candidates = new Map<number, ListChild>();
  for (const c of [...byId, ...byName]) if (c.status === 'active') candidates.set(c.childId, listChild(c, names));
  return { ...area, ...schoolCheck(checked, [...candidates.values()], date) };
}
