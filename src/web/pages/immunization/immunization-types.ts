// The immunization API's shapes, taken from the server's own service types (type-only: no server code reaches the bundle).
export type { CoverageAnswer } from '../../../publichealth/immunization/indicators/coverage-service.ts';
export type { DueList, OverdueList, ListedChild, ListedDose, OverdueDose } from '../../../publichealth/immunization/lists/due-list.ts';
export type { ListArea } from '../../../publichealth/immunization/lists/lists.ts';
export type { SchoolCheckResult, SchoolCheckRow, RosterProblem } from '../../../publichealth/immunization/lists/school-check.ts';
export type { ChildRecord, ChildSummary, DoseView } from '../../../publichealth/immunization/registry/child-record.ts';
export type { BatchView } from '../../../publichealth/immunization/batches/batches.ts';
export type { PlannedDose, ImmunizationPlan } from '../../../publichealth/immunization/types.ts';
export type { RegisterProblem, RegisterImportResult } from '../../../publichealth/immunization/import/register-import.ts';
