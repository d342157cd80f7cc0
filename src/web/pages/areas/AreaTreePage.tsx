import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Spin, Tree, Typography, type TreeDataNode } from 'antd';
import type { AreaNode } from '../../api/types.ts';
import { AREA_KIND_NAMES } from '../../lib/format.ts';
import { useAreaTree } from '../../lib/useAreaTree.ts';
import { AreaDetailPanel } from './AreaDetailPanel.tsx';

function treeData(nodes: AreaNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title: (
      <span>
        {node.name} <Typography.Text type="secondary">{AREA_KIND_NAMES[node.kind] ?? node.kind} · {node.code}</Typography.Text>
      </span>
    ),
    children: treeData(node.children),
  }));
}

function indexNames(nodes: AreaNode[], into = new Map<number, string>()): Map<number, string> {
  for (const node of nodes) {
    into.set(node.id, node.name);
    indexNames(node.children, into);
  }
  return into;
}

/** 行政区划: the caller's area tree on the left, the chosen area's details and history on the right. */
export default function AreaTreePage() {
  const tree = useAreaTree();
  const [selected, setSelected] = useState<number>();
  // Bumped after an area change, so the details load again even when the same area stays selected.
  const [version, setVersion] = useState(0);
  const show = (id: number) => {
    setSelected(id);
    setVersion((n) => n + 1);
  };
  const data = useMemo(() => treeData(tree ?? []), [tree]);
  const names = useMemo(() => indexNames(tree ?? []), [tree]);
  const nameOfId = (id: number) => names.get(id) ?? `区划 #${id}（已撤销或不在管辖范围内）`;

  return (
    <Row gutter={16}>
      <Col xs={24} md={10} lg={8}>
        <Card title="行政区划" size="small">
          {!tree ? (
            <Spin />
          ) : (
            <Tree
              treeData={data}
              defaultExpandAll
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => keys[0] !== undefined && setSelected(Number(keys[0]))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14} lg={16}>
        {selected ? <AreaDetailPanel key={version} areaId={selected} nameOfId={nameOfId} onChanged={show} /> : <Card><Empty description="请在左侧选择一个区划查看详情" /></Card>}
      </Col>
    </Row>
  );
}
