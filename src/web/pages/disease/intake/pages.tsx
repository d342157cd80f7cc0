import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { CloudUploadOutlined, KeyOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../../layout/menu.tsx';

const VisitsPage = lazy(() => import('./VisitsPage.tsx'));
const VisitImportPage = lazy(() => import('./VisitImportPage.tsx'));
const ApiKeysPage = lazy(() => import('./ApiKeysPage.tsx'));

/** 就诊数据接入: the pages' routes (children of the app layout) and their menu entries. */
export const routes = (
  <>
    <Route path="disease/visits" element={<VisitsPage />} />
    <Route path="disease/visits/import" element={<VisitImportPage />} />
    <Route path="disease/visit-keys" element={<ApiKeysPage />} />
  </>
);

export const menu: MenuEntry[] = [
  { path: '/disease/visits', label: '就诊记录', icon: <MedicineBoxOutlined />, permission: 'disease.read', group: '疾病报告' },
  { path: '/disease/visits/import', label: '就诊数据导入', icon: <CloudUploadOutlined />, permission: 'visits.import', group: '疾病报告' },
  { path: '/disease/visit-keys', label: '医院接口密钥', icon: <KeyOutlined />, permission: 'visits.keys', group: '疾病报告' },
];
