import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { NotificationOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const NoticesPage = lazy(() => import('./NoticesPage.tsx'));
const NoticeDetailPage = lazy(() => import('./NoticeDetailPage.tsx'));

/** NCMS 村级公示: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="ncms/notices" element={<NoticesPage />} />
    <Route path="ncms/notices/:areaId/:month" element={<NoticeDetailPage />} />
  </>
);

export const menu: MenuEntry[] = [
  { path: '/ncms/notices', label: '村级公示', icon: <NotificationOutlined />, permission: ['ncms.read', 'ncms.enroll'], group: '新农合' },
];
