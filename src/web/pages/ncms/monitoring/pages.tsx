import type { MenuEntry } from '../../../layout/menu.tsx';

/** NCMS 监测与预警: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
