import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { AlertOutlined, BarChartOutlined, FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const CardsPage = lazy(() => import('./CardsPage.tsx'));
const CardFormPage = lazy(() => import('./CardFormPage.tsx'));
const CardDetailPage = lazy(() => import('./CardDetailPage.tsx'));
const AlertsPage = lazy(() => import('./AlertsPage.tsx'));
const MissedPage = lazy(() => import('./MissedPage.tsx'));
const RatesPage = lazy(() => import('./RatesPage.tsx'));

/** 传染病报告卡: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="disease/cards" element={<CardsPage />} />
    <Route path="disease/cards/new" element={<CardFormPage />} />
    <Route path="disease/cards/:id" element={<CardDetailPage />} />
    <Route path="disease/cards/:id/revise" element={<CardFormPage />} />
    <Route path="disease/alerts" element={<AlertsPage />} />
    <Route path="disease/missed" element={<MissedPage />} />
    <Route path="disease/report-rates" element={<RatesPage />} />
  </>
);

export const menu: MenuEntry[] = [
  { path: '/disease/cards', label: '传染病报告卡', icon: <FormOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/alerts', label: '甲类传染病预警', icon: <AlertOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/missed', label: '漏报名单', icon: <FileSearchOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/report-rates', label: '报告率与及时率', icon: <BarChartOutlined />, permission: 'disease.read', group: '疾病报告' },
];
