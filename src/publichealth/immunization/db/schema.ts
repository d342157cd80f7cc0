import type { ColumnType, Generated } from 'kysely';
import type { DateString, DefaultedTimestamp } from '../../../core/db/schema.ts';
import type { ChildCondition } from '../schedules/schema.ts';

// Tables of the immunization registry (预防接种登记), migration 0001_registry.sql.

/** local: lives where registered; migrant_in: 流动儿童, household registered elsewhere, managed where they live. */
export type ChildResidence = 'local' | 'migrant_in';
export type ChildStatus = 'active' | 'moved_away' | 'dead';
/** clinic: entered at the clinic; import: from an old register (Excel); other_place: given elsewhere (before moving in). */
export type DoseSource = 'clinic' | 'import' | 'other_place';
export type StockMovementKind = 'receive' | 'dose' | 'dose_return';

/** A child under management (儿童预防接种管理); scoped by area_id, the village or community the child lives in now. */
export interface ImmChildTable {
  id: Generated<number>;
  person_id: number;
  clinic_id: number;
  area_id: number;
  address: ColumnType<string, string | undefined, string>;
  residence: ChildResidence;
  status: ColumnType<ChildStatus, ChildStatus | undefined, ChildStatus>;
  status_date: DateString | null;
  /** 接种证号; null until the certificate is issued. */
  certificate_no: string | null;
  certificate_issued_on: DateString | null;
  guardian_name: string;
  guardian_phone: string | null;
  /** The engine's child conditions, passed to plan(..., { conditions }). */
  conditions: ColumnType<ChildCondition[], ChildCondition[] | undefined, ChildCondition[]>;
  registered_at: DefaultedTimestamp;
  registered_by: number | null;
  registered_by_name: string;
  updated_at: DefaultedTimestamp;
}

export interface ImmCertificateCounterTable {
  prefix: string;
  year: number;
  last_no: number;
}

export interface ImmBatchTable {
  id: Generated<number>;
  institution_id: number;
  vaccine: string;
  manufacturer: string;
  batch_no: string;
  /** Usable up to and including this day. */
  expiry: DateString;
  received_qty: number;
  remaining: number;
  received_on: DateString;
  received_by_name: string;
  created_at: DefaultedTimestamp;
}

/** One dose given; unique (child_id, vaccine, dose). */
export interface ImmDoseTable {
  id: Generated<number>;
  child_id: number;
  vaccine: string;
  /** The product's dose number, as the engine counts it. */
  dose: number;
  given_on: DateString;
  batch_id: number | null;
  batch_no: string | null;
  institution_id: number | null;
  place_name: string | null;
  vaccinator: string | null;
  site: string | null;
  route: string | null;
  source: DoseSource;
  entered_by: number | null;
  entered_by_name: string;
  entered_at: DefaultedTimestamp;
}

export interface ImmStockMovementTable {
  id: Generated<number>;
  batch_id: number;
  kind: StockMovementKind;
  /** Signed: + received or returned, - used. */
  quantity: number;
  dose_id: number | null;
  reason: string | null;
  at: DefaultedTimestamp;
  by_name: string;
}

export interface ImmRequestTable {
  request_id: string;
  payload_hash: string;
  result: unknown;
  created_at: DefaultedTimestamp;
}

/** Tables of the immunization registry (预防接种). */
export interface ImmunizationTables {
  imm_child: ImmChildTable;
  imm_certificate_counter: ImmCertificateCounterTable;
  imm_batch: ImmBatchTable;
  imm_dose: ImmDoseTable;
  imm_stock_movement: ImmStockMovementTable;
  imm_request: ImmRequestTable;
}
