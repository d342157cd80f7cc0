// The review API's shapes, from the server's service types (type-only: no server code reaches the bundle).
export type { StoredReviewRules } from '../../../../ncms/review/rules-store.ts';
export type { ReviewRulesDocument } from '../../../../ncms/review/rules-document.ts';
export type { RunResult, RunSummary } from '../../../../ncms/review/run.ts';
export type { ReviewerInfo } from '../../../../ncms/review/reviewers.ts';
export type { ReviewItemSummary, ReviewItemView, ReviewDecisionView } from '../../../../ncms/review/items.ts';
export type { InstitutionReviewCounts } from '../../../../ncms/review/summary.ts';
