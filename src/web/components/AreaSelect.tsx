import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { areaOptions, useAreaTree } from '../lib/useAreaTree.ts';

interface Props {
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  /** Only areas of this level can be picked (e.g. 'village' for a household). */
  onlyLevel?: string;
}

/** Picks an area from the caller's own tree; works as a Form.Item control. */
export function AreaSelect({ value, onChange, placeholder = '选择行政区划', allowClear = true, style, id, onlyLevel }: Props) {
  const tree = useAreaTree();
  const options = useMemo(() => areaOptions(tree ?? [], onlyLevel), [tree, onlyLevel]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(next: number | undefined) => onChange?.(next ?? undefined)}
      treeData={options}
      loading={!tree}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      style={{ minWidth: 220, ...style }}
    />
  );
}
