import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { AuditOutlined, FileSearchOutlined, FilterOutlined, PieChartOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const QueuePage = lazy(() => import('./QueuePage.tsx'));
const ReviewItemPage = lazy(() => import('./ReviewItemPage.tsx'));
const RulesPage = lazy(() => import('./RulesPage.tsx'));
const RunsPage = lazy(() => import('./RunsPage.tsx'));
const SummaryPage = lazy(() => import('./SummaryPage.tsx'));

/** NCMS 审核: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="ncms/review" element={<QueuePage />} />
    <Route path="ncms/review/items/:id" element={<ReviewItemPage />} />
    <Route path="ncms/review/rules" element={<RulesPage />} />
    <Route path="ncms/review/runs" element={<RunsPage />} />
    <Route path="ncms/review/summary" element={<SummaryPage />} />
  </>
);

export const menu: MenuEntry[] = [
  { path: '/ncms/review', label: '审核', icon: <AuditOutlined />, permission: ['ncms.review', 'ncms.read'], group: '新农合' },
  { path: '/ncms/review/runs', label: '按月抽审', icon: <FilterOutlined />, permission: 'ncms.review', group: '新农合' },
  { path: '/ncms/review/rules', label: '审核规则', icon: <FileSearchOutlined />, permission: ['ncms.review', 'ncms.read'], group: '新农合' },
  { path: '/ncms/review/summary', label: '审核汇总', icon: <PieChartOutlined />, permission: ['ncms.review', 'ncms.read'], group: '新农合' },
];
