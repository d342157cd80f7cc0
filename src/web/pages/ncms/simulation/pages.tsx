import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { FundOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const SimulationPage = lazy(() => import('./SimulationPage.tsx'));

/** NCMS 补偿方案测算: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <Route path="ncms/simulation" element={<SimulationPage />} />;
export const menu: MenuEntry[] = [{ path: '/ncms/simulation', label: '补偿方案测算', icon: <FundOutlined />, permission: 'ncms.read', group: '新农合' }];
