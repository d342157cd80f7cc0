import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { FileDoneOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const FindingsPage = lazy(() => import('./FindingsPage.tsx'));
const FindingDetailPage = lazy(() => import('./FindingDetailPage.tsx'));

/** NCMS 审计整改: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="ncms/rectification" element={<FindingsPage />} />
    <Route path="ncms/rectification/findings/:id" element={<FindingDetailPage />} />
  </>
);

export const menu: MenuEntry[] = [{ path: '/ncms/rectification', label: '审计整改', icon: <FileDoneOutlined />, permission: 'ncms.read', group: '新农合' }];
