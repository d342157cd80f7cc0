// The NCMS API's shapes, taken from the server's own service types (type-only: no server code reaches the bundle).
export type { SchemeSummary, StoredScheme } from '../../../ncms/schemes/scheme-store.ts';
export type { SchemeDifference } from '../../../ncms/schemes/compare-schemes.ts';
export type { ContributionCategory } from '../../../ncms/enrollment/categories.ts';
export type { EnrollmentView, EnrollmentResult } from '../../../ncms/enrollment/enrollment.ts';
export type { AreaRate, EnrollmentRates, RateFigures } from '../../../ncms/enrollment/enrollment-rate.ts';
export type { RosterImportResult } from '../../../ncms/enrollment/roster-import.ts';
export type { RegisterRow, VillageCardRegister, CardReconciliation, EnrolledHouseholdRow } from '../../../ncms/cards/card-register.ts';
export type { VillageIssueResult } from '../../../ncms/cards/cards.ts';
export type { FundOverview } from '../../../ncms/fund/overview.ts';
export type { InstitutionStatement } from '../../../ncms/fund/statements.ts';
export type { ClaimView, ClaimSummary, ClaimLineView, SettlementView } from '../../../ncms/claims/claims.ts';
export type { YearToDateSummary } from '../../../ncms/claims/year-to-date-summary.ts';
