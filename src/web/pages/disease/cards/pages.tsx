import type { MenuEntry } from '../../../layout/menu.tsx';

/** 传染病报告卡: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
