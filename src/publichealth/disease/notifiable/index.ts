// The loaded notifiable disease lists, oldest first. Add a new version of the law here.
import { loadNotifiableLists } from './load.ts';
import { law2025 } from './law-2025.ts';

export const NOTIFIABLE_LISTS = loadNotifiableLists([law2025]);
