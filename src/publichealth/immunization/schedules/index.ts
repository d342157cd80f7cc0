// The loaded National Immunization Program schedules, oldest first. Add a new edition or change here.
import { loadSchedules } from './load.ts';
import { nip2021 } from './nip-2021.ts';
import { nip2025Dtap } from './nip-2025-dtap.ts';

export const NIP_SCHEDULES = loadSchedules([nip2021, nip2025Dtap]);
