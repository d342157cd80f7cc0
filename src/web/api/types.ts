// The shapes of the API's JSON answers, as the contract in the platform notes defines them.

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Set when the server stopped counting at its limit: there are more than `total`. */
  totalCapped?: boolean;
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  areaId: number;
  areaName: string;
  institutionId: number | null;
}

export interface AreaNode {
  id: number;
  code: string;
  name: string;
  level: string;
  kind: string;
  urban: boolean;
  children: AreaNode[];
}

export interface AreaVersion {
  code: string;
  name: string;
  parentId: number | null;
  urban: boolean;
  validFrom: string;
  validTo: string | null;
}

export interface AreaChange {
  id: number;
  kind: string;
  effective: string;
  fromAreaIds: number[];
  toAreaIds: number[];
  note: string | null;
}

export interface AreaDetail {
  id: number;
  code: string;
  name: string;
  level: string;
  kind: string;
  urban: boolean;
  parentId: number | null;
  path: string;
  validFrom: string;
  validTo: string | null;
  versions: AreaVersion[];
  changes: AreaChange[];
}

export type PersonStatus = 'alive' | 'deceased' | 'moved_out';
export type Sex = 'M' | 'F';

export interface PersonSummary {
  id: number;
  name: string;
  idNumber: string | null;
  sex: Sex;
  birthDate: string;
  status: PersonStatus;
  statusDate: string | null;
  relation: string | null;
  householdId: number | null;
  householdNo: string | null;
  areaId: number | null;
  areaName: string | null;
}

export interface PersonDetail extends PersonSummary {
  phone: string | null;
  ethnicity: string | null;
  household: { id: number; householdNo: string; address: string; members: PersonSummary[] };
}

export interface HouseholdSummary {
  id: number;
  householdNo: string;
  areaId: number;
  areaName: string;
  address: string | null;
  phone: string | null;
  headName: string | null;
  headIdNumber: string | null;
  memberCount: number;
}

export interface HouseholdDetail extends HouseholdSummary {
  members: PersonSummary[];
}

export interface Institution {
  id: number;
  code: string;
  name: string;
  kind: string;
  kindName: string;
  level: string;
  levelName: string;
  areaId: number;
  areaName: string;
  parentId: number | null;
  designations: string[];
  address: string;
  phone: string | null;
  active: boolean;
  staffCount: number;
}

export interface Staff {
  id: number;
  name: string;
  sex: Sex | null;
  idNumber: string | null;
  role: string;
  roleName: string;
  qualification: string | null;
  qualificationName: string | null;
  phone: string | null;
  active: boolean;
}

export interface InstitutionDetail extends Institution {
  parentName: string | null;
  /** False outside the caller's scope: staff ID numbers and phones are then withheld. */
  staffDetailsVisible: boolean;
  staff: Staff[];
}

export interface InstitutionMeta {
  kinds: { kind: string; name: string; levels: { level: string; areaLevel: string }[] }[];
  levels: { level: string; name: string }[];
  areaLevels: { level: string; name: string }[];
  designations: { designation: string; name: string }[];
  staffRoles: { role: string; name: string }[];
  qualifications: { qualification: string; name: string }[];
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  areaId: number;
  areaName: string;
  institutionId: number | null;
  institutionName: string | null;
  active: boolean;
  /** Locked after too many wrong passwords. */
  locked: boolean;
  lastLoginAt: string | null;
}

export interface RoleOption {
  role: string;
  name: string;
  /** The level of area this role's users are assigned to. */
  areaLevel: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  areaId: number | null;
  areaName: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  problems: { seq: number; problem: string; message: string }[];
}

export interface Overview {
  townships: number;
  villages: number;
  households: number;
  residents: number;
  institutionsByKind: { kind: string; name: string; count: number }[];
  /** The level `residentsByArea` breaks down by: townships for a county, villages below that. */
  byLevel: 'county' | 'township' | 'village';
  residentsByArea: { areaId: number; name: string; count: number }[];
  pyramid: { band: string; male: number; female: number }[];
}
