import type { ReactNode } from 'react';
import { allowed, type Permission } from '../auth/permissions.ts';
import { ApartmentOutlined, AuditOutlined, HomeOutlined, MedicineBoxOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** The permission needed to see the entry; absent means everyone. */
  permission?: Permission;
}

export const MENU: MenuEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  { path: '/areas', label: '行政区划', icon: <ApartmentOutlined /> },
  { path: '/people', label: '居民查询', icon: <TeamOutlined /> },
  { path: '/institutions', label: '医疗机构', icon: <MedicineBoxOutlined /> },
  { path: '/users', label: '用户管理', icon: <UserOutlined />, permission: 'users.manage' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
];

export function menuFor(role: string): MenuEntry[] {
  return MENU.filter((entry) => !entry.permission || allowed(role, entry.permission));
}

/** The menu entry a page belongs to: the longest path that prefixes it. */
export function selectedEntry(pathname: string): string {
  const match = MENU.filter((entry) => entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}
