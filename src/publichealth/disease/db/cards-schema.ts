import type { Generated } from 'kysely';
import type { DateString, DefaultedTimestamp, Timestamp } from '../../../core/db/schema.ts';
import type { CaseClass, Course, DiseaseClass } from '../notifiable/schema.ts';

// Tables of 传染病报告卡 (cards), migration 0002_report_cards.sql.

export type CardStatus = 'entered' | 'checked' | 'confirmed' | 'revised' | 'deleted';
export type CardAction = 'enter' | 'check' | 'confirm' | 'revise' | 'delete';

export interface DiseaseCardTable {
  id: Generated<number>;
  institution_id: number;
  visit_id: number | null;
  person_id: number | null;
  area_id: number;
  patient_name: string;
  id_number: string | null;
  sex: 'M' | 'F';
  birth_date: DateString | null;
  age_years: number | null;
  parent_name: string | null;
  phone: string | null;
  occupation: string;
  work_unit: Generated<string>;
  address: Generated<string>;
  list_id: string;
  disease_id: string;
  form_id: string | null;
  icd10: string;
  disease_class: DiseaseClass;
  class_a: boolean;
  time_limit_hours: number;
  case_class: CaseClass;
  course: Course | null;
  onset_date: DateString | null;
  diagnosed_at: Timestamp;
  death_date: DateString | null;
  doctor_name: string;
  reported_at: Timestamp;
  on_time: boolean;
  remarks: Generated<string>;
  status: Generated<CardStatus>;
  version: Generated<number>;
  entered_by: number | null;
  entered_by_name: string;
  checked_at: Timestamp | null;
  checked_by_name: string | null;
  confirmed_at: Timestamp | null;
  confirmed_by_name: string | null;
  deleted_at: Timestamp | null;
  deleted_by_name: string | null;
  delete_reason: string | null;
  updated_at: DefaultedTimestamp;
}

export interface DiseaseCardEventTable {
  id: Generated<number>;
  card_id: number;
  version: number;
  action: CardAction;
  from_status: CardStatus | null;
  to_status: CardStatus;
  at: DefaultedTimestamp;
  by_id: number | null;
  by_name: string;
  reason: string | null;
  before: unknown;
}

export interface DiseaseCardAlertTable {
  id: Generated<number>;
  card_id: number;
  raised_at: DefaultedTimestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
  acknowledged_by_name: string | null;
}

export interface ReportCardTables {
  disease_card: DiseaseCardTable;
  disease_card_event: DiseaseCardEventTable;
  disease_card_alert: DiseaseCardAlertTable;
}
