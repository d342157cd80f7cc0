import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { AlertOutlined, BarChartOutlined, FileSearchOutlined, FundOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const DeathsPage = lazy(() => import('./DeathsPage.tsx'));
const DeathFormPage = lazy(() => import('./DeathFormPage.tsx'));
const ExpectedDeathsPage = lazy(() => import('./ExpectedDeathsPage.tsx'));
const RankingPage = lazy(() => import('./RankingPage.tsx'));
const ClustersPage = lazy(() => import('./ClustersPage.tsx'));
const ClusterDetailPage = lazy(() => import('./ClusterDetailPage.tsx'));

/** 死亡登记、聚集性疫情与疾病谱: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="disease/deaths" element={<DeathsPage />} />
    <Route path="disease/deaths/new" element={<DeathFormPage />} />
    <Route path="disease/deaths/expected" element={<ExpectedDeathsPage />} />
    <Route path="disease/ranking/spectrum" element={<RankingPage kind="spectrum" />} />
    <Route path="disease/ranking/death-causes" element={<RankingPage kind="death-causes" />} />
    <Route path="disease/clusters" element={<ClustersPage />} />
    <Route path="disease/clusters/:id" element={<ClusterDetailPage />} />
  </>
);

export const menu: MenuEntry[] = [
  { path: '/disease/clusters', label: '聚集性疫情', icon: <AlertOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/deaths', label: '死亡登记', icon: <SolutionOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/deaths/expected', label: '死亡漏报', icon: <FileSearchOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/ranking/spectrum', label: '疾病谱', icon: <BarChartOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/ranking/death-causes', label: '死因顺位', icon: <FundOutlined />, permission: 'disease.read', group: '疾病报告' },
];
