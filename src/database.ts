import type { CoreTables } from './core/db/schema.ts';
import type { NcmsTables } from './ncms/db/schema.ts';

/** Every module's tables; each module reads and writes only its own. */
export interface Database extends CoreTables, NcmsTables {}
