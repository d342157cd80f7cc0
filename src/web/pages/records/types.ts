// The health records API's answers (src/publichealth/records/routes.ts), as the web app reads them. The shapes the
// server declares are imported from it as types only (erased at build).
import type { PersonSummary } from '../../api/types.ts';
import type { RecordView } from '../../../publichealth/records/records.ts';
import type { DynamicUse } from '../../../publichealth/records/record-overview.ts';
import type { TimelineWarning } from '../../../publichealth/records/timeline/timeline.ts';

export type { MissingItem } from '../../../publichealth/records/completeness.ts';
export type { RecordVersion } from '../../../publichealth/records/records.ts';
export type { TimelinePage, TimelineWarning } from '../../../publichealth/records/timeline/timeline.ts';
export type { TimelineEvent } from '../../../publichealth/records/timeline/types.ts';
export type { Figure, AreaFigures, RecordIndicators } from '../../../publichealth/records/indicators.ts';
export type { RecordList, RecordListItem } from '../../../publichealth/records/record-list.ts';

/** The sections as the edit forms handle them: each section's fields by key. */
export type Sections = Record<string, Record<string, unknown> | undefined>;

export type HealthRecord = Omit<RecordView, 'sections'> & { sections: Sections };

export interface RecordAnswer {
  person: Pick<PersonSummary, 'id' | 'name' | 'idNumber' | 'sex' | 'birthDate' | 'status' | 'statusDate' | 'areaId' | 'areaName'>;
  record: HealthRecord | null;
  dynamicUse: DynamicUse | null;
  warnings: TimelineWarning[];
}
