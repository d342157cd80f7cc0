import { App, Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { ClassANotice } from './ClassANotice.tsx';
import type { AlertItem } from './card-types.ts';

/** 甲类传染病预警: class A and managed-as-A cards; the CDC acknowledges each (who and when are kept). */
export default function AlertsPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { text, update } = useQueryParams();
  const open = text('show') !== 'all';
  const alerts = useLoad(() => api<{ items: AlertItem[]; open: number }>('/disease/card-alerts', { query: { open: open || undefined } }), [open]);

  async function acknowledge(id: number) {
    try {
      await api(`/disease/card-alerts/${id}/acknowledge`, { method: 'POST', body: {} });
      message.success('已确认收到');
      alerts.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '操作失败，请稍后重试');
    }
  }

  return (
    <Card title="甲类传染病预警" extra={<Segmented value={open ? 'open' : 'all'} onChange={(v) => update({ show: v === 'all' ? 'all' : undefined })} options={[{ value: 'open', label: '未确认' }, { value: 'all', label: '全部' }]} />}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <ClassANotice />
        <Table<AlertItem>
          rowKey="id"
          loading={alerts.loading}
          dataSource={alerts.data?.items}
          pagination={false}
          locale={{ emptyText: open ? '没有未确认的预警' : '没有预警' }}
          columns={[
            { title: '预警时间', render: (_, a) => formatTime(a.raisedAt) },
            { title: '病种', render: (_, a) => <Tag color="red">{a.disease}</Tag> },
            { title: '患者', dataIndex: 'patientName' },
            { title: '现住址', dataIndex: 'areaName' },
            { title: '报告单位', dataIndex: 'institutionName' },
            { title: '诊断时间', render: (_, a) => formatTime(a.diagnosedAt) },
            { title: '报告卡', render: (_, a) => <Link to={`/disease/cards/${a.cardId}`}>第 {a.cardId} 号</Link> },
            {
              title: '确认收到',
              render: (_, a) =>
                a.acknowledgedAt ? `${a.acknowledgedBy} ${formatTime(a.acknowledgedAt)}` : allowed(user.role, 'disease.confirm') ? <Button danger size="small" onClick={() => acknowledge(a.id)}>确认收到</Button> : '待县疾控确认',
            },
          ]}
        />
      </Space>
    </Card>
  );
}
