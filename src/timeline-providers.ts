// Where every module's timeline provider is registered for the resident health record (居民健康档案): the one
// place that wires modules together, so no module imports another to show its services on the record.
import { registerTimelineProvider } from './publichealth/records/timeline/registry.ts';
import { peopleTimelineProvider } from './publichealth/records/timeline/people-provider.ts';
import { recordTimelineProvider } from './publichealth/records/timeline/record-provider.ts';
import { immunizationTimelineProvider } from './publichealth/immunization/timeline.ts';
import { claimsTimelineProvider } from './ncms/claims/timeline.ts';

registerTimelineProvider(peopleTimelineProvider);
registerTimelineProvider(recordTimelineProvider);
registerTimelineProvider(immunizationTimelineProvider);
registerTimelineProvider(claimsTimelineProvider);
