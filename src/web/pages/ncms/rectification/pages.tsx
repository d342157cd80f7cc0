import type { MenuEntry } from '../../../layout/menu.tsx';

/** NCMS 审计整改: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
