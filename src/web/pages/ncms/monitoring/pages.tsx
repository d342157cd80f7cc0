import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { AlertOutlined, FundOutlined, LineChartOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const IndicatorsPage = lazy(() => import('./IndicatorsPage.tsx'));
const AlertsPage = lazy(() => import('./AlertsPage.tsx'));
const FundWarningPage = lazy(() => import('./FundWarningPage.tsx'));

/** NCMS 监测与预警: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="ncms/monitoring" element={<IndicatorsPage />} />
    <Route path="ncms/monitoring/alerts" element={<AlertsPage />} />
    <Route path="ncms/monitoring/fund" element={<FundWarningPage />} />
  </>
);

export const menu: MenuEntry[] = [
  { path: '/ncms/monitoring', label: '费用监测', icon: <LineChartOutlined />, permission: 'ncms.read', group: '新农合' },
  { path: '/ncms/monitoring/alerts', label: '监测预警', icon: <AlertOutlined />, permission: 'ncms.read', group: '新农合' },
  { path: '/ncms/monitoring/fund', label: '基金预警', icon: <FundOutlined />, permission: 'ncms.read', group: '新农合' },
];
