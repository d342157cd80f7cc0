import type { Db } from '../db/connection.ts';
import { ROLES, type Role } from '../auth/roles.ts';

/** The one password of every demo user (documented in the README and printed at start). */
export const DEMO_PASSWORD = 'demo1234';

/** Marks the audit entry that summarises a demo generation; it also lists the demo users. */
export const DEMO_AUDIT = { action: 'generate', entity: 'demo_county' } as const;

/** Where a demo user's scope lies: the county, or a township or village named in the county plan. */
export type DemoScope = { county: true } | { township: string } | { place: string };

export interface DemoUserPlan {
  username: string;
  displayName: string;
  role: Role;
  scope: DemoScope;
  /** The institution they work at, by name. */
  institution?: string;
}

// One user per role; the township and village users work in 东岭镇, the first town.
export const DEMO_USERS: DemoUserPlan[] = [
  { username: 'admin', displayName: '周国平', role: 'bureau_admin', scope: { county: true } },
  { username: 'ncms', displayName: '刘丽华', role: 'ncms_clerk', scope: { county: true } },
  { username: 'cdc', displayName: '陈志强', role: 'cdc_staff', scope: { county: true }, institution: '清河县疾病预防控制中心' },
  { username: 'auditor', displayName: '杨秀英', role: 'auditor', scope: { county: true } },
  { username: 'wsy_dongling', displayName: '赵建军', role: 'township_staff', scope: { township: '东岭镇' }, institution: '东岭镇卫生院' },
  { username: 'cunyi_dongling', displayName: '王德福', role: 'village_doctor', scope: { place: '东岭村' }, institution: '东岭村卫生室' },
  { username: 'yisheng_xianyiyuan', displayName: '郑海燕', role: 'hospital_doctor', scope: { county: true }, institution: '清河县人民医院' },
  { username: 'jiesuan_xianyiyuan', displayName: '孙桂兰', role: 'institution_clerk', scope: { county: true }, institution: '清河县人民医院' },
];

export interface DemoUserRow {
  username: string;
  displayName: string;
  roleName: string;
  areaName: string;
}

/** The demo users of this database, or an empty list when it was not generated as a demo. */
export async function listDemoUsers(db: Db): Promise<DemoUserRow[]> {
  const entry = await db
    .selectFrom('audit_log')
    .select('after')
    .where('entity', '=', DEMO_AUDIT.entity)
    .where('action', '=', DEMO_AUDIT.action)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const usernames = (entry?.after as { users?: string[] } | null | undefined)?.users ?? [];
  if (usernames.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('area', 'area.id', 'app_user.area_id')
    .select(['app_user.username', 'app_user.display_name', 'app_user.role', 'area.name as areaName'])
    .where('app_user.username', 'in', usernames)
    .execute();
  const order = new Map(usernames.map((u, i) => [u, i]));
  return rows
    .sort((a, b) => order.get(a.username)! - order.get(b.username)!)
    .map((r) => ({ username: r.username, displayName: r.display_name, roleName: ROLES[r.role as Role] ?? r.role, areaName: r.areaName }));
}
