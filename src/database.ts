import type { CoreTables } from './core/db/schema.ts';
import type { NcmsTables } from './ncms/db/schema.ts';
import type { RecordsTables } from './publichealth/records/db/schema.ts';
import type { ImmunizationTables } from './publichealth/immunization/db/schema.ts';
import type { DiseaseTables } from './publichealth/disease/db/schema.ts';
import type { SupervisionTables } from './supervision/db/schema.ts';

/** Every module's tables; each module reads and writes only its own. */
export interface Database extends CoreTables, NcmsTables, RecordsTables, ImmunizationTables, DiseaseTables, SupervisionTables {}
