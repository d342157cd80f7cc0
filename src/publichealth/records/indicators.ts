/**
 * Indicators of the resident health records (public-health.md §3, national spec 3rd edition), per village, per
 * township and in total for a period. Each figure carries its definition, so a table shows what it counts.
 *
 * Population: living residents registered in the area today (the register keeps no population history). Records:
 * those of living residents opened on or before the period's end (a resident who died or moved away leaves both
 * sides). A zero denominator gives a null rate, shown as "—", never 0 % or 100 %.
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { requireRealDates } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import { areaTree, type AreaNode } from '../../core/areas/areas.ts';
import { livingResidentsByVillage, type PersonIdSet } from '../../core/people/resident-counts.ts';
import '../../timeline-providers.ts';
import { timelineProviders } from './timeline/registry.ts';
import type { DateRange } from './timeline/types.ts';

export const INDICATOR_DEFINITIONS = {
  recordRate: { name: '建档率', definition: '期末已建立健康档案的在册居民数 ÷ 在册居民数（户籍人口）×100%，含纸质档案' },
  electronicRate: { name: '电子档案建档率', definition: '期末已建立电子健康档案的在册居民数 ÷ 在册居民数 ×100%' },
  useRate: { name: '健康档案使用率（动态使用率）', definition: '期内有动态记录（至少一次接种、随访、体检、就诊等服务）的档案数 ÷ 期末档案总数 ×100%；建档和修改档案本身不算' },
  completenessRate: { name: '档案完整率', definition: '必填项目全部填写的档案数 ÷ 期末档案总数 ×100%（必填项目见档案完整性清单）' },
} as const;
export type IndicatorKey = keyof typeof INDICATOR_DEFINITIONS;

export interface Counts {
  residents: number;
  records: number;
  electronic: number;
  dynamic: number;
  complete: number;
}

export interface Figure {
  numerator: number;
  denominator: number;
  rate: number | null; // 4 decimals (0.9321 = 93.21 %); null when the denominator is 0
}

export type Figures = Record<IndicatorKey, Figure> & { counts: Counts };

export interface AreaFigures extends Figures {
  areaId: number;
  code: string;
  name: string;
}

export interface RecordIndicators {
  period: Required<DateRange>;
  definitions: typeof INDICATOR_DEFINITIONS;
  townships: Array<AreaFigures & { villages: AreaFigures[] }>;
  total: Figures;
}

/** numerator ÷ denominator to 4 decimals; null when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 10_000;
}

const figure = (numerator: number, denominator: number): Figure => ({ numerator, denominator, rate: ratio(numerator, denominator) });

/** The four indicators from the counts of an area. Pure. */
export function figures(c: Counts): Figures {
  return {
    counts: c,
    recordRate: figure(c.records, c.residents),
    electronicRate: figure(c.electronic, c.residents),
    useRate: figure(c.dynamic, c.records),
    completenessRate: figure(c.complete, c.records),
  };
}

const ZERO: Counts = { residents: 0, records: 0, electronic: 0, dynamic: 0, complete: 0 };
const add = (a: Counts, b: Counts): Counts => ({
  residents: a.residents + b.residents,
  records: a.records + b.records,
  electronic: a.electronic + b.electronic,
  dynamic: a.dynamic + b.dynamic,
  complete: a.complete + b.complete,
});

function findNode(nodes: AreaNode[], id: number): AreaNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const below = findNode(n.children, id);
    if (below) return below;
  }
  return undefined;
}

/** The townships (with their villages) at or below the areas given. */
function townshipsUnder(nodes: AreaNode[]): AreaNode[] {
  return nodes.flatMap((n) => (n.level === 'township' ? [n] : n.level === 'county' ? townshipsUnder(n.children) : []));
}

/** Every provider's served persons of the period as one subquery, or null when no provider gives services. */
function servedInPeriod(db: Db, actor: Actor, period: Required<DateRange>): PersonIdSet | null {
  const sets = timelineProviders().flatMap((p) => p.servedPersons(db, actor, period) ?? []);
  return sets.length ? sets.reduce((all, set) => all.union(set)) : null;
}

/**
 * One row per record opened by the period's end, with the flags the indicators count (electronic, complete, in
 * dynamic use in the period) and what the record list shows: the counts and the list join these same rows to the
 * living residents, so a list agrees with its figures.
 */
export function recordRows(db: Db, actor: Actor, period: Required<DateRange>) {
  const served = servedInPeriod(db, actor, period);
  // Joined, not `person_id in (served)`: PostgreSQL hashes an IN subquery only when the set fits in work_mem; the full
  // county's served persons do not, and the IN became a rescan of the set per record (minutes instead of a second).
  const rows = served
    ? db.selectFrom('health_record').leftJoin((db as Kysely<any>).selectFrom(served.as('u')).select('u.person_id').distinct().as('served'), 'served.person_id', 'health_record.person_id')
    : db.selectFrom('health_record');
  return rows
    .where('health_record.created_on', '<=', period.to)
    .select([
      'health_record.person_id',
      'health_record.record_no',
      'health_record.created_on',
      'health_record.medium',
      'health_record.missing_items',
      sql<boolean>`health_record.medium = 'electronic'`.as('electronic'),
      sql<boolean>`cardinality(health_record.missing_items) = 0`.as('complete'),
      (served ? sql<boolean>`served.person_id is not null` : sql<boolean>`false`).as('dynamic'),
    ]);
}

/** The period asked for, checked: real dates, from not after to. */
export function checkPeriod(query: { from: string; to: string }): Required<DateRange> {
  requireRealDates({ from: query.from, to: query.to });
  if (query.from > query.to) throw invalid('from', `统计起始日期 ${query.from} 晚于截止日期 ${query.to}`);
  return { from: query.from, to: query.to };
}

export async function recordIndicators(db: Db, actor: Actor, query: { from: string; to: string; areaId?: number | undefined }): Promise<RecordIndicators> {
  requirePermission(actor, 'records.read');
  const period = checkPeriod(query);
  const rows = recordRows(db, actor, period);
  const counts = await livingResidentsByVillage(db, actor, query.areaId, { rows, flags: ['electronic', 'complete', 'dynamic'] });
  const byVillage = new Map(counts.map((r) => [r.areaId, { residents: r.residents, records: r.inSet, ...r.flags }]));

  const tree = await areaTree(db, actor);
  const top = query.areaId === undefined ? tree : [findNode(tree, query.areaId)!].filter(Boolean);
  // A village asked for on its own still shows under its township.
  const townshipNodes = top[0]?.level === 'village' ? [{ ...findParent(tree, top[0].id)!, children: top }] : townshipsUnder(top);
  let total = ZERO;
  const townships = townshipNodes.map((t) => {
    let sum = ZERO;
    const villages = t.children
      .filter((v) => v.level === 'village')
      .map((v) => {
        const c = byVillage.get(v.id) ?? ZERO;
        sum = add(sum, c);
        return { areaId: v.id, code: v.code, name: v.name, ...figures(c) };
      });
    total = add(total, sum);
    return { areaId: t.id, code: t.code, name: t.name, ...figures(sum), villages };
  });
  return { period, definitions: INDICATOR_DEFINITIONS, townships, total: figures(total) };
}

function findParent(nodes: AreaNode[], id: number, parent?: AreaNode): AreaNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return parent;
    const found = findParent(n.children, id, n);
    if (found) return found;
  }
  return undefined;
}
