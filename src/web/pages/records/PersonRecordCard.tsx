import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Progress, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { formatTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { RECORD_MEDIA } from '../../../publichealth/records/code-lists.ts';
import { SECTION_NAMES } from '../../../publichealth/records/sections.ts';
import { describe, SECTIONS, type SectionSpec } from './section-fields.ts';
import { RecordInfoModal } from './RecordInfoModal.tsx';
import { HealthCheckButton } from './HealthCheckButton.tsx';
import { RecordTimeline } from './RecordTimeline.tsx';
import { SectionEditModal } from './SectionEditModal.tsx';
import type { HealthRecord, RecordAnswer, RecordVersion } from './types.ts';

const FIELD_NAMES: Record<string, string> = { ...SECTION_NAMES, medium: '档案形式', institutionId: '建档单位', responsibleDoctor: '责任医生' };

/** 健康档案 on the person page, for those who may read records (others do not even ask the server). */
export function PersonRecordCard({ personId }: { personId: number }) {
  const role = useCurrentUser().role;
  return allowed(role, 'records.read') ? <RecordCard personId={personId} mayWrite={allowed(role, 'records.write')} /> : null;
}

/** Open the record, read and edit its sections, see what is missing, the timeline and the history. */
function RecordCard({ personId, mayWrite }: { personId: number; mayWrite: boolean }) {
  const { data, loading, error, reload } = useLoad(() => api<RecordAnswer>(`/records/persons/${personId}`), [personId]);
  const [infoOpen, setInfoOpen] = useState(false);
  const [editing, setEditing] = useState<SectionSpec | null>(null);
  const [round, setRound] = useState(0);

  if (error && !data) return <Card title="健康档案"><Alert type="warning" showIcon title={error.message} /></Card>;
  if (!data) return <Card title="健康档案"><Spin spinning={loading} /></Card>;

  const { person, record, dynamicUse, warnings } = data;
  const saved = () => {
    setEditing(null);
    setInfoOpen(false);
    reload();
    setRound((n) => n + 1);
  };

  if (!record) {
    return (
      <Card title="健康档案">
        <Empty description={person.status === 'alive' ? '尚未建立健康档案' : '尚未建立健康档案（该居民已不在册，不能再建档）'}>
          {mayWrite && person.status === 'alive' && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setInfoOpen(true)}>
              建立健康档案
            </Button>
          )}
        </Empty>
        <RecordInfoModal personId={personId} personName={person.name} birthDate={person.birthDate} open={infoOpen} onClose={() => setInfoOpen(false)} onSaved={saved} />
      </Card>
    );
  }

  const { status } = record;
  const closed = status.status === 'closed';
  const editable = mayWrite && !closed;
  const { completeness } = record;
  const missingBySection = new Map<string, string[]>();
  for (const m of completeness.missing) missingBySection.set(m.section, [...(missingBySection.get(m.section) ?? []), m.label]);

  return (
    <Card
      title={`健康档案 ${record.recordNo}`}
      extra={
        editable && (
          <Space>
            <HealthCheckButton personId={personId} birthDate={person.birthDate} onSaved={saved} />
            <Button icon={<EditOutlined />} onClick={() => setInfoOpen(true)}>编辑档案信息</Button>
          </Space>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {closed && <Alert type="info" showIcon title={`该居民已${status.reasonName}（${status.closedOn ?? '日期不详'}），档案已结案，只能查看`} />}
        {warnings.map((w) => <Alert key={w.module} type="warning" showIcon title={w.message} />)}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="档案编号">{record.recordNo}</Descriptions.Item>
          <Descriptions.Item label="状态">{closed ? <Tag>已结案（{status.reasonName}）</Tag> : <Tag color="green">在用</Tag>}</Descriptions.Item>
          <Descriptions.Item label="档案形式">{RECORD_MEDIA.find((m) => m.code === record.medium)?.name}</Descriptions.Item>
          <Descriptions.Item label="建档日期">{record.createdOn}</Descriptions.Item>
          <Descriptions.Item label="建档单位">{record.institutionName ?? <Typography.Text type="warning">未填写</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label="责任医生">{record.responsibleDoctor ?? <Typography.Text type="warning">未填写</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label="建档人">{record.createdByName}</Descriptions.Item>
          <Descriptions.Item label="最近修改">{formatTime(record.updatedAt)}（第 {record.version} 版）</Descriptions.Item>
          <Descriptions.Item label="动态使用">
            {dynamicUse?.inUse ? (
              <Tag color="green">是（最近服务 {dynamicUse.lastService}）</Tag>
            ) : (
              <Tag color="orange">否：{dynamicUse?.from} 至 {dynamicUse?.to} 无服务记录</Tag>
            )}
          </Descriptions.Item>
        </Descriptions>
        <div>
          <Space align="center">
            <span>档案完整性：</span>
            <Progress percent={Math.round((completeness.filled / completeness.required) * 100)} size="small" style={{ width: 200 }} status={completeness.complete ? 'success' : 'active'} />
            <span>{completeness.complete ? '必填项目已全部填写' : `已填 ${completeness.filled} / ${completeness.required} 项`}</span>
          </Space>
          {!completeness.complete && (
            <div style={{ marginTop: 8 }}>
              {[...missingBySection].map(([section, labels]) => (
                <div key={section}>
                  <Typography.Text type="secondary">{SECTION_NAMES[section as keyof typeof SECTION_NAMES]}缺：</Typography.Text>
                  {labels.map((l) => <Tag key={l} color="orange">{l}</Tag>)}
                </div>
              ))}
            </div>
          )}
        </div>
        <Tabs
          items={[
            {
              key: 'info',
              label: '基本信息',
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {SECTIONS.map((spec) => (
                    <Card
                      key={spec.key}
                      size="small"
                      title={spec.title}
                      extra={editable && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(spec)}>编辑</Button>}
                    >
                      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                        {describe(spec, record.sections[spec.key]).map((d) => (
                          <Descriptions.Item key={d.label} label={d.label}>
                            {d.text || <Typography.Text type="secondary">未填写</Typography.Text>}
                          </Descriptions.Item>
                        ))}
                      </Descriptions>
                    </Card>
                  ))}
                </Space>
              ),
            },
            { key: 'timeline', label: '服务时间轴', children: <RecordTimeline personId={personId} refreshKey={round} /> },
            { key: 'versions', label: '修改记录', children: <RecordVersions personId={personId} refreshKey={round} /> },
          ]}
        />
      </Space>
      <RecordInfoModal personId={personId} personName={person.name} birthDate={person.birthDate} record={record} open={infoOpen} onClose={() => setInfoOpen(false)} onSaved={saved} />
      <SectionEditModal personId={personId} record={record} spec={editing} onClose={() => setEditing(null)} onSaved={saved} />
    </Card>
  );
}

function RecordVersions({ personId, refreshKey }: { personId: number; refreshKey: number }) {
  const { data, loading } = useLoad(() => api<RecordVersion[]>(`/records/persons/${personId}/versions`), [personId, refreshKey]);
  return (
    <Table<RecordVersion>
      rowKey="version"
      size="small"
      loading={loading}
      dataSource={data ?? []}
      pagination={false}
      columns={[
        { title: '版本', dataIndex: 'version', width: 70 },
        { title: '时间', dataIndex: 'changedAt', render: (v: string) => formatTime(v), width: 180 },
        { title: '修改人', dataIndex: 'changedByName', width: 120 },
        { title: '内容', dataIndex: 'changed', render: (c: string[], v) => (v.version === 1 ? '建立档案' : c.map((k) => FIELD_NAMES[k] ?? k).join('、')) },
      ]}
      expandable={{
        rowExpandable: (v) => v.version > 1,
        expandedRowRender: (v) => (
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label="修改前"><pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(v.before, null, 2)}</pre></Descriptions.Item>
            <Descriptions.Item label="修改后"><pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(v.after, null, 2)}</pre></Descriptions.Item>
          </Descriptions>
        ),
      }}
    />
  );
}
