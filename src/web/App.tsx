import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';
import { AuthProvider } from './auth/AuthContext.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import * as ncmsReview from './pages/ncms/review/pages.tsx';
import * as ncmsMonitoring from './pages/ncms/monitoring/pages.tsx';
import * as ncmsNotices from './pages/ncms/notices/pages.tsx';
import * as ncmsRectification from './pages/ncms/rectification/pages.tsx';
import * as ncmsSimulation from './pages/ncms/simulation/pages.tsx';
import * as diseaseIntake from './pages/disease/intake/pages.tsx';
import * as diseaseCards from './pages/disease/cards/pages.tsx';
import * as diseaseDeaths from './pages/disease/deaths/pages.tsx';
import * as supervision from './pages/supervision/pages.tsx';

// Each page is its own chunk: a clerk's PC downloads only what they open.
const LoginPage = lazy(() => import('./auth/LoginPage.tsx'));
const HomePage = lazy(() => import('./pages/home/HomePage.tsx'));
const AreaTreePage = lazy(() => import('./pages/areas/AreaTreePage.tsx'));
const PeopleSearchPage = lazy(() => import('./pages/people/PeopleSearchPage.tsx'));
const PersonDetailPage = lazy(() => import('./pages/people/PersonDetailPage.tsx'));
const HouseholdDetailPage = lazy(() => import('./pages/people/HouseholdDetailPage.tsx'));
const NewHouseholdPage = lazy(() => import('./pages/people/NewHouseholdPage.tsx'));
const InstitutionListPage = lazy(() => import('./pages/institutions/InstitutionListPage.tsx'));
const InstitutionDetailPage = lazy(() => import('./pages/institutions/InstitutionDetailPage.tsx'));
const SchemeListPage = lazy(() => import('./pages/ncms/schemes/SchemeListPage.tsx'));
const SchemeDetailPage = lazy(() => import('./pages/ncms/schemes/SchemeDetailPage.tsx'));
const SchemeEditorPage = lazy(() => import('./pages/ncms/schemes/SchemeEditorPage.tsx'));
const SchemeComparePage = lazy(() => import('./pages/ncms/schemes/SchemeComparePage.tsx'));
const EnrollmentRatesPage = lazy(() => import('./pages/ncms/enrollment/EnrollmentRatesPage.tsx'));
const VillageEnrollmentPage = lazy(() => import('./pages/ncms/enrollment/VillageEnrollmentPage.tsx'));
const RosterImportPage = lazy(() => import('./pages/ncms/enrollment/RosterImportPage.tsx'));
const RecordIndicatorsPage = lazy(() => import('./pages/records/RecordIndicatorsPage.tsx'));
const RecordListPage = lazy(() => import('./pages/records/RecordListPage.tsx'));
const CardsPage = lazy(() => import('./pages/ncms/cards/CardsPage.tsx'));
const FundPage = lazy(() => import('./pages/ncms/fund/FundPage.tsx'));
const ClaimsListPage = lazy(() => import('./pages/ncms/claims/ClaimsListPage.tsx'));
const SettlePage = lazy(() => import('./pages/ncms/claims/SettlePage.tsx'));
const ClaimDetailPage = lazy(() => import('./pages/ncms/claims/ClaimDetailPage.tsx'));
const ImmunizationCoveragePage = lazy(() => import('./pages/immunization/CoveragePage.tsx'));
const ImmunizationDueListPage = lazy(() => import('./pages/immunization/DueListPage.tsx'));
const ImmunizationChildPage = lazy(() => import('./pages/immunization/ChildRecordPage.tsx'));
const ImmunizationStockPage = lazy(() => import('./pages/immunization/StockPage.tsx'));
const ImmunizationSchoolCheckPage = lazy(() => import('./pages/immunization/SchoolCheckPage.tsx'));
const ImmunizationImportPage = lazy(() => import('./pages/immunization/RegisterImportPage.tsx'));
const UserAdminPage = lazy(() => import('./pages/users/UserAdminPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route path="areas" element={<AreaTreePage />} />
              <Route path="people" element={<PeopleSearchPage />} />
              <Route path="people/persons/:id" element={<PersonDetailPage />} />
              <Route path="people/households/new" element={<NewHouseholdPage />} />
              <Route path="people/households/:id" element={<HouseholdDetailPage />} />
              <Route path="institutions" element={<InstitutionListPage />} />
              <Route path="institutions/:id" element={<InstitutionDetailPage />} />
              <Route path="ncms/schemes" element={<SchemeListPage />} />
              <Route path="ncms/schemes/new" element={<SchemeEditorPage />} />
              <Route path="ncms/schemes/compare" element={<SchemeComparePage />} />
              <Route path="ncms/schemes/:id" element={<SchemeDetailPage />} />
              <Route path="ncms/enrollment" element={<EnrollmentRatesPage />} />
              <Route path="ncms/enrollment/villages/:areaId" element={<VillageEnrollmentPage />} />
              <Route path="ncms/enrollment/import" element={<RosterImportPage />} />
              <Route path="records" element={<RecordIndicatorsPage />} />
              <Route path="records/list" element={<RecordListPage />} />
              <Route path="ncms/cards" element={<CardsPage />} />
              <Route path="ncms/fund" element={<FundPage />} />
              <Route path="ncms/claims" element={<ClaimsListPage />} />
              <Route path="ncms/claims/new" element={<SettlePage />} />
              <Route path="ncms/claims/:id" element={<ClaimDetailPage />} />
              <Route path="immunization/coverage" element={<ImmunizationCoveragePage />} />
              <Route path="immunization/lists" element={<ImmunizationDueListPage />} />
              <Route path="immunization/children" element={<ImmunizationChildPage />} />
              <Route path="immunization/stock" element={<ImmunizationStockPage />} />
              <Route path="immunization/school-check" element={<ImmunizationSchoolCheckPage />} />
              <Route path="immunization/import" element={<ImmunizationImportPage />} />
              {ncmsReview.routes}
              {ncmsMonitoring.routes}
              {ncmsNotices.routes}
              {ncmsRectification.routes}
              {ncmsSimulation.routes}
              {diseaseIntake.routes}
              {diseaseCards.routes}
              {diseaseDeaths.routes}
              {supervision.routes}
              <Route path="users" element={<UserAdminPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </AuthProvider>
    </BrowserRouter>
  );
}
