import type { MenuEntry } from '../../layout/menu.tsx';

/** Supervision and assessment (督导考核): the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
