import type { ReactNode } from 'react';
import type { MenuItemType, SubMenuType } from 'antd/es/menu/interface';
import { allowed, type Permission } from '../auth/permissions.ts';
import { menu as ncmsReviewMenu } from '../pages/ncms/review/pages.tsx';
import { menu as ncmsMonitoringMenu } from '../pages/ncms/monitoring/pages.tsx';
import { menu as ncmsNoticesMenu } from '../pages/ncms/notices/pages.tsx';
import { menu as ncmsRectificationMenu } from '../pages/ncms/rectification/pages.tsx';
import { menu as ncmsSimulationMenu } from '../pages/ncms/simulation/pages.tsx';
import { menu as diseaseIntakeMenu } from '../pages/disease/intake/pages.tsx';
import { menu as diseaseCardsMenu } from '../pages/disease/cards/pages.tsx';
import { menu as diseaseDeathsMenu } from '../pages/disease/deaths/pages.tsx';
import { menu as supervisionMenu } from '../pages/supervision/pages.tsx';
import { AlertOutlined, FundProjectionScreenOutlined, AccountBookOutlined, CheckSquareOutlined, CloudUploadOutlined, InboxOutlined, ProfileOutlined, UnorderedListOutlined, BarChartOutlined, ExperimentOutlined, ApartmentOutlined, CalculatorOutlined, IdcardOutlined, AuditOutlined, FileTextOutlined, HomeOutlined, MedicineBoxOutlined, SafetyCertificateOutlined, SolutionOutlined, TeamOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** The permission needed to see the entry (any one of a list); absent means everyone. */
  permission?: Permission | Permission[];
  /** The submenu the entry sits in (e.g. 新农合); absent means the top level. */
  group?: string;
}

const GROUP_ICONS: Record<string, ReactNode> = { 新农合: <SafetyCertificateOutlined />, 预防接种: <ExperimentOutlined />, 疾病报告: <AlertOutlined />, 督导考核: <FundProjectionScreenOutlined /> };

export const MENU: MenuEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  { path: '/areas', label: '行政区划', icon: <ApartmentOutlined /> },
  { path: '/people', label: '居民查询', icon: <TeamOutlined /> },
  { path: '/institutions', label: '医疗机构', icon: <MedicineBoxOutlined /> },
  ...supervisionMenu,
  { path: '/records', label: '健康档案', icon: <SolutionOutlined />, permission: 'records.read' },
  { path: '/records/list', label: '健康档案名单', icon: <UnorderedListOutlined />, permission: 'records.read' },
  { path: '/ncms/schemes', label: '补偿方案', icon: <FileTextOutlined />, permission: 'ncms.read', group: '新农合' },
  { path: '/ncms/enrollment', label: '参合管理', icon: <UserAddOutlined />, permission: ['ncms.read', 'ncms.enroll'], group: '新农合' },
  { path: '/ncms/cards', label: '合作医疗证', icon: <IdcardOutlined />, permission: ['ncms.read', 'ncms.enroll'], group: '新农合' },
  { path: '/ncms/claims', label: '即时结报', icon: <CalculatorOutlined />, permission: ['ncms.settle', 'ncms.read'], group: '新农合' },
  { path: '/ncms/fund', label: '基金', icon: <AccountBookOutlined />, permission: 'ncms.read', group: '新农合' },
  ...ncmsReviewMenu,
  ...ncmsMonitoringMenu,
  ...ncmsNoticesMenu,
  ...ncmsRectificationMenu,
  ...ncmsSimulationMenu,
  { path: '/immunization/coverage', label: '接种覆盖率', icon: <BarChartOutlined />, permission: 'immunization.read', group: '预防接种' },
  { path: '/immunization/lists', label: '应种/漏种名单', icon: <UnorderedListOutlined />, permission: 'immunization.read', group: '预防接种' },
  { path: '/immunization/children', label: '儿童接种档案', icon: <ProfileOutlined />, permission: 'immunization.read', group: '预防接种' },
  { path: '/immunization/stock', label: '疫苗库存', icon: <InboxOutlined />, permission: 'immunization.read', group: '预防接种' },
  { path: '/immunization/school-check', label: '入学查验', icon: <CheckSquareOutlined />, permission: 'immunization.read', group: '预防接种' },
  { path: '/immunization/import', label: '历史接种导入', icon: <CloudUploadOutlined />, permission: 'immunization.write', group: '预防接种' },
  ...diseaseIntakeMenu,
  ...diseaseCardsMenu,
  ...diseaseDeathsMenu,
  { path: '/users', label: '用户管理', icon: <UserOutlined />, permission: 'users.manage' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
];

export function menuFor(role: string): MenuEntry[] {
  return MENU.filter((entry) => !entry.permission || [entry.permission].flat().some((permission) => allowed(role, permission)));
}

type MenuLeaf = MenuItemType & { key: string };
export type MenuItem = MenuLeaf | (SubMenuType<MenuLeaf> & { key: string; children: MenuLeaf[] });

/** The side menu's items for a role: grouped entries become a submenu (keyed by the group's name) where the first of them stands. */
export function menuItemsFor(role: string): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuLeaf[]>();
  for (const entry of menuFor(role)) {
    const item = { key: entry.path, label: entry.label, icon: entry.icon };
    if (!entry.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(entry.group);
    if (!children) {
      groups.set(entry.group, (children = []));
      items.push({ key: entry.group, label: entry.group, icon: GROUP_ICONS[entry.group], children });
    }
    children.push(item);
  }
  return items;
}

/** The submenu holding a path's entry, to open it on arrival. */
export function groupOf(path: string): string | undefined {
  return MENU.find((entry) => entry.path === path)?.group;
}

/** The menu entry a page belongs to: the longest path that prefixes it. */
export function selectedEntry(pathname: string): string {
  const match = MENU.filter((entry) => entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}
