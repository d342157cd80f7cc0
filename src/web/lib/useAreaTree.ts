import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { AreaNode } from '../api/types.ts';

// The area tree changes rarely; one request per page load serves every filter and form.
let cached: Promise<AreaNode[]> | undefined;
// Mounted trees, told to load again when an area changes.
const listeners = new Set<() => void>();

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

/** Forget the cached tree (after an area is created, renamed, merged or split); trees on screen load it afresh. */
export function refreshAreaTree(): void {
  cached = undefined;
  for (const listener of listeners) listener();
}

export function useAreaTree(): AreaNode[] | undefined {
  const [tree, setTree] = useState<AreaNode[]>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    const reload = () => setRound((n) => n + 1);
    listeners.add(reload);
    return () => {
      listeners.delete(reload);
    };
  }, []);
  useEffect(() => {
    let current = true;
    loadAreaTree().then(
      (value) => current && setTree(value),
      () => current && setTree([]),
    );
    return () => {
      current = false;
    };
  }, [round]);
  return tree;
}

export interface AreaOption {
  value: number;
  title: string;
  selectable: boolean;
  children: AreaOption[];
}

/** The tree as TreeSelect data; with `onlyLevel`, only areas of that level can be picked. */
export function areaOptions(tree: AreaNode[], onlyLevel?: string): AreaOption[] {
  return tree.map((node) => ({
    value: node.id,
    title: node.name,
    selectable: !onlyLevel || node.level === onlyLevel,
    children: areaOptions(node.children, onlyLevel),
  }));
}

export function findArea(tree: AreaNode[], id: number): AreaNode | undefined {
  for (const node of tree) {
    if (node.id === id) return node;
    const found = findArea(node.children, id);
    if (found) return found;
  }
  return undefined;
}
