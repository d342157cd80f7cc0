import type { MenuEntry } from '../../../layout/menu.tsx';

/** 死亡登记与疾病谱: the pages' routes (children of the app layout) and their menu entries. */
export const routes = <></>;
export const menu: MenuEntry[] = [];
