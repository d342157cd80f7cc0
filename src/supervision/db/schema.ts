// Tables of supervision and assessment (督导考核): indicators' monthly values, targets, scoring, bulletins.
import type { ColumnType, Generated } from 'kysely';

export type AreaLevelName = 'county' | 'township' | 'village';

export interface SupervisionIndicatorValueTable {
  indicator: string;
  month: string;
  area_id: number;
  area_code: string;
  area_name: string;
  area_level: AreaLevelName;
  parent_area_id: number | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  computed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SupervisionInstitutionValueTable {
  indicator: string;
  month: string;
  institution_id: number;
  institution_name: string;
  township_id: number | null;
  township_name: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  computed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SupervisionTargetTable {
  id: Generated<number>;
  year: number;
  indicator: string;
  area_id: number | null;
  /** A target for one institution (area_id then null). */
  institution_id: ColumnType<number | null, number | null | undefined, number | null>;
  target: number;
  set_by_name: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SupervisionSchemeTable {
  year: number;
  items: ColumnType<unknown, string, string>;
  set_by_name: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SupervisionBulletinTable {
  id: Generated<number>;
  month: string;
  version: number;
  content: ColumnType<unknown, string, never>;
  correction_reason: string | null;
  published_by: number | null;
  published_by_name: string;
  published_at: ColumnType<Date, Date | undefined, never>;
}

export interface SupervisionInspectionTable {
  id: Generated<number>;
  inspected_on: string;
  area_id: number;
  topic: string;
  inspectors: string;
  summary: string;
  created_by_name: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type ProblemStatus = 'open' | 'rectified' | 'closed';

export interface SupervisionProblemTable {
  id: Generated<number>;
  inspection_id: number;
  description: string;
  responsible_area_id: number;
  deadline: string;
  status: ColumnType<ProblemStatus, ProblemStatus | undefined, ProblemStatus>;
  rectification: string | null;
  rectified_by_name: string | null;
  rectified_at: Date | null;
  review_note: string | null;
  closed_by_name: string | null;
  closed_at: Date | null;
}

export interface SupervisionTables {
  supervision_inspection: SupervisionInspectionTable;
  supervision_problem: SupervisionProblemTable;
  supervision_indicator_value: SupervisionIndicatorValueTable;
  supervision_institution_value: SupervisionInstitutionValueTable;
  supervision_target: SupervisionTargetTable;
  supervision_scheme: SupervisionSchemeTable;
  supervision_bulletin: SupervisionBulletinTable;
}
