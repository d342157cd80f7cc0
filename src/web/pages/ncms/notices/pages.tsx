import type { MenuEntry } from '../../../layout/menu.tsx';

/** NCMS 村级公示: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
