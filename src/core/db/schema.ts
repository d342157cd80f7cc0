import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/** A timestamptz column: written as a Date or ISO string, read as a Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default (created_at, updated_at). */
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A date column, always 'YYYY-MM-DD'. */
export type DateString = string;

export type AreaLevel = 'county' | 'township' | 'village';
export type AreaKind = 'county' | 'street' | 'town' | 'township' | 'community' | 'village';
export type InstitutionLevel = 'village' | 'township' | 'county' | 'outside';
export type PersonStatus = 'alive' | 'deceased' | 'moved_out';
export type Sex = 'M' | 'F';

export interface AreaTable {
  id: Generated<number>;
  level: AreaLevel;
  kind: AreaKind;
  code: string;
  name: string;
  urban: boolean;
  parent_id: number | null;
  path: string;
  valid_from: DateString;
  valid_to: DateString | null;
}

export interface AreaVersionTable {
  id: Generated<number>;
  area_id: number;
  code: string;
  name: string;
  parent_id: number | null;
  urban: boolean;
  valid_from: DateString;
  valid_to: DateString | null;
}

export interface AreaChangeTable {
  id: Generated<number>;
  kind: 'create' | 'rename' | 'recode' | 'merge' | 'split';
  effective: DateString;
  from_area_ids: ColumnType<number[], number[] | undefined, number[]>;
  to_area_ids: ColumnType<number[], number[] | undefined, number[]>;
  note: string | null;
  created_at: DefaultedTimestamp;
}

export interface HouseholdTable {
  id: Generated<number>;
  area_id: number;
  household_no: string;
  address: Generated<string>;
  phone: string | null;
  head_person_id: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface PersonTable {
  id: Generated<number>;
  household_id: number | null;
  area_id: Generated<number | null>; // the household's village, copied for scoped search (0003_search.sql keeps it equal)
  relation: string | null;
  name: string;
  id_number: string | null;
  sex: Sex;
  birth_date: DateString;
  ethnicity: string | null;
  phone: string | null;
  status: Generated<PersonStatus>;
  status_date: DateString | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface InstitutionTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  level: InstitutionLevel;
  area_id: number;
  parent_id: number | null;
  designations: ColumnType<string[], string[] | undefined, string[]>;
  address: Generated<string>;
  phone: string | null;
  active: Generated<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface StaffTable {
  id: Generated<number>;
  institution_id: number;
  name: string;
  sex: Sex | null;
  id_number: string | null;
  role: string;
  qualification: string | null;
  phone: string | null;
  active: Generated<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  area_id: number;
  institution_id: number | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
}

/** An audit entry; seq, prev_hash and hash are given when its transaction commits, so a committed entry has them. */
export interface AuditLogTable {
  id: GeneratedAlways<number>;
  seq: ColumnType<number, never, never>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  area_id: number | null;
  before: unknown;
  after: unknown;
  /** sha256 of the content (canonical JSON); null for entries chained before 0004, whose hash covers every field. */
  content_hash: string | null;
  prev_hash: ColumnType<string, never, never>;
  hash: ColumnType<string, never, never>;
}

/** Asks for the transaction's audit entries to be chained at commit (a deferred trigger); never holds a row after. */
export interface AuditChainRequestTable {
  id: GeneratedAlways<number>;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SchemaMigrationTable {
  module: string;
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

export interface CoreTables {
  area: AreaTable;
  area_version: AreaVersionTable;
  area_change: AreaChangeTable;
  household: HouseholdTable;
  person: PersonTable;
  institution: InstitutionTable;
  staff: StaffTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_chain_request: AuditChainRequestTable;
  schema_migration: SchemaMigrationTable;
}
