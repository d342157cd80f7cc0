import { Card, Descriptions, Empty, Spin, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import type { AreaChange, AreaDetail, AreaVersion } from '../../api/types.ts';
import { AREA_CHANGE_NAMES, AREA_KIND_NAMES, nameOf } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { AreaActions } from './AreaActions.tsx';

/** One area: its current code and kind, every name/code it has had, and the changes it went through. */
export function AreaDetailPanel({ areaId, nameOfId, onChanged }: { areaId: number; nameOfId: (id: number) => string; onChanged: (showId: number) => void }) {
  const { data: area, loading } = useLoad(() => api<AreaDetail>(`/areas/${areaId}`), [areaId]);
  const user = useCurrentUser();
  if (!area) return <Spin spinning={loading} style={{ display: 'block', marginTop: 40 }} />;
  const names = (ids: number[]) => ids.map(nameOfId).join('、');

  return (
    <Spin spinning={loading}>
      <Card
        title={area.name}
        size="small"
        style={{ marginBottom: 16 }}
        extra={allowed(user.role, 'areas.manage') && <AreaActions area={area} onChanged={onChanged} />}
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="区划代码">{area.code}</Descriptions.Item>
          <Descriptions.Item label="类别">{nameOf(AREA_KIND_NAMES, area.kind)}</Descriptions.Item>
          <Descriptions.Item label="城乡">{area.urban ? <Tag color="blue">城镇</Tag> : <Tag color="green">乡村</Tag>}</Descriptions.Item>
          <Descriptions.Item label="有效期">
            {area.validFrom} 起{area.validTo ? ` 至 ${area.validTo}（已撤销）` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="历次名称与代码" size="small" style={{ marginBottom: 16 }}>
        <Table<AreaVersion>
          rowKey={(v) => `${v.validFrom}-${v.code}`}
          size="small"
          pagination={false}
          dataSource={area.versions}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '代码', dataIndex: 'code' },
            { title: '城乡', dataIndex: 'urban', render: (urban: boolean) => (urban ? '城镇' : '乡村') },
            { title: '起始日期', dataIndex: 'validFrom' },
            { title: '终止日期', dataIndex: 'validTo', render: (to: string | null) => to ?? '至今' },
          ]}
        />
      </Card>
      <Card title="调整记录" size="small">
        {area.changes.length === 0 ? (
          <Empty description="没有调整记录" />
        ) : (
          <Table<AreaChange>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={area.changes}
            columns={[
              { title: '生效日期', dataIndex: 'effective' },
              { title: '调整', dataIndex: 'kind', render: (kind: string) => nameOf(AREA_CHANGE_NAMES, kind) },
              { title: '原区划', dataIndex: 'fromAreaIds', render: names },
              { title: '新区划', dataIndex: 'toAreaIds', render: names },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
        )}
      </Card>
    </Spin>
  );
}
