import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { AimOutlined, BookOutlined, FileDoneOutlined, FileSearchOutlined, TableOutlined, TrophyOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../layout/menu.tsx';

const IndicatorsPage = lazy(() => import('./IndicatorsPage.tsx'));
const ValuesPage = lazy(() => import('./ValuesPage.tsx'));
const TargetsPage = lazy(() => import('./TargetsPage.tsx'));
const RankingPage = lazy(() => import('./RankingPage.tsx'));
const BulletinsPage = lazy(() => import('./BulletinsPage.tsx'));
const InspectionsPage = lazy(() => import('./InspectionsPage.tsx'));
const DashboardPage = lazy(() => import('./DashboardPage.tsx'));

/** Supervision and assessment (督导考核): the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="supervision/dashboard" element={<DashboardPage />} />
    <Route path="supervision/indicators" element={<IndicatorsPage />} />
    <Route path="supervision/values" element={<ValuesPage />} />
    <Route path="supervision/targets" element={<TargetsPage />} />
    <Route path="supervision/ranking" element={<RankingPage />} />
    <Route path="supervision/bulletins" element={<BulletinsPage />} />
    <Route path="supervision/inspections" element={<InspectionsPage />} />
  </>
);

const group = '督导考核';
export const menu: MenuEntry[] = [
  { path: '/supervision/values', label: '指标一览', icon: <TableOutlined />, permission: 'supervision.read', group },
  { path: '/supervision/ranking', label: '考核排名', icon: <TrophyOutlined />, permission: 'supervision.read', group },
  { path: '/supervision/bulletins', label: '月通报', icon: <FileDoneOutlined />, permission: 'supervision.read', group },
  { path: '/supervision/inspections', label: '督查与整改', icon: <FileSearchOutlined />, permission: 'supervision.read', group },
  { path: '/supervision/targets', label: '考核目标与评分', icon: <AimOutlined />, permission: 'supervision.read', group },
  { path: '/supervision/indicators', label: '指标库', icon: <BookOutlined />, permission: 'supervision.read', group },
];
