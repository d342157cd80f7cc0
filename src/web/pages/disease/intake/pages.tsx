import type { MenuEntry } from '../../../layout/menu.tsx';

/** 就诊数据接入: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
