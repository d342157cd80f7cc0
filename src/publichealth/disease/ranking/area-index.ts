import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import type { AreaLevel } from '../../../core/db/schema.ts';
import { notFound } from '../../../core/errors.ts';

export interface IndexedArea {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
  path: string;
  parentId: number | null;
}

/**
 * Every area of the county by id (the table is small: one county, tens of townships, hundreds of villages), to name
 * villages with their township and to group counts by township without joining areas into the big queries.
 */
export class AreaIndex {
  private constructor(readonly byId: ReadonlyMap<number, IndexedArea>) {}

  static async load(db: Db): Promise<AreaIndex> {
    const rows = await db.selectFrom('area').select(['id', 'code', 'name', 'level', 'path', 'parent_id']).orderBy('code').execute();
    return new AreaIndex(new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, level: r.level, path: r.path, parentId: r.parent_id }])));
  }

  get(id: number): IndexedArea | undefined {
    return this.byId.get(id);
  }

  /** The township (or street) an area lies in; the area itself when it is one; undefined for the county. */
  township(id: number): IndexedArea | undefined {
    let area = this.byId.get(id);
    while (area && area.level === 'village') area = area.parentId === null ? undefined : this.byId.get(area.parentId);
    return area?.level === 'township' ? area : undefined;
  }

  /** '东岭镇 东岭村' for a village, the name for anything else. */
  label(id: number): string {
    const area = this.byId.get(id);
    if (!area) return '';
    const township = area.level === 'village' ? this.township(id) : undefined;
    return township ? `${township.name} ${area.name}` : area.name;
  }

  /**
   * The area a user asked about (their scope's area when none), refused like a missing one when outside their scope,
   * with the ids of it and every area below it.
   */
  within(actor: Actor, areaId?: number): { area: IndexedArea | undefined; ids: number[] } {
    const path = areaId === undefined ? actor.scope.path : this.byId.get(areaId)?.path;
    if (!path || !path.startsWith(actor.scope.path)) throw notFound('区划');
    const ids = [...this.byId.values()].filter((a) => a.path.startsWith(path)).map((a) => a.id);
    const area = areaId !== undefined ? this.byId.get(areaId) : actor.scope.areaId !== null ? this.byId.get(actor.scope.areaId) : undefined;
    return { area, ids };
  }

  /** The townships inside a path, in code order. */
  townshipsUnder(path: string): IndexedArea[] {
    return [...this.byId.values()].filter((a) => a.level === 'township' && a.path.startsWith(path));
  }
}
