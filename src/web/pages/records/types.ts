// The health records API's answers (src/publichealth/records/routes.ts), as the web app reads them.
import type { PersonSummary } from '../../api/types.ts';

export type Sections = Record<string, Record<string, unknown> | undefined>;

export interface MissingItem {
  key: string;
  label: string;
  section: string;
  sectionName: string;
}

export interface HealthRecord {
  id: number;
  personId: number;
  recordNo: string;
  medium: 'electronic' | 'paper';
  createdOn: string;
  institutionId: number | null;
  institutionName: string | null;
  responsibleDoctor: string | null;
  createdByName: string;
  version: number;
  updatedAt: string;
  sections: Sections;
  status: { status: 'active' | 'closed'; reason?: string; reasonName?: string; closedOn?: string | null };
  completeness: { complete: boolean; required: number; filled: number; missing: MissingItem[] };
}

export interface TimelineWarning {
  module: string;
  label: string;
  message: string;
}

export interface RecordAnswer {
  person: Pick<PersonSummary, 'id' | 'name' | 'idNumber' | 'sex' | 'birthDate' | 'status' | 'statusDate' | 'areaId' | 'areaName'>;
  record: HealthRecord | null;
  dynamicUse: { from: string; to: string; lastService: string | null; inUse: boolean } | null;
  warnings: TimelineWarning[];
}

export interface TimelineEvent {
  date: string;
  module: string;
  kind: string;
  title: string;
  detail?: string;
  institutionName?: string;
  link?: string;
  service: boolean;
}

export interface TimelinePage {
  items: TimelineEvent[];
  nextBefore: string | null;
  warnings: TimelineWarning[];
  modules: Array<{ module: string; label: string }>;
}

export interface RecordVersion {
  version: number;
  changed: string[];
  before: unknown;
  after: unknown;
  changedByName: string;
  changedAt: string;
}

export interface Figure {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface AreaFigures {
  areaId: number;
  code: string;
  name: string;
  counts: { residents: number; records: number; electronic: number; dynamic: number; complete: number };
  recordRate: Figure;
  electronicRate: Figure;
  useRate: Figure;
  completenessRate: Figure;
}

export interface RecordIndicators {
  period: { from: string; to: string };
  definitions: Record<'recordRate' | 'electronicRate' | 'useRate' | 'completenessRate', { name: string; definition: string }>;
  townships: Array<AreaFigures & { villages: AreaFigures[] }>;
  total: Omit<AreaFigures, 'areaId' | 'code' | 'name'>;
}
