import type { AreaLevel } from './db/schema.ts';

/** Area levels as messages and the web app name them. */
export const AREA_LEVEL_NAMES: Record<AreaLevel, string> = {
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
};
