import { useState } from 'react';
import { Button, Space } from 'antd';
import type { AreaDetail } from '../../api/types.ts';
import { findArea, refreshAreaTree, useAreaTree } from '../../lib/useAreaTree.ts';
import { CHILD_KINDS } from './area-rules.ts';
import { NewChildAreaModal } from './NewChildAreaModal.tsx';
import { RenameAreaModal } from './RenameAreaModal.tsx';
import { MergeAreasModal } from './MergeAreasModal.tsx';
import { SplitAreaModal } from './SplitAreaModal.tsx';

type Action = 'child' | 'rename' | 'merge' | 'split';

/**
 * 区划调整 on the selected area, for those who manage areas. `onChanged` gets the area to show next
 * (the new child, the merge target, the first part of a split, or the same area).
 */
export function AreaActions({ area, onChanged }: { area: AreaDetail; onChanged: (showId: number) => void }) {
  const [open, setOpen] = useState<Action>();
  const tree = useAreaTree();
  if (area.validTo) return null; // an ended area is history: nothing more happens to it
  const siblings = (area.parentId && tree && findArea(tree, area.parentId)?.children) || [];
  const close = () => setOpen(undefined);
  const changed = (showId: number) => {
    refreshAreaTree();
    onChanged(showId);
  };

  return (
    <Space wrap>
      {CHILD_KINDS[area.kind] && <Button onClick={() => setOpen('child')}>新增下级区划</Button>}
      <Button onClick={() => setOpen('rename')}>更名/改代码</Button>
      {siblings.length > 1 && <Button onClick={() => setOpen('merge')}>合并</Button>}
      {area.level === 'village' && <Button onClick={() => setOpen('split')}>拆分</Button>}
      <NewChildAreaModal parent={area} open={open === 'child'} onClose={close} onSaved={changed} />
      <RenameAreaModal area={area} open={open === 'rename'} onClose={close} onSaved={() => changed(area.id)} />
      <MergeAreasModal area={area} siblings={siblings} open={open === 'merge'} onClose={close} onSaved={changed} />
      {area.level === 'village' && <SplitAreaModal area={area} open={open === 'split'} onClose={close} onSaved={changed} />}
    </Space>
  );
}
