import type { VisitTables } from './intake-schema.ts';
import type { ReportCardTables } from './cards-schema.ts';
import type { DeathTables } from './deaths-schema.ts';

/** The disease-reporting module's tables: visit intake, report cards (传染病报告卡), deaths. */
export interface DiseaseTables extends VisitTables, ReportCardTables, DeathTables {}
