import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { AreaLevel } from '../db/schema.ts';
import { requirePermission, type Actor } from '../auth/actor.ts';
import { areaIdsIn } from '../auth/scope-query.ts';
import { todayInShanghai } from '../dates.ts';
import { INSTITUTION_KINDS, isInstitutionKind } from '../institutions/catalog.ts';
import { AGE_BANDS, bandCutoffs } from './age-bands.ts';

// 首页概况: a handful of figures for the caller's area. Each figure is one grouped query over the
// scope subquery, so the page stays fast on a county of half a million residents.

export interface Overview {
  townships: number;
  villages: number;
  households: number;
  /** Living residents (在册在世) in households of the area. */
  residents: number;
  institutionsByKind: { kind: string; name: string; count: number }[];
  /** Which level `residentsByArea` breaks down by: townships for a county, villages below that. */
  byLevel: AreaLevel;
  residentsByArea: { areaId: number; name: string; count: number }[];
  /** 人口金字塔: living residents by age band and sex. */
  pyramid: { band: string; male: number; female: number }[];
}

const count = sql<number>`count(*)::int`;

/** Ids in a path ('/1/4/' → 2); the root scope '/' counts as above a county. */
function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

export async function getOverview(db: Db, actor: Actor, today: string = todayInShanghai()): Promise<Overview> {
  requirePermission(actor, 'people.read');
  const scope = actor.scope;
  const byLevel: AreaLevel = depth(scope.path) <= 1 ? 'township' : 'village';

  const areaCounts = db
    .selectFrom('area')
    .select(['level', count.as('n')])
    .where('id', 'in', areaIdsIn(db, scope))
    .where('valid_to', 'is', null)
    .groupBy('level')
    .execute();

  const households = db
    .selectFrom('household')
    .select(count.as('n'))
    .where('area_id', 'in', areaIdsIn(db, scope))
    .executeTakeFirstOrThrow();

  const institutions = db
    .selectFrom('institution')
    .select(['kind', count.as('n')])
    .where('area_id', 'in', areaIdsIn(db, scope))
    .where('active', '=', true)
    .groupBy('kind')
    .execute();

  const areas = db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('id', 'in', areaIdsIn(db, scope))
    .where('level', '=', byLevel)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();

  // People live in villages (person.area_id is their household's): a township's figure is the sum over its
  // villages, grouped by the village's parent. One scan of the living residents gives both breakdowns:
  // (area, band, sex) is at most a few hundred rows.
  const band = sql.join(
    bandCutoffs(today).map(({ band, bornOnOrBefore }) => sql`when person.birth_date <= ${bornOnOrBefore}::date then ${band}`),
    sql` `,
  );
  const residents = db
    .selectFrom('person')
    .innerJoin('area', 'area.id', 'person.area_id')
    .where('person.status', '=', 'alive')
    .where('person.area_id', 'in', areaIdsIn(db, scope))
    .select((eb) => [
      eb.ref(byLevel === 'township' ? 'area.parent_id' : 'area.id').as('areaId'),
      sql<number>`case ${band} else 0 end`.as('band'),
      'person.sex',
      count.as('n'),
    ])
    .groupBy(['areaId', 'band', 'person.sex'])
    .execute();

  const [areaRows, householdRow, institutionRows, areaList, residentRows] = await Promise.all([areaCounts, households, institutions, areas, residents]);

  const levelCount = new Map(areaRows.map((r) => [r.level, r.n]));
  const residentCount = new Map<number | null, number>();
  const bands = AGE_BANDS.map((b) => ({ band: b.label, male: 0, female: 0 }));
  for (const row of residentRows) {
    residentCount.set(row.areaId, (residentCount.get(row.areaId) ?? 0) + row.n);
    bands[row.band]![row.sex === 'M' ? 'male' : 'female'] += row.n;
  }

  return {
    townships: levelCount.get('township') ?? 0,
    villages: levelCount.get('village') ?? 0,
    households: householdRow.n,
    residents: residentRows.reduce((sum, r) => sum + r.n, 0),
    institutionsByKind: institutionRows
      .map((r) => ({ kind: r.kind, name: isInstitutionKind(r.kind) ? INSTITUTION_KINDS[r.kind].name : r.kind, count: r.n }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    byLevel,
    residentsByArea: areaList.map((a) => ({ areaId: a.id, name: a.name, count: residentCount.get(a.id) ?? 0 })),
    pyramid: bands,
  };
}
