import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { AreaNode } from '../api/types.ts';
import { AREA_KIND_NAMES } from './format.ts';

// The area tree changes rarely; one request per page load serves every filter and form.
let cached: Promise<AreaNode[]> | undefined;

export function loadAreaTree(): Promise<AreaNode[]> {
  cached ??= api<{ tree: AreaNode[] }>('/areas/tree').then(
    (answer) => answer.tree,
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}

/** Forget the cached tree (after an area is created, renamed, merged or split). */
export function refreshAreaTree(): void {
  cached = undefined;
}

export function useAreaTree(): AreaNode[] | undefined {
  const [tree, setTree] = useState<AreaNode[]>();
  useEffect(() => {
    let current = true;
    loadAreaTree().then(
      (value) => current && setTree(value),
      () => current && setTree([]),
    );
    return () => {
      current = false;
    };
  }, []);
  return tree;
}

export interface AreaOption {
  value: number;
  title: string;
  children: AreaOption[];
}

/** The tree as TreeSelect data: "东岭村（村）". */
export function areaOptions(tree: AreaNode[]): AreaOption[] {
  return tree.map((node) => ({
    value: node.id,
    title: `${node.name}（${AREA_KIND_NAMES[node.kind] ?? node.kind}）`,
    children: areaOptions(node.children),
  }));
}
